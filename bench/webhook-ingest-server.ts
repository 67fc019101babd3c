import type { AddressInfo } from "node:net";
import express from "express";
import { pino } from "pino";
import { openBullmqInbox } from "../src/adapters/queue/bullmq-inbox.js";
import { openSqliteInbox } from "../src/adapters/queue/sqlite-inbox.js";
import { createWebhookRoutes } from "../src/http/webhook-routes.js";

// The server side of bench/webhook-ingest.ts, in its own process so the load generator does not
// take its CPU (and the process the kill -9 tests kill, test/support/start-intake-process.ts): the real route and SQLite inbox, the port on stdout, a clean stop on SIGTERM, and
// its CPU time (process.cpuUsage, µs) on request over the IPC channel.
// Usage: node dist/bench/webhook-ingest-server.js <db file> <client secret> <public base url> [fsync | redis://…]
// A redis:// URL as the last argument puts the BullMQ inbox (REDIS_URL) in place of the SQLite file.

const [file, clientSecret, publicBaseUrl, store] = process.argv.slice(2);
if (file === undefined || clientSecret === undefined || publicBaseUrl === undefined) {
  throw new Error(
    "usage: webhook-ingest-server.js <db file> <client secret> <public base url> [fsync | redis://…]",
  );
}
const inbox = store?.startsWith("redis://")
  ? await openBullmqInbox({ url: store })
  : openSqliteInbox({ file, fsync: store === "fsync" });
const app = express();
app.use(
  createWebhookRoutes({
    clientSecret,
    publicBaseUrl,
    inbox,
    now: () => Date.now(),
    logger: pino({ level: "warn" }),
  }),
);
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on("message", () => {
  const { user, system } = process.cpuUsage();
  process.send?.({ cpuUs: user + system });
});
process.on("SIGTERM", () => {
  process.disconnect?.();
  server.close(() => void inbox.close().then(() => process.exit(0)));
  server.closeAllConnections();
});
