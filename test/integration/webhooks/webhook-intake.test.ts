import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import Database from "better-sqlite3";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openSqliteInbox } from "../../../src/adapters/queue/sqlite-inbox.js";
import { createWebhookRoutes, type WebhookRoutesDeps } from "../../../src/http/webhook-routes.js";
import { createLogger } from "../../../src/logger.js";
import type { Inbox } from "../../../src/ports/inbox.js";
import {
  createDummyBatch,
  PUBLIC_BASE_URL,
  privacyDeletion,
  signDelivery,
  T0,
  WEBHOOK_SECRET,
} from "../../fixtures/hubspot/webhook-payloads.js";

// POST /webhooks/hubspot on a real server at port 0, with the SQLite inbox on a temp file. The app
// is built here from the router alone, as main.ts will mount it.

let server: Server;
let base: string;
let inbox: Inbox;
let dir: string;
const clock = { nowMs: T0 };
const logLines: string[] = [];
const failingInbox = { failing: false };

async function listen(deps: WebhookRoutesDeps): Promise<[Server, string]> {
  const app = express();
  app.use(createWebhookRoutes(deps));
  const s = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => s.once("listening", resolve));
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
}

const post = (
  delivery: { body: string | Buffer; headers: Record<string, string> },
  path = "/webhooks/hubspot",
) => fetch(`${base}${path}`, { method: "POST", headers: delivery.headers, body: delivery.body });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ls-webhooks-"));
  inbox = openSqliteInbox({ file: join(dir, "inbox.sqlite"), now: () => clock.nowMs });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const append: Inbox["append"] = (events) =>
    failingInbox.failing ? Promise.reject(new Error("SQLITE_FULL")) : inbox.append(events);
  [server, base] = await listen({
    clientSecret: WEBHOOK_SECRET,
    publicBaseUrl: PUBLIC_BASE_URL,
    inbox: { append },
    now: () => clock.nowMs,
    logger: createLogger("debug", sink),
  });
});
beforeEach(() => {
  clock.nowMs = T0;
  failingInbox.failing = false;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await inbox.close();
  rmSync(dir, { recursive: true, force: true });
  const logs = logLines.join("");
  // Never the secret, never a signature (docs/architecture.md §Logs).
  expect(logs).not.toContain(WEBHOOK_SECRET);
  expect(logs).not.toContain(signDelivery("[]").headers["x-hubspot-signature-v3"]);
});

describe("POST /webhooks/hubspot", () => {
  it("accepts a signed 100-event delivery with 200 once its events are stored", async () => {
    const before = (await inbox.counts()).pending;
    const res = await post(signDelivery(JSON.stringify(createDummyBatch(100, 1))));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 100, stored: 100, duplicates: 0 });
    expect((await inbox.counts()).pending).toBe(before + 100);
  });

  it("stores a duplicate delivery once: HubSpot's retry is acknowledged, not stored again", async () => {
    const batch = createDummyBatch(10, 1_000);
    expect((await post(signDelivery(JSON.stringify(batch)))).status).toBe(200);
    const before = await inbox.counts();
    clock.nowMs = T0 + 60_000;
    const retry = JSON.stringify(batch.map((e) => ({ ...e, attemptNumber: 1 })));
    const res = await post(signDelivery(retry, { timestampMs: clock.nowMs }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 10, stored: 0, duplicates: 10 });
    expect(await inbox.counts()).toEqual(before);
  });

  it("acknowledges events of portals and types it ignores with 200 (docs/hubspot.md §Webhook delivery)", async () => {
    const body = JSON.stringify([{ ...privacyDeletion, portalId: 999, subscriptionType: "ticket.creation" }]);
    expect((await post(signDelivery(body))).status).toBe(200);
    expect((await post(signDelivery("[]"))).status).toBe(200);
  });

  it("verifies the signature on the raw bytes, whatever the Content-Type", async () => {
    const body = `[ ${JSON.stringify(createDummyBatch(1, 2_000)[0], null, 2)} ]`;
    const delivery = signDelivery(body);
    delivery.headers["content-type"] = "text/plain";
    expect((await post(delivery)).status).toBe(200);
  });

  it("signs the query string too: PUBLIC_BASE_URL + path + query", async () => {
    const path = "/webhooks/hubspot?source=hs%3Aprod";
    expect((await post(signDelivery("[]", { path }), path)).status).toBe(200);
    expect((await post(signDelivery("[]"), path)).status).toBe(401);
  });

  it.each([
    ["a wrong signature", () => signDelivery("[]", { secret: "another-secret" }), "mismatch"],
    ["a body changed after signing", () => ({ ...signDelivery("[]"), body: "[ ]" }), "mismatch"],
    ["a stale timestamp", () => signDelivery("[]", { timestampMs: T0 - 5 * 60_000 - 1 }), "stale_timestamp"],
    [
      "a timestamp from the future",
      () => signDelivery("[]", { timestampMs: T0 + 60_001 }),
      "future_timestamp",
    ],
    [
      "no signature",
      () => ({ body: "[]", headers: { "x-hubspot-request-timestamp": String(T0) } }),
      "missing_signature",
    ],
  ])("rejects %s with 401 saying which check failed", async (_what, delivery, reason) => {
    const before = await inbox.counts();
    const res = await post(delivery());
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "invalid_signature", reason });
    expect(JSON.stringify(body)).not.toContain(WEBHOOK_SECRET);
    expect(await inbox.counts()).toEqual(before);
  });

  it.each([
    ["an object", '{"events":[]}', /expected a JSON array of events/, ""],
    ["text that is not JSON", "hello", /the body is not JSON/, ""],
    [
      "an event without portalId",
      JSON.stringify([{ ...privacyDeletion, portalId: undefined }]),
      /\[0\]\.portalId: required/,
      "[0].portalId",
    ],
  ])("rejects %s with 400 naming the path", async (_what, body, message, path) => {
    const res = await post(signDelivery(body));
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: string; message: string; problems: { path: string }[] };
    expect(json.error).toBe("invalid_payload");
    expect(json.message).toMatch(message);
    expect(json.problems[0]?.path).toBe(path);
  });

  it("rejects a body over 1 MB with 413 before reading it", async () => {
    const body = Buffer.alloc(1024 * 1024 + 1, " ");
    const res = await post(signDelivery(body.toString()));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: "payload_too_large" });
  });

  it("accepts a body of exactly 1 MB", async () => {
    const batch = JSON.stringify(createDummyBatch(1, 3_000));
    const body = batch.padEnd(1024 * 1024, " ");
    expect((await post(signDelivery(body))).status).toBe(200);
  });

  it("answers 503 to a delivery SQLite refuses, storing none of it, and 200 to one sent beside it", async () => {
    // Any row of portal 666 aborts its INSERT: a failure inside the database, half-way through a delivery.
    const db = new Database(join(dir, "inbox.sqlite"));
    db.exec(`CREATE TRIGGER refuse_666 BEFORE INSERT ON webhook_inbox WHEN NEW.portal_id = 666
             BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const refused = [...createDummyBatch(120, 5_000), ...createDummyBatch(30, 5_120, 666)];
    const before = (await inbox.counts()).pending;
    const [bad, good] = await Promise.all([
      post(signDelivery(JSON.stringify(refused))),
      post(signDelivery(JSON.stringify(createDummyBatch(100, 6_000)))),
    ]);
    db.exec("DROP TRIGGER refuse_666");
    db.close();
    expect([bad.status, good.status]).toEqual([503, 200]);
    expect((await inbox.counts()).pending).toBe(before + 100);
  });

  it("answers 503 when the inbox cannot store the delivery, so HubSpot retries it", async () => {
    failingInbox.failing = true;
    const res = await post(signDelivery(JSON.stringify(createDummyBatch(2, 4_000))));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: "inbox_unavailable" });
  });
});
