// The webhook intake alone in its own process, for the kill -9 test: the real route and SQLite
// inbox from the build (dist/), the port on stdout as one JSON line.
// Usage: node test/support/webhook-intake-child.mjs <db file> <client secret> <public base url> [redis url]
// With a Redis URL the inbox is the BullMQ one (REDIS_URL, issue 6) and the db file is not used.
import express from "express";
import { openBullmqInbox } from "../../dist/src/adapters/queue/bullmq-inbox.js";
import { openSqliteInbox } from "../../dist/src/adapters/queue/sqlite-inbox.js";
import { createWebhookRoutes } from "../../dist/src/http/webhook-routes.js";
import { createLogger } from "../../dist/src/logger.js";

const [file, clientSecret, publicBaseUrl, redisUrl] = process.argv.slice(2);
const inbox = redisUrl ? await openBullmqInbox({ url: redisUrl }) : openSqliteInbox({ file });
const app = express();
app.use(
  createWebhookRoutes({
    clientSecret,
    publicBaseUrl,
    inbox,
    now: () => Date.now(),
    logger: createLogger("warn"),
  }),
);
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
