import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../fixtures/admin/start-admin-app.js";
import { T0 } from "../fixtures/installation.js";
import {
  FROM,
  hubspotKnowsCustomerDates,
  performanceSeed,
  seedHistories,
} from "../fixtures/performance-seed.js";
import { buildLeadScoreDraft } from "../fixtures/score-drafts.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// docs/scoring.md §Score performance: GET …/performance on a seed whose numbers are worked out here by
// hand, HubSpot's hs_v2_date_entered_customer played by nock.

const PORTAL = 62515;
const DAY = 86_400_000;
const OTHER_PORTAL = 62516;
let app: AdminApp;
const get = (path: string, portalId = PORTAL): Promise<Response> =>
  fetch(`${app.base}/api/portals/${portalId}${path}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });

beforeEach(async () => {
  allowOnlyLocalhost();
  app = await startAdminApp({ portalIds: [PORTAL, OTHER_PORTAL] });
  const created = await fetch(`${app.base}/api/portals/${PORTAL}/scores`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(buildLeadScoreDraft()),
  });
  expect(created.status).toBe(201);
  await seedHistories(app.records, PORTAL, performanceSeed);
});
afterEach(async () => {
  nock.cleanAll();
  await app.close();
});

/** The first request starts the score's snapshot build (202); it is done when the runner is idle. */
async function buildSnapshot() {
  const res = await get("/scores/lead/performance?to=customer");
  expect(res.status).toBe(202);
  await app.runner.onIdle();
}

async function summariesKept(scoreId: string) {
  let kept = 0;
  await app.performanceSnapshots.forEachSummaryPage(PORTAL, scoreId, async (page) => {
    kept += page.length;
  });
  return kept;
}

describe("GET /api/portals/:portalId/scores/:scoreId/performance", () => {
  it("answers 202 with a build job the first time, shows its progress, then answers from the snapshot", async () => {
    hubspotKnowsCustomerDates(performanceSeed);
    const first = await get("/scores/lead/performance?to=customer&withinDays=7&days=10");
    expect(first.status).toBe(202);
    const { job } = (await first.json()) as { job: { id: string; kind: string; scoreId: string } };
    expect(job).toMatchObject({ kind: "performance", scoreId: "lead" });
    await app.runner.onIdle();
    const built = (await (await get(`/jobs/${job.id}`)).json()) as Record<string, unknown>;
    expect(built).toMatchObject({
      status: "done",
      progress: { done: 12, total: 12 },
      result: { records: 12 },
    });
    expect(await summariesKept("lead")).toBe(12);
    const res = await get("/scores/lead/performance?to=customer&withinDays=7&days=10");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tiers: unknown[] }).tiers[0]).toEqual({
      tier: "high",
      records: 5,
      converted: 3,
      rate: 0.6,
    });
  });

  it("reads at the next request what was written after the build", async () => {
    hubspotKnowsCustomerDates(performanceSeed);
    await buildSnapshot();
    // Contact 113 enters "high" on day 3 and never becomes a customer: high has 6 records, 3 converted.
    await app.records.appendHistory({ portalId: PORTAL, object: "contacts", recordId: "113" }, [
      {
        property: "ls_lead",
        old: null,
        new: "75",
        threshold: "high",
        atMs: FROM + 3 * DAY,
        cause: "webhook",
      },
    ]);
    // Contact 103 is deleted in HubSpot: its history goes, and with it its part of every figure.
    await app.records.deleteRecord({ portalId: PORTAL, object: "contacts", recordId: "103" });
    const res = await get("/scores/lead/performance?to=customer&withinDays=7&days=10");
    // biome-ignore lint/suspicious/noExplicitAny: the answer is walked freely; the assertions check its shape.
    const body = (await res.json()) as any;
    expect(body.tiers[0]).toEqual({ tier: "high", records: 5, converted: 3, rate: 0.6 });
    expect(body.tiers[1]).toEqual({ tier: "medium", records: 3, converted: 1, rate: 1 / 3 });
    // Day 3 ends with 101, 102, 104, 111 and 113 high; 105–107 and 112 medium (103 gone); 108–110 low.
    expect(body.overTime[3]).toEqual({ date: "2026-11-16", counts: { high: 5, medium: 4, low: 3 } });
  });

  it("builds the snapshot again after the score is updated: its retroactive rescore rewrites every value", async () => {
    await buildSnapshot();
    const updated = await fetch(`${app.base}/api/portals/${PORTAL}/scores/lead`, {
      method: "PUT",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(buildLeadScoreDraft({ name: "Lead score, renamed" })),
    });
    expect(updated.status).toBe(200);
    const res = await get("/scores/lead/performance?to=customer");
    expect(res.status).toBe(202);
    expect(((await res.json()) as { job: { kind: string } }).job.kind).toBe("performance");
    await app.runner.onIdle();
    expect(await app.performanceSnapshots.head(PORTAL, "lead")).toMatchObject({ revision: 2 });
  });

  it("forgets a score's snapshot when the score is deleted, and every snapshot when the portal is erased", async () => {
    await buildSnapshot();
    const deleted = await fetch(`${app.base}/api/portals/${PORTAL}/scores/lead`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(deleted.status).toBe(200);
    expect(await app.performanceSnapshots.head(PORTAL, "lead")).toBeUndefined();
    expect(await summariesKept("lead")).toBe(0);

    const created = await fetch(`${app.base}/api/portals/${PORTAL}/scores`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(buildLeadScoreDraft()),
    });
    expect(created.status).toBe(201);
    await buildSnapshot();
    expect(await summariesKept("lead")).toBe(12);
    const erased = await fetch(`${app.base}/api/portals/${PORTAL}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(erased.status).toBe(200);
    expect(await app.performanceSnapshots.head(PORTAL, "lead")).toBeUndefined();
    expect(await summariesKept("lead")).toBe(0);
  });

  it("counts the high tier's conversions and the top decile's by hand", async () => {
    const hubspot = hubspotKnowsCustomerDates(performanceSeed);
    await buildSnapshot();
    const res = await get("/scores/lead/performance?to=customer&withinDays=7&days=10");
    expect(res.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: the answer is walked freely; the assertions check its shape.
    const body = (await res.json()) as any;
    expect(body.from).toBe("2026-11-13T00:00:00.000Z");
    expect(body.until).toBe(new Date(T0).toISOString());
    // high: 101–104 held it at the start, 111 from day 2. Within 7 days: 101 (day 3), 104 (day 1),
    // 111 (2 days after entering); 102 came on day 8, 103 never.
    expect(body.tiers[0]).toEqual({ tier: "high", records: 5, converted: 3, rate: 0.6 });
    // medium: 105–107 from the start, 103 from day 1; 112 was a customer before and is left out.
    expect(body.tiers[1]).toEqual({ tier: "medium", records: 4, converted: 1, rate: 0.25 });
    // Ranked by score at the start: 101–110 (111 had none, 112 had converted), one record per decile.
    expect(body.lift[0]).toEqual({ decile: 1, records: 1, converted: 1, rate: 1 });
    expect(body.lift[1]).toEqual({ decile: 2, records: 1, converted: 0, rate: 0 });
    expect(body.lift).toHaveLength(10);
    // Day 0 ends with 101–104 high; 103 drops on day 1; 111 joins on day 2.
    expect(body.overTime.slice(0, 3)).toEqual([
      { date: "2026-11-13", counts: { high: 4, medium: 4, low: 3 } },
      { date: "2026-11-14", counts: { high: 3, medium: 5, low: 3 } },
      { date: "2026-11-15", counts: { high: 4, medium: 5, low: 3 } },
    ]);
    expect(body.overTime.at(-1).date).toBe("2026-11-23");
    expect(hubspot.isDone()).toBe(true);
  });

  it("answers CSV with a row per tier, decile and day", async () => {
    hubspotKnowsCustomerDates(performanceSeed);
    await buildSnapshot();
    const res = await get("/scores/lead/performance?to=customer&withinDays=7&days=10&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe("attachment; filename=lead-performance.csv");
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("kind,key,tier,records,converted,rate");
    expect(lines).toContain("tier,high,high,5,3,0.6");
    expect(lines).toContain("decile,1,,1,1,1");
    expect(lines).toContain("day,2026-11-14,medium,5,,");
  });

  it("refuses a bad stage or window with 400 naming the parameter", async () => {
    for (const [query, param] of [
      ["to=Customer!&withinDays=7", "to"],
      ["to=customer&withinDays=0", "withinDays"],
      ["to=customer&days=many", "days"],
      ["withinDays=7", "to"],
      ["to=customer&format=xml", "format"],
    ] as const) {
      const res = await get(`/scores/lead/performance?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { path?: string } };
      expect(body.error.path, query).toBe(param);
    }
  });

  it("does not show another portal's score", async () => {
    const res = await get("/scores/lead/performance?to=customer", OTHER_PORTAL);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      `portal ${OTHER_PORTAL} has no score "lead"`,
    );
  });
});
