import { Keyv } from "keyv";
import nock from "nock";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalRecordLocks } from "../../../../src/adapters/coordination/local-record-locks.js";
import { openSqliteDueIndex } from "../../../../src/adapters/queue/sqlite-due-index.js";
import { createKeyvRecordStore } from "../../../../src/adapters/stores/keyv-record-store.js";
import { createPipelineMetrics } from "../../../../src/app/pipeline/pipeline-metrics.js";
import { RECORD_LOCK_MS, recordKey } from "../../../../src/app/rescore/record-key.js";
import { type RescoreDeps, type RescoreRequest, rescore } from "../../../../src/app/rescore/rescore.js";
import type { DueIndex } from "../../../../src/ports/due-index.js";
import { createTestCrmClient } from "../../../fixtures/hubspot/create-test-crm-client.js";
import { mockPipelineWorld, type PipelineWorld } from "../../../fixtures/hubspot/mock-pipeline-world.js";
import { T0 } from "../../../fixtures/hubspot/webhook-payloads.js";
import { createContactLeadWorld } from "../../../fixtures/pipeline/create-contact-lead-world.js";
import { companyEngagement, contactLead } from "../../../fixtures/pipeline-definitions.js";
import { allowOnlyLocalhost } from "../../../support/allow-only-localhost.js";

// The one rescore path (rescore.ts) and its choices: what to do with a record another rescore holds
// (wait, skip, held) and how to index due times (exact, lower). HubSpot is the nock-played world of
// the pipeline tests; locks, due-index (SQLite in memory) and record store are the real adapters.

const PORTAL = 62515;
const day = 86_400_000;
// Contact 1's meeting ended 2 days before T0; 50 % per month halves it 30 days after (docs/scoring.md §Decay).
const stepAt = T0 - 2 * day + 30 * day;
const one = recordKey(PORTAL, "contacts", "1");
const two = recordKey(PORTAL, "contacts", "2");

let clock: { nowMs: number };
let world: PipelineWorld;
let crm: ReturnType<typeof mockPipelineWorld>;
let dueIndex: DueIndex;
let deps: RescoreDeps & Required<Pick<RescoreDeps, "metrics">>;

const request = (overrides: Partial<RescoreRequest> = {}): RescoreRequest => ({
  portalId: PORTAL,
  object: "contacts",
  ids: ["1", "2"],
  definitions: [contactLead()],
  cause: "webhook",
  busy: "held",
  due: "exact",
  ...overrides,
});
/** Contact ids HubSpot was asked for, one list per batch read. */
const reads = () =>
  crm.requests
    .filter((r) => r.path.startsWith("/crm/v3/objects/contacts/batch/read"))
    .map((r) => (r.body as { inputs: { id: string }[] }).inputs.map((i) => i.id));
const indexed = (times: Record<string, number>) =>
  dueIndex.set(PORTAL, "contacts", new Map(Object.entries(times)));
const dues = async () =>
  Object.fromEntries((await dueIndex.due(Number.MAX_SAFE_INTEGER, 10)).map((d) => [d.recordId, d.dueAtMs]));

allowOnlyLocalhost();

beforeEach(() => {
  clock = { nowMs: T0 };
  world = createContactLeadWorld(() => clock.nowMs, {
    "1": { jobtitle: "CTO" },
    "2": { jobtitle: "Intern" },
  });
  crm = mockPipelineWorld(world);
  const { client } = createTestCrmClient();
  dueIndex = openSqliteDueIndex({ file: ":memory:" });
  deps = {
    crmFor: () => client,
    records: createKeyvRecordStore(new Keyv()),
    logger: pino({ level: "silent" }),
    now: () => clock.nowMs,
    dueIndex,
    recordLocks: createLocalRecordLocks(),
    metrics: createPipelineMetrics(),
  };
});
afterEach(async () => {
  await dueIndex.close();
  nock.cleanAll();
});

describe("rescore", () => {
  it.each([
    ["wait", "exact"],
    ["wait", "lower"],
    ["skip", "exact"],
    ["skip", "lower"],
    ["held", "exact"],
    ["held", "lower"],
  ] as const)("busy %s, due %s: writes free records' scores, history and due time", async (busy, due) => {
    const report = await rescore(deps, request({ busy, due, cause: "enable" }));
    expect(report).toMatchObject({ evaluated: 2, updated: 2, skipped: [], leftAlone: [] });
    expect(world.objects.contacts?.["1"]).toMatchObject({ ls_lead: "18", ls_lead_engagement: "10" });
    expect(world.objects.contacts?.["2"]?.ls_lead).toBe("0");
    const history = await deps.records.history({ portalId: PORTAL, object: "contacts", recordId: "1" });
    expect(history.find((h) => h.property === "ls_lead")).toMatchObject({
      new: "18",
      cause: "enable",
      atMs: T0,
    });
    expect(await dues()).toEqual({ "1": stepAt });
    expect(reads()).toEqual([["1", "2"]]);
  });

  describe("busy: wait", () => {
    it("rescores free records at once, in one pass, and releases their locks after", async () => {
      await rescore(deps, request({ busy: "wait" }));
      expect(reads()).toEqual([["1", "2"]]);
      expect(await deps.recordLocks.take([one, two], 1_000)).toEqual([one, two]);
    });

    it("rescores a record another rescore holds only once that one released it", async () => {
      await deps.recordLocks.take([two], 60_000);
      const order: string[] = [];
      const report = await rescore(
        {
          ...deps,
          waitClock: {
            now: () => clock.nowMs,
            sleep: async () => {
              order.push(`other rescore done after reads ${JSON.stringify(reads())}`);
              await deps.recordLocks.release([two]);
            },
          },
        },
        request({ busy: "wait" }),
      );
      expect(order).toEqual(['other rescore done after reads [["1"]]']);
      expect(reads()).toEqual([["1"], ["2"]]);
      expect(report).toMatchObject({ evaluated: 2, updated: 2, leftAlone: [] });
      expect(report.records.map((r) => r.id)).toEqual(["1", "2"]);
    });

    it("does not keep a record's lock when its rescore throws", async () => {
      world.poison.add("contacts:2");
      await expect(rescore(deps, request({ ids: ["2"], busy: "wait" }))).rejects.toThrow();
      expect(await deps.recordLocks.take([two], 1_000)).toEqual([two]);
    });

    it("rescores anyway once it waited as long as a lock can last", async () => {
      await deps.recordLocks.take([two], 60_000);
      const waited = { nowMs: 0 };
      await rescore(
        {
          ...deps,
          waitClock: {
            now: () => waited.nowMs,
            sleep: async () => {
              waited.nowMs += 60_000;
            },
          },
        },
        request({ ids: ["2"], busy: "wait" }),
      );
      expect(reads()).toEqual([["2"]]);
      expect(world.objects.contacts?.["2"]?.ls_lead).toBe("0");
      expect(waited.nowMs).toBe(RECORD_LOCK_MS);
    });
  });

  describe("busy: skip", () => {
    it("leaves a record another rescore holds alone, names it, and releases the locks it took", async () => {
      await deps.recordLocks.take([one], 60_000);
      const report = await rescore(deps, request({ busy: "skip" }));
      expect(report).toMatchObject({ evaluated: 1, leftAlone: ["1"] });
      expect(reads()).toEqual([["2"]]);
      expect(world.objects.contacts?.["1"]?.ls_lead).toBeUndefined();
      expect(await deps.recordLocks.take([one, two], 1_000)).toEqual([two]);
    });

    it("calls HubSpot not at all when every record is held", async () => {
      await deps.recordLocks.take([one, two], 60_000);
      const report = await rescore(deps, request({ busy: "skip" }));
      expect(report).toMatchObject({ evaluated: 0, leftAlone: ["1", "2"] });
      expect(crm.requests).toEqual([]);
      expect(deps.metrics.rescored.size).toBe(0);
    });
  });

  describe("busy: held", () => {
    it("rescores records whose locks the caller holds, and leaves those locks to it", async () => {
      await deps.recordLocks.take([one, two], 60_000);
      await rescore(deps, request({ busy: "held" }));
      expect(world.objects.contacts?.["1"]?.ls_lead).toBe("18");
      expect(await deps.recordLocks.take([one, two], 1_000)).toEqual([]);
    });
  });

  describe("due: exact", () => {
    it("sets each record's due time and forgets those without one and those HubSpot no longer has", async () => {
      await indexed({ "1": T0 + 365 * day, "2": T0 + day, "3": T0 + day });
      await rescore(deps, request({ ids: ["1", "2", "3"], due: "exact" }));
      expect(await dues()).toEqual({ "1": stepAt });
    });

    it("leaves a record skipped as unusable where it was", async () => {
      Object.assign(world.objects.contacts?.["2"] ?? {}, { jobtitle: { not: "a value" } });
      await indexed({ "2": T0 + day });
      const report = await rescore(deps, request({ due: "exact" }));
      expect(report.skipped).toEqual(["2"]);
      expect(await dues()).toEqual({ "1": stepAt, "2": T0 + day });
    });

    it("forgets records of an object no score reads, without calling HubSpot", async () => {
      await indexed({ "1": T0 + day });
      const report = await rescore(deps, request({ definitions: [companyEngagement()], due: "exact" }));
      expect(report.evaluated).toBe(0);
      expect(crm.requests).toEqual([]);
      expect(await dueIndex.count()).toBe(0);
    });
  });

  describe("due: lower", () => {
    it("moves due times earlier, never later, and forgets nothing", async () => {
      await indexed({ "1": T0 + 365 * day, "2": T0 + day });
      await rescore(deps, request({ due: "lower" }));
      expect(await dues()).toEqual({ "1": stepAt, "2": T0 + day });

      await indexed({ "1": T0 + day });
      await rescore(deps, request({ due: "lower" }));
      expect(await dues()).toEqual({ "1": T0 + day, "2": T0 + day });
    });

    it("leaves the index alone for an object no score reads", async () => {
      await indexed({ "1": T0 + day });
      await rescore(deps, request({ definitions: [companyEngagement()], due: "lower" }));
      expect(await dues()).toEqual({ "1": T0 + day });
    });
  });

  it("counts records rescored and updated by cause when given the pipeline's metrics", async () => {
    await rescore(deps, request({ cause: "decay" }));
    await rescore(deps, request({ cause: "decay" }));
    expect(Object.fromEntries(deps.metrics.rescored)).toEqual({ decay: 4 });
    expect(Object.fromEntries(deps.metrics.updated)).toEqual({ decay: 2 });
  });
});
