import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mockPipelineWorld, type PipelineWorld } from "../../fixtures/hubspot/mock-pipeline-world.js";
import { createDummyGenericEvent, T0 } from "../../fixtures/hubspot/webhook-payloads.js";
import { createContactLeadWorld } from "../../fixtures/pipeline/create-contact-lead-world.js";
import { startPipelineApp } from "../../fixtures/pipeline/start-pipeline-app.js";
import { contactLead } from "../../fixtures/pipeline-definitions.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";

// Freshness beyond webhooks (docs/decisions.md §Freshness without webhooks): the modified-records poller,
// list memberships, the decay cron and the daily sweep, each driven by calling the scheduler's task directly
// with an injected clock.

const PORTAL = 62515;
const day = 86_400_000;
const minute = 60_000;
const clock = { nowMs: T0 };
let world: PipelineWorld;
let crm: ReturnType<typeof mockPipelineWorld>;
let app: Awaited<ReturnType<typeof startPipelineApp>>;
const contactUpdates = () =>
  crm.paths().filter((p) => p === "POST /crm/v3/objects/contacts/batch/update").length;
const historyOf = (recordId: string) =>
  app.records.history({ portalId: PORTAL, object: "contacts", recordId });
/** HubSpot's event for a change of meeting 70's outcome. */
const meetingOutcomeChange = (eventId: number) =>
  createDummyGenericEvent({
    eventId,
    objectTypeId: "0-47",
    objectId: 70,
    propertyName: "hs_meeting_outcome",
  });

allowOnlyLocalhost();

async function start(definitions = [contactLead()]) {
  app = await startPipelineApp({ portalId: PORTAL, definitions, clock });
}

beforeEach(() => {
  clock.nowMs = T0;
  world = createContactLeadWorld(() => clock.nowMs, {
    "1": { jobtitle: "CTO" },
    "2": { jobtitle: "Intern" },
  });
  crm = mockPipelineWorld(world);
});
afterEach(async () => {
  await app.close();
  nock.cleanAll();
});

describe("modified-records poller", () => {
  it("starts its cursor on the first run, then rescores a record changed without any webhook", async () => {
    await start();
    await app.pipeline.scheduler.run("poll-modified");
    expect(crm.requests).toEqual([]);
    expect(await app.pollState.cursor(PORTAL, "contacts")).toBe(T0);

    world.objects.contacts = { ...world.objects.contacts, "2": { jobtitle: "CTO" } };
    world.modifiedAtMs["contacts:2"] = T0 + minute;
    clock.nowMs = T0 + 5 * minute;
    await app.pipeline.scheduler.run("poll-modified");
    expect(world.objects.contacts?.["2"]).toMatchObject({
      ls_lead: "5",
      ls_lead_fit: "5",
      ls_lead_threshold: "C3",
    });
    expect((await historyOf("2")).map((h) => h.cause)).toContain("poll");
    expect(await app.pollState.cursor(PORTAL, "contacts")).toBe(T0 + 5 * minute);
  });

  it("reaches contacts from a company changed without a webhook (reverse `of` edge)", async () => {
    await start();
    await app.pipeline.scheduler.run("poll-modified");
    world.objects.companies = { "5": { industry: "Retail" } };
    world.modifiedAtMs["companies:5"] = T0 + minute;
    clock.nowMs = T0 + 5 * minute;
    await app.pipeline.scheduler.run("poll-modified");
    // Contact 1: meeting 10, CTO 5, no longer Hospitality.
    expect(world.objects.contacts?.["1"]?.ls_lead).toBe("15");
  });
});

describe("list memberships", () => {
  it("rescores contacts that joined or left a scope list since the last read", async () => {
    world.lists = { "7": ["1"] };
    world.objects.contacts = { ...world.objects.contacts, "1": { jobtitle: "CTO", ls_lead: "18" } };
    await start([contactLead({ records: { mode: "lists", include: ["7"], exclude: [] } })]);
    await app.pipeline.scheduler.run("poll-lists");
    expect(contactUpdates()).toBe(0);
    expect(await app.pollState.members(PORTAL, "7")).toEqual(["1"]);

    world.lists = { "7": ["2"] };
    await app.pipeline.scheduler.run("poll-lists");
    expect(world.objects.contacts?.["2"]?.ls_lead).toBe("0");
    expect((await historyOf("2")).map((h) => h.cause)).toContain("scope");
    // Contact 1 left the scope: its score is cleared (docs/scoring.md §Scopes).
    expect(world.objects.contacts?.["1"]?.ls_lead).toBe("");
    expect(await app.pollState.members(PORTAL, "7")).toEqual(["2"]);
  });
});

// The meeting ended 2 days before T0; 50 % per 30 days halves it 30 days after it (docs/scoring.md §Decay).
const stepAt = T0 - 2 * day + 30 * day;
/** Contact 1 scored through a webhook on its meeting: 18 points until stepAt. */
async function scoreContactOneAfterItsMeeting() {
  await start();
  await app.deliver([meetingOutcomeChange(1)]);
  await app.pipeline.worker.drain();
}

describe("decay cron", () => {
  it("rescores a record when its nextChangeAt passes, and not before", async () => {
    await scoreContactOneAfterItsMeeting();
    expect(world.objects.contacts?.["1"]?.ls_lead).toBe("18");
    expect(await app.dueIndex.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([
      { portalId: PORTAL, object: "contacts", recordId: "1", dueAtMs: stepAt },
    ]);
    crm.clear();
    clock.nowMs = stepAt - 1;
    await app.pipeline.scheduler.run("decay");
    expect(crm.requests).toEqual([]);

    clock.nowMs = stepAt;
    await app.pipeline.scheduler.run("decay");
    expect(world.objects.contacts?.["1"]).toMatchObject({ ls_lead: "13", ls_lead_engagement: "5" });
    expect((await historyOf("1")).at(-1)).toMatchObject({ cause: "decay", atMs: stepAt });
    expect((await app.dueIndex.due(Number.MAX_SAFE_INTEGER, 10))[0]?.dueAtMs).toBe(stepAt + 30 * day);
  });

  it.each([
    ["HubSpot refuses its batch read", () => world.poison.add("contacts:1")],
    [
      "its snapshot is unusable",
      // Not a value any property can hold: parseSnapshot refuses the record (docs/scoring.md §Record snapshot).
      () => Object.assign(world.objects.contacts?.["1"] ?? {}, { jobtitle: { not: "a value" } }),
    ],
  ])(
    "looks at a record again five minutes later when %s at its due time, not at every run",
    async (_, breakIt) => {
      await scoreContactOneAfterItsMeeting();
      breakIt();
      clock.nowMs = stepAt;
      await app.pipeline.scheduler.run("decay");
      expect(world.objects.contacts?.["1"]?.ls_lead).toBe("18");
      expect(await app.dueIndex.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([
        { portalId: PORTAL, object: "contacts", recordId: "1", dueAtMs: stepAt + 5 * minute },
      ]);
    },
  );
});

describe("one rescore of a record at a time", () => {
  const key = `${PORTAL}:contacts:1`;

  it("the decay cron leaves a record alone while another task rescores it, and takes it up after", async () => {
    await scoreContactOneAfterItsMeeting();
    // Someone (the webhook worker, another instance) is rescoring contact 1 right now.
    expect(await app.pipeline.recordLocks.take([key], 60_000)).toEqual([key]);
    crm.clear();
    clock.nowMs = stepAt;
    await app.pipeline.scheduler.run("decay");
    expect(crm.requests).toEqual([]);
    expect((await app.dueIndex.due(Number.MAX_SAFE_INTEGER, 10))[0]?.dueAtMs).toBe(stepAt + 5 * minute);

    await app.pipeline.recordLocks.release([key]);
    clock.nowMs = stepAt + 5 * minute;
    await app.pipeline.scheduler.run("decay");
    expect(world.objects.contacts?.["1"]).toMatchObject({ ls_lead: "13" });
  });

  it("the webhook worker holds a record's events while another task rescores it", async () => {
    await start();
    expect(await app.pipeline.recordLocks.take([key], 60_000)).toEqual([key]);
    await app.deliver([meetingOutcomeChange(1)]);
    await app.pipeline.worker.drain({ force: true });
    expect(app.pipeline.worker.held()).toBe(1);
    expect(contactUpdates()).toBe(0);

    await app.pipeline.recordLocks.release([key]);
    await app.pipeline.worker.drain({ force: true });
    expect(app.pipeline.worker.held()).toBe(0);
    expect(world.objects.contacts?.["1"]?.ls_lead).toBe("18");
  });
});

describe("daily jobs", () => {
  it("the sweep rescores every record of scored objects and fills the due-index", async () => {
    await start();
    await app.pipeline.scheduler.run("sweep");
    expect(world.objects.contacts?.["1"]?.ls_lead).toBe("18");
    expect(world.objects.contacts?.["2"]?.ls_lead).toBe("0");
    expect((await historyOf("2")).map((h) => h.cause)).toEqual(["sweep", "sweep", "sweep", "sweep"]);
    expect(await app.dueIndex.count()).toBe(1);
  });

  it("compacts history older than the retention to one point per day", async () => {
    await start();
    const ref = { portalId: PORTAL, object: "contacts" as const, recordId: "1" };
    const at = (ms: number, value: string) => ({
      property: "ls_lead",
      old: null,
      new: value,
      threshold: null,
      atMs: ms,
      cause: "webhook" as const,
    });
    await app.records.appendHistory(ref, [
      at(T0 - 120 * day, "1"),
      at(T0 - 120 * day + 1, "2"),
      at(T0 - day, "3"),
      at(T0 - day + 1, "4"),
    ]);
    await app.pipeline.scheduler.run("compact-history");
    expect((await historyOf("1")).map((h) => h.new)).toEqual(["2", "3", "4"]);
  });
});

describe("coalescing window", () => {
  it("holds a record COALESCE_MS from its first event and rescores it once for every event of the window", async () => {
    app = await startPipelineApp({
      portalId: PORTAL,
      definitions: [contactLead()],
      clock,
      options: { coalesceMs: 2_000 },
    });
    await app.deliver([meetingOutcomeChange(1)]);
    await app.pipeline.worker.tick();
    expect(app.pipeline.worker.held()).toBe(1);
    clock.nowMs = T0 + 1_000;
    await app.deliver([meetingOutcomeChange(2)]);
    await app.pipeline.worker.tick();
    expect(contactUpdates()).toBe(0);
    clock.nowMs = T0 + 2_000;
    await app.pipeline.worker.tick();
    expect(app.pipeline.worker.held()).toBe(0);
    expect(crm.paths().filter((p) => p === "POST /crm/v3/objects/contacts/batch/read")).toHaveLength(1);
    expect(world.objects.contacts?.["1"]?.ls_lead).toBe("18");
    expect(await app.inbox.counts()).toMatchObject({ done: 2, processing: 0 });
  });
});

describe("start and stop", () => {
  it("the running worker writes a delivery on its own; after stop() the webhook route answers 503", async () => {
    await start();
    app.pipeline.start();
    await app.deliver([meetingOutcomeChange(2)]);
    await vi.waitFor(() => expect(world.objects.contacts?.["1"]?.ls_lead).toBe("18"), {
      timeout: 5_000,
      interval: 20,
    });
    const stopped = Date.now();
    await app.pipeline.stop();
    expect(Date.now() - stopped).toBeLessThan(10_000);
    const after = await app.deliver([
      createDummyGenericEvent({ eventId: 3, objectTypeId: "0-47", objectId: 70 }),
    ]);
    expect(after.status).toBe(503);
  });
});
