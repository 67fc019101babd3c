import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { parseWebhookBatch } from "../../../src/hubspot/parse-webhook-batch.js";
import { verifyWebhookV3 } from "../../../src/hubspot/verify-webhook-v3.js";
import { defaultSandboxApp } from "../../../src/sandbox/create-sandbox-server.js";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";

// The sandbox's webhook sender against a tiny receiver that checks every delivery with the app's
// own v3 verifier (docs/hubspot.md §Webhook signatures (v3)), at the sandbox clock's time, as the app does in sandbox mode.

type Event = Record<string, unknown>;

/** `verifyAtMs`: the receiver's own time, checked against the signature's (the app's clock in sandbox mode). */
async function startReceiver(
  answer: (attempt: number, events: Event[]) => number = () => 200,
  delayMs = 0,
  verifyAtMs: () => number = () => SANDBOX_EPOCH_MS,
) {
  const batches: Event[][] = [];
  const rejected: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const app = express();
  app.post("/webhooks/hubspot", express.raw({ type: () => true }), async (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      verifyWebhookV3({
        clientSecret: defaultSandboxApp.clientSecret,
        method: req.method,
        uri: `${base}${req.originalUrl}`,
        body: req.body as Buffer,
        signature: req.get("x-hubspot-signature-v3"),
        timestamp: req.get("x-hubspot-request-timestamp"),
        nowMs: verifyAtMs(),
      });
    } catch (error) {
      rejected.push((error as Error).message);
      inFlight--;
      return void res.status(401).end();
    }
    const events = JSON.parse((req.body as Buffer).toString("utf8")) as Event[];
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const status = answer(Number(events[0]?.attemptNumber), events);
    if (status < 300) batches.push(events);
    inFlight--;
    res.status(status).end();
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/webhooks/hubspot`,
    base,
    batches,
    rejected,
    maxInFlight: () => maxInFlight,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

let s: TestSandbox | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await s?.close();
  await receiver?.close();
  s = undefined;
  receiver = undefined;
});

/** The seed's contacts (ids are shared by every object type, so contacts do not start at 1). */
const contactIds = () => (s as TestSandbox).sandbox.portal.records.page("contacts", 0, 100).map((r) => r.id);

const fast = { retryBaseMs: 1, retryMaxMs: 5, pollMs: 10, random: () => 0 };
const drain = async () => (await s?.call("POST", "/__sandbox/webhooks/drain"))?.json;

describe("the sandbox webhook sender", () => {
  it("delivers a user's property edit as a signed contact.propertyChange in HubSpot's shape", async () => {
    receiver = await startReceiver();
    s = await startTestSandbox({ webhookTargetUrl: receiver.url, webhooks: fast });
    const [id] = contactIds();
    await s.call("PATCH", `/__sandbox/records/contacts/${id}`, { properties: { jobtitle: "CTO" } });
    const stats = await drain();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.batches).toHaveLength(1);
    const [event] = receiver.batches[0] ?? [];
    expect(event).toEqual({
      eventId: expect.any(Number),
      subscriptionId: expect.any(Number),
      portalId: s.sandbox.portal.portalId,
      appId: defaultSandboxApp.appId,
      occurredAt: SANDBOX_EPOCH_MS,
      subscriptionType: "contact.propertyChange",
      attemptNumber: 0,
      objectId: id,
      changeSource: "CRM_UI",
      propertyName: "jobtitle",
      propertyValue: "CTO",
    });
    expect(parseWebhookBatch(receiver.batches[0])).toHaveLength(1);
    expect(stats).toMatchObject({ delivered: { batches: 1, events: 1 }, pendingBatches: 0 });
  });

  it("sends generic object.* events with objectTypeId, and association changes, for a logged meeting", async () => {
    receiver = await startReceiver();
    s = await startTestSandbox({ webhookTargetUrl: receiver.url, webhooks: fast });
    const [id] = contactIds();
    await s.call("POST", "/__sandbox/engagements", { type: "meeting", contactId: id });
    await drain();
    const events = receiver.batches.flat();
    expect(events).toContainEqual(
      expect.objectContaining({
        subscriptionType: "object.creation",
        objectTypeId: "0-47",
        changeFlag: "NEW",
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        subscriptionType: "contact.associationChange",
        associationType: "CONTACT_TO_MEETING",
        fromObjectId: id,
        associationRemoved: false,
      }),
    );
    expect(() => parseWebhookBatch(events)).not.toThrow();
  });

  it("sends batches under 100 events, at most 10 at once, each change once", async () => {
    receiver = await startReceiver(() => 200, 100);
    s = await startTestSandbox({ webhookTargetUrl: receiver.url, webhooks: fast });
    const { portal } = s.sandbox;
    const ids = contactIds();
    // 1,500 changes the way API writes make them (one row per property written).
    for (let i = 0; i < 1_500; i++)
      portal.records.update(
        "contacts",
        ids[i % ids.length] as number,
        { jobtitle: `title ${i}` },
        { nowMs: SANDBOX_EPOCH_MS, changeSource: "INTEGRATION" },
      );
    await drain();
    expect(receiver.rejected).toEqual([]);
    expect(Math.max(...receiver.batches.map((b) => b.length))).toBeLessThan(100);
    // The limit holds; how close a loaded machine gets to it is timing, so only "concurrent" is asserted.
    expect(receiver.maxInFlight()).toBeLessThanOrEqual(10);
    expect(receiver.maxInFlight()).toBeGreaterThan(1);
    const eventIds = receiver.batches.flat().map((e) => e.eventId);
    expect(new Set(eventIds).size).toBe(1_500);
    expect(eventIds).toHaveLength(1_500);
  });

  it("retries a failed batch with a higher attemptNumber until it is accepted", async () => {
    receiver = await startReceiver((attempt) => (attempt < 2 ? 503 : 200));
    s = await startTestSandbox({ webhookTargetUrl: receiver.url, webhooks: fast });
    await s.call("PATCH", `/__sandbox/records/contacts/${contactIds()[2]}`, {
      properties: { jobtitle: "VP Sales" },
    });
    const stats = await drain();
    expect(receiver.batches.map((b) => b[0]?.attemptNumber)).toEqual([2]);
    expect(stats).toMatchObject({ failedAttempts: 2, droppedBatches: 0, delivered: { batches: 1 } });
  });

  it("drops a batch after its last retry and moves on", async () => {
    receiver = await startReceiver(() => 500);
    s = await startTestSandbox({ webhookTargetUrl: receiver.url, webhooks: { ...fast, maxRetries: 3 } });
    await s.call("PATCH", `/__sandbox/records/contacts/${contactIds()[3]}`, {
      properties: { jobtitle: "CFO" },
    });
    const stats = await drain();
    expect(stats).toMatchObject({ failedAttempts: 4, droppedBatches: 1, pendingBatches: 0 });
    expect(stats.deliveredSeq).toBeGreaterThan(0);
  });

  it("targets the installing app's origin, and sends nothing from before the install", async () => {
    receiver = await startReceiver();
    s = await startTestSandbox({ webhooks: fast });
    await s.call("PATCH", `/__sandbox/records/contacts/${contactIds()[4]}`, {
      properties: { jobtitle: "before install" },
    });
    const query = new URLSearchParams({
      client_id: defaultSandboxApp.clientId,
      redirect_uri: `${receiver.base}/oauth/callback`,
      scope: "crm.objects.contacts.read",
      sandbox_auto_approve: "1",
    });
    expect((await s.call("GET", `/oauth/authorize?${query}`)).status).toBe(302);
    await s.call("PATCH", `/__sandbox/records/contacts/${contactIds()[4]}`, {
      properties: { jobtitle: "after install" },
    });
    const stats = await drain();
    expect(stats.targetUrl).toBe(receiver.url);
    expect(receiver.batches.flat().map((e) => e.propertyValue)).toEqual(["after install"]);
  });
});

describe("the sandbox webhook sender given the app's subscriptions", () => {
  const jobtitleOnly = [
    {
      subscriptionType: "object.propertyChange",
      objectType: "contact",
      propertyName: "jobtitle",
      active: true,
    },
  ];

  it("sends a subscribed property change in the subscription's form, and not an unsubscribed one", async () => {
    receiver = await startReceiver();
    s = await startTestSandbox({
      webhookTargetUrl: receiver.url,
      webhooks: fast,
      webhookSubscriptions: jobtitleOnly,
    });
    const [id] = contactIds();
    await s.call("PATCH", `/__sandbox/records/contacts/${id}`, {
      properties: { jobtitle: "CTO", city: "Porto" },
    });
    const stats = await drain();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.batches.flat()).toEqual([
      expect.objectContaining({
        subscriptionType: "object.propertyChange",
        objectTypeId: "0-1",
        objectId: id,
        propertyName: "jobtitle",
        propertyValue: "CTO",
      }),
    ]);
    expect(stats).toMatchObject({ subscriptions: 1, unsubscribedChanges: 1, delivered: { events: 1 } });
  });

  it("skips a burst of unsubscribed writes (a rescore's own) and moves its cursor past them", async () => {
    receiver = await startReceiver();
    s = await startTestSandbox({
      webhookTargetUrl: receiver.url,
      webhooks: fast,
      webhookSubscriptions: jobtitleOnly,
    });
    const { portal } = s.sandbox;
    const ids = contactIds();
    const api = { nowMs: SANDBOX_EPOCH_MS, changeSource: "INTEGRATION" };
    for (let i = 0; i < 3_000; i++)
      portal.records.update("contacts", ids[i % ids.length] as number, { ls_fit: String(i) }, api);
    const stats = await drain();
    expect(receiver.batches).toEqual([]);
    expect(stats).toMatchObject({ unsubscribedChanges: 3_000, pendingBatches: 0 });
    expect(stats.deliveredSeq).toBe(portal.changes.read(0, 100_000).at(-1)?.seq);
  });
});

describe("the sandbox webhook sender and a follower of its clock (the app in sandbox mode)", () => {
  it("holds what it signs after a clock move until the follower has read the new time", async () => {
    let followedNowMs = SANDBOX_EPOCH_MS;
    receiver = await startReceiver(
      () => 200,
      0,
      () => followedNowMs,
    );
    s = await startTestSandbox({ webhookTargetUrl: receiver.url, webhooks: fast });
    const sandbox = s;
    const follow = async () => {
      followedNowMs = (await sandbox.call("GET", "/__sandbox/clock?follow=1")).json.nowMs;
    };
    await follow();
    await s.call("POST", "/__sandbox/clock", { advance: "3d" });
    await s.call("PATCH", `/__sandbox/records/contacts/${contactIds()[5]}`, {
      properties: { jobtitle: "COO" },
    });
    const draining = drain();
    await expect.poll(() => sandbox.sandbox.webhooks.stats().pendingBatches).toBe(1);
    expect(sandbox.sandbox.webhooks.stats().held).toBe(true);
    expect(receiver.batches).toEqual([]);
    await follow();
    const stats = await draining;
    expect(receiver.rejected).toEqual([]);
    expect(stats).toMatchObject({ failedAttempts: 0, held: false, delivered: { batches: 1, events: 1 } });
  });
});
