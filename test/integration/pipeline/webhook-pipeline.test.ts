import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mockPipelineWorld, type PipelineWorld } from "../../fixtures/hubspot/mock-pipeline-world.js";
import {
  createDummyGenericEvent,
  createDummyPropertyChange,
  T0,
} from "../../fixtures/hubspot/webhook-payloads.js";
import { createContactLeadWorld } from "../../fixtures/pipeline/create-contact-lead-world.js";
import { startPipelineApp } from "../../fixtures/pipeline/start-pipeline-app.js";
import { companyEngagement, contactLead } from "../../fixtures/pipeline-definitions.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";

// docs/architecture.md §From webhook to written value, end to end: signed deliveries on a real server →
// SQLite inbox → worker → fan-out → rescore → score properties written in the nock-played portal.

const PORTAL = 62515;
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const clock = { nowMs: T0 };
let world: PipelineWorld;
let crm: ReturnType<typeof mockPipelineWorld>;
let app: Awaited<ReturnType<typeof startPipelineApp>>;
let nextEventId = 1;

const contactChange = (objectId: number, propertyName: string, extra: Record<string, unknown> = {}) =>
  createDummyPropertyChange({ eventId: nextEventId++, objectId, propertyName, propertyValue: "x", ...extra });
const meetingChange = (objectId: number) =>
  createDummyGenericEvent({
    eventId: nextEventId++,
    objectTypeId: "0-47",
    objectId,
    propertyName: "hs_meeting_outcome",
  });
const updates = (type: string) =>
  crm.paths().filter((p) => p === `POST /crm/v3/objects/${type}/batch/update`).length;

allowOnlyLocalhost();

beforeEach(async () => {
  clock.nowMs = T0;
  world = createContactLeadWorld(() => clock.nowMs, {
    "1": { jobtitle: "CTO", lifecyclestage: "lead" },
    "2": { jobtitle: "Intern" },
    "666": { jobtitle: "CTO" },
  });
  world.objects.calls = { "80": { hs_timestamp: iso(T0 - day) } };
  world.poison.add("contacts:666");
  crm = mockPipelineWorld(world);
  app = await startPipelineApp({
    portalId: PORTAL,
    definitions: [contactLead(), companyEngagement()],
    clock,
  });
});
afterEach(async () => {
  await app.close();
  nock.cleanAll();
});

describe("webhook worker", () => {
  it("writes a contact's scores after a signed meeting change, reaching the contact through the association", async () => {
    expect((await app.deliver([meetingChange(70)])).status).toBe(200);
    await app.pipeline.worker.drain();
    expect(world.objects.contacts?.["1"]).toMatchObject({
      ls_lead: "18",
      ls_lead_engagement: "10",
      ls_lead_fit: "8",
      ls_lead_threshold: "C2",
    });
    expect(updates("companies")).toBe(0);
    const history = await app.records.history({ portalId: PORTAL, object: "contacts", recordId: "1" });
    expect(history.find((h) => h.property === "ls_lead")).toMatchObject({
      new: "18",
      cause: "webhook",
      // What happened, kept as data for the page to say in words (docs/scoring.md §History).
      reasons: [{ kind: "property", object: "meetings", property: "hs_meeting_outcome" }],
      atMs: T0,
    });
    expect(await app.inbox.counts()).toMatchObject({ pending: 0, processing: 0, done: 1, parked: 0 });
  });

  it("follows a call to its contact's company (company engagement aggregates contacts' events)", async () => {
    world.associations.push(["contacts", "1", "calls", "80"]);
    await app.deliver([
      createDummyGenericEvent({
        eventId: 9,
        subscriptionType: "object.creation",
        objectTypeId: "0-48",
        objectId: 80,
      }),
    ]);
    await app.pipeline.worker.drain();
    expect(world.objects.companies?.["5"]?.ls_company).toBe("4");
  });

  it("processes a retried delivery once and coalesces events of one record into one rescore", async () => {
    const events = [contactChange(1, "jobtitle"), meetingChange(70)];
    expect((await app.deliver(events)).body).toMatchObject({ stored: 2, duplicates: 0 });
    // HubSpot's retry: same events, next attemptNumber (not part of the dedupe key).
    const retry = events.map((e) => ({ ...e, attemptNumber: 1 }));
    expect((await app.deliver(retry)).body).toMatchObject({ stored: 0, duplicates: 2 });
    await app.pipeline.worker.drain();
    expect(crm.paths().filter((p) => p === "POST /crm/v3/objects/contacts/batch/read")).toHaveLength(1);
    expect(updates("contacts")).toBe(1);
    expect(world.objects.contacts?.["1"]?.ls_lead).toBe("18");
  });

  it("scores from current data whatever order events arrive in", async () => {
    // The later change comes first, the earlier (its value long gone) last: the score follows HubSpot now.
    await app.deliver([contactChange(1, "jobtitle", { propertyValue: "CTO", occurredAt: T0 - 1_000 })]);
    await app.pipeline.worker.drain();
    await app.deliver([contactChange(1, "jobtitle", { propertyValue: "Intern", occurredAt: T0 - 60_000 })]);
    await app.pipeline.worker.drain();
    expect(world.objects.contacts?.["1"]?.ls_lead_fit).toBe("8");
    expect(updates("contacts")).toBe(1);
  });

  it("parks a poison event after its last attempt while the rest of its batch is written; /parked and /metrics show it", async () => {
    await app.deliver([contactChange(666, "jobtitle"), contactChange(1, "jobtitle")]);
    await app.pipeline.worker.drain();
    expect(world.objects.contacts?.["1"]?.ls_lead).toBe("18");
    expect(await app.inbox.counts()).toMatchObject({ done: 1, parked: 1, pending: 0, processing: 0 });
    const parked = (await (await app.get(`/api/portals/${PORTAL}/parked`)).json()) as {
      parked: Record<string, unknown>[];
    };
    expect(parked.parked).toHaveLength(1);
    expect(parked.parked[0]).toMatchObject({ objectType: "contacts", objectId: "666", attempts: 3 });
    expect(String(parked.parked[0]?.error)).toContain("contacts 666");
    expect((await app.get("/api/portals/777/parked")).status).toBe(404);
    app.countRateLimit();
    app.countTimeout();
    app.countTimeout();
    const metrics = await (await fetch(`${app.base}/metrics`)).text();
    expect(metrics).toContain('lead_score_inbox_entries{status="parked"} 1');
    expect(metrics).toContain("lead_score_parked_events 1");
    expect(metrics).toContain("lead_score_hubspot_rate_limited_total 1");
    expect(metrics).toContain("lead_score_hubspot_timeouts_total 2");
    expect(metrics).toMatch(/lead_score_rescore_batches_failed_total [1-9]/);
    expect(metrics).toContain('lead_score_records_rescored_total{cause="webhook"} 1');
  });

  it("drops changes of its own score properties without calling HubSpot", async () => {
    await app.deliver([
      contactChange(1, "ls_lead"),
      contactChange(1, "ls_lead_threshold"),
      contactChange(1, "firstname"),
    ]);
    await app.pipeline.worker.drain();
    expect(crm.requests).toEqual([]);
    expect(await app.inbox.counts()).toMatchObject({ done: 3 });
    const metrics = await (await fetch(`${app.base}/metrics`)).text();
    expect(metrics).toContain(
      'lead_score_webhook_events_dropped_total{reason="a score property this app writes"} 2',
    );
  });

  it("drops events of portals that are not installed", async () => {
    await app.deliver([contactChange(1, "jobtitle", { portalId: 424242 })]);
    await app.pipeline.worker.drain();
    expect(crm.requests).toEqual([]);
    expect(await app.inbox.counts()).toMatchObject({ done: 1 });
  });

  it("erases everything held about a contact on contact.privacyDeletion", async () => {
    await app.deliver([meetingChange(70)]);
    await app.pipeline.worker.drain();
    const ref = { portalId: PORTAL, object: "contacts" as const, recordId: "1" };
    await app.records.setReset(ref, "contact-lead", T0 - day);
    expect((await app.records.history(ref)).length).toBeGreaterThan(0);
    expect((await app.dueIndex.due(T0 + 365 * day, 10)).map((d) => d.recordId)).toEqual(["1"]);
    await app.deliver([
      createDummyPropertyChange({ eventId: 99, eventType: "contact.privacyDeletion", objectId: 1 }),
    ]);
    await app.pipeline.worker.drain();
    expect(await app.records.history(ref)).toEqual([]);
    expect((await app.records.resets(PORTAL, "contacts", ["1"])).size).toBe(0);
    expect(await app.dueIndex.count()).toBe(0);
  });

  it("moves a merged contact's history to the survivor and rescores the survivor", async () => {
    const merged = { portalId: PORTAL, object: "contacts" as const, recordId: "2" };
    await app.records.appendHistory(merged, [
      { property: "ls_lead", old: null, new: "3", threshold: null, atMs: T0 - day, cause: "webhook" },
    ]);
    await app.deliver([
      createDummyPropertyChange({
        eventId: 77,
        eventType: "contact.merge",
        objectId: 1,
        primaryObjectId: 1,
        mergedObjectIds: [2],
        newObjectId: 1,
      }),
    ]);
    await app.pipeline.worker.drain();
    const survivor = await app.records.history({ ...merged, recordId: "1" });
    expect(survivor.map((h) => [h.property, h.new])).toContainEqual(["ls_lead", "3"]);
    expect(survivor.map((h) => [h.property, h.new])).toContainEqual(["ls_lead", "18"]);
    expect(await app.records.history(merged)).toEqual([]);
  });
});
