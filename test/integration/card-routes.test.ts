import express from "express";
import nock from "nock";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordScores } from "../../src/app/cards/read-record-scores.js";
import { createScore } from "../../src/app/scores/save-score.js";
import { enableScore } from "../../src/app/scores/score-lifecycle.js";
import { CARD_PATH, createCardRoutes } from "../../src/http/card-routes.js";
import { signWebhookV3 } from "../../src/hubspot/sign-webhook-v3.js";
import { createTestScoresDeps } from "../fixtures/app/create-test-scores-deps.js";
import { meeting, mockCrmWorld } from "../fixtures/hubspot/mock-crm-world.js";
import { createDummyInstallation, T0 } from "../fixtures/installation.js";
import { buildEngagementAndCombinedDrafts } from "../fixtures/score-drafts.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";
import { listenOnPort0 } from "../support/listen-on-port-0.js";

// GET /cards/record-scores (docs/decisions.md §Record card): HubSpot's proxy calls it for the record
// card, signed with v3 over the full URL and its query.

const SECRET = "client-secret-for-cards";
const PUBLIC = "https://ls.example.com";
const PORTAL = 62515;
const OTHER_PORTAL = 77001;

const { engagement, combined } = buildEngagementAndCombinedDrafts();

let base: string;
let close: () => Promise<void>;
let setup: Awaited<ReturnType<typeof createTestScoresDeps>>;

allowOnlyLocalhost();

beforeEach(async () => {
  mockCrmWorld({
    contacts: { "1": { jobtitle: "CTO" }, "2": {} },
    meetings: { m1: meeting("1", T0, 2), m2: meeting("1", T0, 3) },
    contactProperties: new Set(["jobtitle"]),
  });
  setup = await createTestScoresDeps(PORTAL);
  const { deps } = setup;
  for (const def of [engagement, combined]) await createScore(deps, PORTAL, def, "test");
  for (const id of ["lead", "combo"]) await enableScore(deps, PORTAL, id, "test");
  await setup.runner.onIdle();
  // Another installed portal with a score of its own, which no answer for PORTAL may show.
  await deps.installations.save(createDummyInstallation({ portalId: OTHER_PORTAL }));
  const lead = await deps.scores.get(PORTAL, "lead");
  if (!lead) throw new Error("the lead score was not created");
  await deps.scores.save(
    OTHER_PORTAL,
    { ...lead.definition, id: "secret", name: "Other portal's score" },
    { savedAtMs: T0, savedBy: "test", change: "enable" },
  );
  await deps.records.appendHistory({ portalId: OTHER_PORTAL, object: "contacts", recordId: "1" }, [
    { property: "ls_lead", old: null, new: "99", threshold: "high", atMs: T0, cause: "enable" },
  ]);
  const app = express().use(
    createCardRoutes({
      ...deps,
      clientSecret: SECRET,
      publicBaseUrl: PUBLIC,
      logger: pino({ level: "silent" }),
    }),
  );
  ({ base, close: close } = await listenOnPort0(app));
});
afterEach(async () => {
  await close();
  nock.cleanAll();
});

const query = (portalId: number, recordId: string) =>
  `${CARD_PATH}?objectTypeId=0-1&recordId=${recordId}&portalId=${portalId}&userId=4242&appId=9001`;

type CardAnswer = RecordScores & { adminUrl: string; error?: string; reason?: string; message?: string };

async function get(pathAndQuery: string, sign: "v3" | "none" | "wrong-secret" | "other-url" = "v3") {
  const timestampMs = setup.clock.nowMs;
  const signedUri = sign === "other-url" ? `${PUBLIC}${query(PORTAL, "2")}` : `${PUBLIC}${pathAndQuery}`;
  const clientSecret = sign === "wrong-secret" ? "not-the-secret" : SECRET;
  const headers: Record<string, string> =
    sign === "none"
      ? {}
      : {
          "x-hubspot-signature-v3": signWebhookV3({
            clientSecret,
            method: "GET",
            uri: signedUri,
            body: "",
            timestampMs,
          }),
          "x-hubspot-request-timestamp": String(timestampMs),
        };
  const res = await fetch(`${base}${pathAndQuery}`, { headers });
  return { status: res.status, body: (await res.json()) as CardAnswer };
}

describe("GET /cards/record-scores", () => {
  it("answers a signed request with each enabled score of the record: value, threshold, parts, groups, points", async () => {
    const { status, body } = await get(query(PORTAL, "1"));
    expect(status).toBe(200);
    expect(body).toMatchObject({ portalId: PORTAL, objectType: "contacts", recordId: "1" });
    expect(body.adminUrl).toBe(`${PUBLIC}/admin/portals/${PORTAL}`);
    expect(body.scores.map((s) => s.id)).toEqual(["combo", "lead"]);
    const [combo, lead] = body.scores;
    expect(combo).toMatchObject({
      type: "combined",
      engagement: 20,
      fit: 25,
      value: 45,
      threshold: "A1",
      bands: [],
    });
    expect(combo?.groups).toEqual([
      { name: "Meetings", value: 20, topRules: [{ index: 0, describes: "meeting", value: 20 }] },
      { name: "Fit", value: 25, topRules: [{ index: 0, describes: "jobtitle", value: 25 }] },
    ]);
    expect(lead).toMatchObject({ value: 20, threshold: "high", lastResetAtMs: null, updatedAtMs: T0 });
    expect(lead?.bands).toEqual([
      { label: "high", from: 20 },
      { label: "medium", from: 10 },
    ]);
    expect(lead?.points).toEqual([{ atMs: T0, value: 20 }]);
  });

  it("refuses an unsigned request with 401", async () => {
    const { status, body } = await get(query(PORTAL, "1"), "none");
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: "unauthorized", reason: "missing_signature" });
  });

  it("refuses a request signed with another secret with 401", async () => {
    const { status, body } = await get(query(PORTAL, "1"), "wrong-secret");
    expect(status).toBe(401);
    expect(body.reason).toBe("mismatch");
  });

  it("refuses a signature over another query (a changed record id) with 401", async () => {
    const { status, body } = await get(query(PORTAL, "1"), "other-url");
    expect(status).toBe(401);
    expect(body.reason).toBe("mismatch");
  });

  it("answers a portal's request with its own scores and history only", async () => {
    const { status, body } = await get(query(OTHER_PORTAL, "1"));
    expect(status).toBe(200);
    expect(body.scores.map((s) => [s.id, s.value])).toEqual([["secret", 99]]);
    const own = await get(query(PORTAL, "1"));
    expect(JSON.stringify(own.body)).not.toContain("secret");
  });

  it("answers 404 for a portal that has not installed the app, even when signed", async () => {
    const { status, body } = await get(query(5550001, "1"));
    expect(status).toBe(404);
    expect(body.message).toContain("portal 5550001 has not installed lead-score");
  });

  it("answers an unknown record with its enabled scores and no values", async () => {
    const { status, body } = await get(query(PORTAL, "987654"));
    expect(status).toBe(200);
    expect(body.scores).toHaveLength(2);
    for (const score of body.scores) {
      expect(score).toMatchObject({
        value: null,
        threshold: null,
        groups: null,
        points: [],
        updatedAtMs: null,
      });
    }
  });

  it("refuses a portalId given twice (one the card could have added) with 400", async () => {
    const { status, body } = await get(`${query(PORTAL, "1")}&portalId=${OTHER_PORTAL}`);
    expect(status).toBe(400);
    expect(body.message).toContain("portalId must be given once");
  });

  it("refuses an object type the card is not on with 400", async () => {
    const { status, body } = await get(`${CARD_PATH}?objectTypeId=0-5&recordId=1&portalId=${PORTAL}`);
    expect(status).toBe(400);
    expect(body.message).toContain("objectTypeId 0-5 is not a contact");
  });
});
