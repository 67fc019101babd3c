import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HistoryEntry } from "../../src/ports/record-store.js";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../fixtures/admin/start-admin-app.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead, buildRecord } from "../fixtures/hubspot/crm-payloads.js";
import { T0 } from "../fixtures/installation.js";
import { buildLeadScoreDraft } from "../fixtures/score-drafts.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// docs/scoring.md §Score performance: GET …/performance on a seed whose numbers are worked out here by
// hand, HubSpot's hs_v2_date_entered_customer played by nock.

const PORTAL = 62515;
const OTHER_PORTAL = 62516;
const DAY = 86_400_000;
/** days=10 before T0 (2026-11-23 12:00 UTC), at the start of that UTC day: 2026-11-13 00:00. */
const FROM = Date.UTC(2026, 10, 13);

/** Contact id → [ms, score, tier] points of ls_lead, and when it entered "customer" (null: never). */
const seed: Record<string, { points: [number, number, string][]; customerAt: number | null }> = {
  "101": { points: [[FROM - DAY, 100, "high"]], customerAt: FROM + 3 * DAY },
  "102": { points: [[FROM - DAY, 90, "high"]], customerAt: FROM + 8 * DAY },
  "103": {
    points: [
      [FROM - DAY, 80, "high"],
      [FROM + DAY, 45, "medium"],
    ],
    customerAt: null,
  },
  "104": { points: [[FROM - DAY, 70, "high"]], customerAt: FROM + DAY },
  "105": { points: [[FROM - DAY, 60, "medium"]], customerAt: FROM + 2 * DAY },
  "106": { points: [[FROM - DAY, 50, "medium"]], customerAt: null },
  "107": { points: [[FROM - DAY, 40, "medium"]], customerAt: null },
  "108": { points: [[FROM - DAY, 30, "low"]], customerAt: null },
  "109": { points: [[FROM - DAY, 20, "low"]], customerAt: null },
  "110": { points: [[FROM - DAY, 10, "low"]], customerAt: null },
  "111": { points: [[FROM + 2 * DAY, 80, "high"]], customerAt: FROM + 4 * DAY },
  "112": { points: [[FROM - DAY, 55, "medium"]], customerAt: FROM - 5 * DAY },
};

function historyOf(points: [number, number, string][]): HistoryEntry[] {
  return points.map(([atMs, value, threshold], i) => ({
    property: "ls_lead",
    old: i === 0 ? null : String(points[i - 1]?.[1]),
    new: String(value),
    threshold,
    atMs,
    cause: "webhook",
  }));
}

/** HubSpot answers hs_v2_date_entered_customer for every contact asked, as an ISO date-time or null. */
function hubspotKnowsCustomerDates() {
  return nock(HUBSPOT)
    .persist()
    .post("/crm/v3/objects/contacts/batch/read", (body) =>
      body.properties?.includes("hs_v2_date_entered_customer"),
    )
    .reply(200, (_uri, raw) => {
      const body = raw as { inputs: { id: string }[] };
      return buildBatchRead(
        body.inputs.map(({ id }) => {
          const at = seed[id]?.customerAt ?? null;
          return buildRecord(id, {
            hs_v2_date_entered_customer: at === null ? null : new Date(at).toISOString(),
          });
        }),
      );
    });
}

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
  for (const [recordId, { points }] of Object.entries(seed))
    await app.records.appendHistory({ portalId: PORTAL, object: "contacts", recordId }, historyOf(points));
});
afterEach(async () => {
  nock.cleanAll();
  await app.close();
});

describe("GET /api/portals/:portalId/scores/:scoreId/performance", () => {
  it("counts the high tier's conversions and the top decile's by hand", async () => {
    const hubspot = hubspotKnowsCustomerDates();
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
    hubspotKnowsCustomerDates();
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
