import express from "express";
import { Keyv } from "keyv";
import nock from "nock";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHubSpotOAuthClient } from "../../src/adapters/hubspot-client/oauth-client.js";
import { createKeyvStageEntryStore } from "../../src/adapters/stores/keyv-stage-entry-store.js";
import type { JobRunner } from "../../src/app/jobs/job-runner.js";
import { adminTokenPrincipal, anyPrincipal } from "../../src/http/admin-api/admin-auth.js";
import { createAdminApi } from "../../src/http/admin-api/create-admin-api.js";
import type { Job } from "../../src/ports/job-store.js";
import type { StageEntryStore } from "../../src/ports/stage-entry-store.js";
import type { SuggestionStore } from "../../src/ports/suggestion-store.js";
import { createTestScoresDeps } from "../fixtures/app/create-test-scores-deps.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { type CrmWorld, meeting, mockCrmWorld } from "../fixtures/hubspot/mock-crm-world.js";
import {
  createDummyInstallation,
  type createMemoryInstallationStore,
  createTestCipher,
  T0,
} from "../fixtures/installation.js";
import { buildLeadScoreDraft, completedMeetingsGroup } from "../fixtures/score-drafts.js";
import { createDummySuggestion } from "../fixtures/suggest/suggestion.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";
import { listenOnPort0 } from "../support/listen-on-port-0.js";

const ADMIN = "admin-token-0123456789";
const PORTAL = 62515;
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const leadScore = buildLeadScoreDraft({
  thresholds: { high: 20, medium: 10 },
  property: { name: "ls_lead", label: "Lead score" },
  groups: [completedMeetingsGroup()],
});

let base: string;
let close: () => Promise<void>;
let runner: JobRunner;
let world: CrmWorld;
let crm: ReturnType<typeof mockCrmWorld>;
let installations: ReturnType<typeof createMemoryInstallationStore>;
let stageEntries: StageEntryStore;
let suggestions: SuggestionStore;

const call = async (method: string, path: string, body?: unknown, token: string | null = ADMIN) => {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are walked freely; assertions check their shape.
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const portal = (path = "") => `/portals/${PORTAL}${path}`;

allowOnlyLocalhost();

beforeEach(async () => {
  world = {
    contacts: { "1": { jobtitle: "CTO" }, "2": {}, "3": {} },
    meetings: {
      m1: meeting("1", T0, 2),
      m2: meeting("1", T0, 40),
      m3: meeting("2", T0, 1, "NO_SHOW"),
    },
    contactProperties: new Set(["jobtitle"]),
  };
  crm = mockCrmWorld(world);
  const setup = await createTestScoresDeps(PORTAL);
  runner = setup.runner;
  const { deps, jobs } = setup;
  suggestions = setup.suggestions;
  installations = deps.installations;
  await installations.save(createDummyInstallation({ portalId: 9 }));
  const portalNineOnly = async (token: string) =>
    token === "portal-9-session-token" ? { name: "ops@portal9", portals: new Set([9]) } : undefined;
  const oauth = createHubSpotOAuthClient({
    clientId: "cid",
    clientSecret: "cs",
    apiBaseUrl: HUBSPOT,
    tokenVersion: "2026-03",
  });
  stageEntries = createKeyvStageEntryStore(new Keyv());
  const app = express().use(
    "/api",
    createAdminApi({
      ...deps,
      suggestions,
      jobs,
      stageEntries,
      cipher: createTestCipher(),
      oauth,
      resolvePrincipal: anyPrincipal(adminTokenPrincipal(ADMIN), portalNineOnly),
    }),
  );
  ({ base, close: close } = await listenOnPort0(app));
});
afterEach(async () => {
  await runner.onIdle();
  await close();
  nock.cleanAll();
});

const waitForJob = async (jobId: string): Promise<Job> => {
  await runner.onIdle();
  return (await call("GET", portal(`/jobs/${jobId}`))).body as Job;
};

describe("auth and portal isolation", () => {
  it("answers 401 without a token, with a wrong one, and to everyone when no ADMIN_TOKEN is set", async () => {
    expect((await call("GET", portal(), undefined, null)).status).toBe(401);
    expect((await call("GET", portal(), undefined, "wrong-token-wrong-token")).status).toBe(401);
    const noToken = express().use(
      "/api",
      createAdminApi({
        resolvePrincipal: adminTokenPrincipal(undefined),
        logger: pino({ level: "silent" }),
      } as never),
    );
    const server = await listenOnPort0(noToken);
    const res = await fetch(`${server.base}/api${portal()}`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(401);
    await server.close();
  });

  it("answers 404 for another portal than the token's, and for a portal that is not installed", async () => {
    expect((await call("GET", "/portals/9", undefined, "portal-9-session-token")).status).toBe(200);
    const other = await call("GET", portal("/scores"), undefined, "portal-9-session-token");
    expect(other).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: `portal ${PORTAL} not found` } },
    });
    expect((await call("GET", "/portals/777")).status).toBe(404);
  });

  it("shows installation status, granted scopes and a disconnection", async () => {
    expect((await call("GET", portal())).body).toMatchObject({
      portalId: PORTAL,
      status: "connected",
      disconnected: false,
      scopes: ["crm.objects.contacts.read", "oauth"],
    });
    await installations.markDisconnected(PORTAL, T0, "invalid_grant");
    expect((await call("GET", portal())).body).toMatchObject({
      disconnected: true,
      disconnectReason: "invalid_grant",
    });
    expect((await call("POST", portal("/scores"), leadScore)).status).toBe(201);
    expect((await call("POST", portal("/scores/lead/enable"))).body.error.code).toBe("disconnected");
  });
});

describe("scores, revisions and definition errors", () => {
  it("creates a draft, names the field path of a bad definition, and refuses duplicates", async () => {
    const created = await call("POST", portal("/scores"), leadScore);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      revision: 1,
      savedBy: "admin-token",
      change: "create",
      definition: { status: "draft", limits: { max: 100 } },
    });
    const bad = await call("POST", portal("/scores"), {
      ...leadScore,
      id: "bad",
      groups: [{ ...leadScore.groups[0], rules: [{ event: "meeting", points: "10" }] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: "invalid_input",
      path: "groups[0].rules[0].points",
      message: "groups[0].rules[0].points: expected a number",
    });
    expect((await call("POST", portal("/scores"), leadScore)).status).toBe(409);
    const sameProperty = await call("POST", portal("/scores"), { ...leadScore, id: "other" });
    expect(sameProperty.body.error).toMatchObject({
      path: "property.name",
      message: 'property.name: "ls_lead" is already a property of score "lead"',
    });
    expect(
      (await call("POST", portal("/scores"), { ...leadScore, id: "x", status: "enabled" })).body.error.path,
    ).toBe("status");
    expect((await call("POST", portal("/scores"), "not json at all")).status).toBe(400);
  });

  it("keeps a revision per save and restores an earlier one", async () => {
    await call("POST", portal("/scores"), leadScore);
    const updated = await call("PUT", portal("/scores/lead"), { ...leadScore, name: "Renamed" });
    expect(updated.body).toMatchObject({ revision: 2, definition: { name: "Renamed" } });
    expect(
      (await call("PUT", portal("/scores/lead"), { ...leadScore, status: "enabled" })).body.error.path,
    ).toBe("status");
    const restored = await call("POST", portal("/scores/lead/revisions/restore"), { revision: 1 });
    expect(restored.body).toMatchObject({
      revision: 3,
      change: "restore 1",
      definition: { name: "Lead score" },
    });
    const revisions = await call("GET", portal("/scores/lead/revisions"));
    expect(revisions.body.revisions.map((r: { change: string }) => r.change)).toEqual([
      "create",
      "update",
      "restore 1",
    ]);
    expect((await call("GET", portal("/scores"))).body.scores).toHaveLength(1);
    expect((await call("GET", portal("/scores/nope"))).status).toBe(404);
  });
});

describe("lifecycle against HubSpot (nock)", () => {
  it("enable provisions the properties, rescores every record and keeps history", async () => {
    await call("POST", portal("/scores"), leadScore);
    const enabled = await call("POST", portal("/scores/lead/enable"));
    expect(enabled.status).toBe(202);
    expect(world.contactProperties).toEqual(new Set(["jobtitle", "ls_lead", "ls_lead_threshold"]));
    const job = await waitForJob(enabled.body.job.id);
    expect(job).toMatchObject({
      status: "done",
      progress: { done: 3, total: 3, etaSec: 0 },
      result: { evaluated: 3, updated: 3 },
    });
    // Contact 1: a completed meeting 2 days ago (10) and one 40 days ago, halved (5).
    expect(world.contacts["1"]).toMatchObject({ ls_lead: "15", ls_lead_threshold: "medium" });
    expect(world.contacts["2"]).toMatchObject({ ls_lead: "0", ls_lead_threshold: "low" });
    const history = await call("GET", portal("/records/contacts/1/history"));
    expect(history.body.history).toEqual([
      {
        property: "ls_lead",
        old: null,
        new: "15",
        threshold: "medium",
        atMs: T0,
        cause: "enable",
        // The points behind the value, kept for the record card (docs/decisions.md §Record card).
        groups: [{ name: "Meetings", value: 15, rules: [{ index: 0, value: 15 }] }],
      },
      {
        property: "ls_lead_threshold",
        old: null,
        new: "medium",
        threshold: "medium",
        atMs: T0,
        cause: "enable",
      },
    ]);
  });

  it("rescore re-runs an enabled score (cause rescore), counting its records by search first", async () => {
    await call("POST", portal("/scores"), leadScore);
    await waitForJob((await call("POST", portal("/scores/lead/enable"))).body.job.id);
    world.contacts["2"] = { ls_lead: "99", ls_lead_threshold: "high" };
    const rescore = await call("POST", portal("/scores/lead/rescore"));
    expect(rescore).toMatchObject({ status: 202, body: { started: true, job: { kind: "rescore" } } });
    expect(rescore.body.job.input).toEqual({ cause: "rescore" });
    const job = await waitForJob(rescore.body.job.id);
    expect(job).toMatchObject({
      status: "done",
      progress: { done: 3, total: 3 },
      result: { evaluated: 3, updated: 1 },
    });
    expect(world.contacts["2"]).toMatchObject({ ls_lead: "0", ls_lead_threshold: "low" });
    expect(
      crm.requests.filter((r) => r.path === "/crm/v3/objects/contacts/search").map((r) => r.body),
    ).toEqual([1, 2].map(() => ({ filterGroups: [], properties: ["hs_object_id"], limit: 1 })));
    const history = (await call("GET", portal("/records/contacts/2/history"))).body.history;
    expect(history.at(-1)).toMatchObject({ new: "low", cause: "rescore" });
  });

  it("rescore refuses a score that is not enabled with 409 and starts nothing", async () => {
    await call("POST", portal("/scores"), leadScore);
    expect(await call("POST", portal("/scores/lead/rescore"))).toEqual({
      status: 409,
      body: {
        error: {
          code: "conflict",
          message: `score "lead" is draft, not enabled: enable it (POST /api/portals/${PORTAL}/scores/lead/enable), which rescores every record`,
        },
      },
    });
    expect((await call("POST", portal("/scores/nope/rescore"))).status).toBe(404);
    expect(crm.paths()).toEqual([]);
  });

  it("tests a record with its explanation and previews a sample without writing", async () => {
    await call("POST", portal("/scores"), leadScore);
    const tested = await call("POST", portal("/scores/lead/test"), { recordId: "1" });
    // The meeting of 40 days ago reaches its second step (day 60) first.
    expect(tested.body.result).toMatchObject({
      id: "1",
      score: 15,
      threshold: "medium",
      nextChangeAt: iso(T0 + 20 * day),
    });
    expect(tested.body.result.groups[0].rules[0].events).toHaveLength(2);
    expect((await call("POST", portal("/scores/lead/test"), { recordId: "999" })).status).toBe(404);
    const preview = await call("POST", portal("/scores/lead/preview"), { sample: 2 });
    expect(preview.body).toMatchObject({ sampled: 2, distribution: { scored: 2, max: 15, min: 0 } });
    expect(crm.paths()).not.toContain("POST /crm/v3/objects/contacts/batch/update");
  });

  it("previews an edit of an enabled score with the records that would change threshold", async () => {
    await call("POST", portal("/scores"), leadScore);
    await waitForJob((await call("POST", portal("/scores/lead/enable"))).body.job.id);
    const stricter = { ...leadScore, thresholds: { high: 12, medium: 5 } };
    const preview = await call("POST", portal("/scores/lead/preview"), { definition: stricter });
    expect(preview.body.impact).toEqual({
      compared: 3,
      moved: 1,
      byChange: { "medium → high": 1 },
      moves: [{ id: "1", from: "medium", to: "high", scoreFrom: 15, scoreTo: 15 }],
    });
  });

  it("resets a record's engagement now and rewrites an enabled score", async () => {
    await call("POST", portal("/scores"), leadScore);
    await waitForJob((await call("POST", portal("/scores/lead/enable"))).body.job.id);
    const reset = await call("POST", portal("/scores/lead/resets"), { recordId: "1" });
    expect(reset.body).toMatchObject({ records: 1, updated: 1, resetAt: iso(T0) });
    expect(world.contacts["1"]).toMatchObject({ ls_lead: "0", ls_lead_threshold: "low" });
    const history = (await call("GET", portal("/records/contacts/1/history"))).body.history;
    expect(history.at(-1)).toMatchObject({
      property: "ls_lead_threshold",
      old: "medium",
      new: "low",
      cause: "reset",
      reasons: [{ kind: "reset", by: "admin" }],
    });
  });

  it("disables (values stay) and deletes a score with its properties", async () => {
    await call("POST", portal("/scores"), leadScore);
    await waitForJob((await call("POST", portal("/scores/lead/enable"))).body.job.id);
    expect((await call("POST", portal("/scores/lead/disable"))).body.revision.definition.status).toBe(
      "disabled",
    );
    expect(world.contacts["1"]).toMatchObject({ ls_lead: "15" });
    const deleted = await call("DELETE", portal("/scores/lead?deleteProperties=true"));
    expect(deleted.body).toEqual({ deleted: "lead", propertiesDeleted: true });
    expect(world.contactProperties).toEqual(new Set(["jobtitle"]));
    expect((await call("GET", portal("/scores/lead"))).status).toBe(404);
  });

  it("deletes a score and keeps its properties by default", async () => {
    await call("POST", portal("/scores"), leadScore);
    expect((await call("DELETE", portal("/scores/lead"))).body).toEqual({
      deleted: "lead",
      propertiesDeleted: false,
    });
    expect(crm.paths()).not.toContain("POST /crm/v3/properties/contacts/batch/archive");
  });

  it("erases a portal: revokes the refresh token and forgets everything", async () => {
    const revoke = nock(HUBSPOT)
      .post("/oauth/2026-03/token/revoke", {
        client_id: "cid",
        client_secret: "cs",
        token: "rt-initial",
        token_type_hint: "refresh_token",
      })
      .reply(200);
    await call("POST", portal("/scores"), leadScore);
    const entered = new Map([["1", { enteredAtMs: T0, readAtMs: T0 }]]);
    await stageEntries.put(PORTAL, "contacts", "customer", entered);
    await suggestions.save(PORTAL, "lead", createDummySuggestion());
    expect((await call("DELETE", portal())).body).toEqual({ erased: PORTAL, refreshTokenRevoked: true });
    revoke.done();
    expect(await installations.get(PORTAL)).toBeUndefined();
    expect((await stageEntries.get(PORTAL, "contacts", "customer", ["1"])).size).toBe(0);
    expect(await suggestions.get(PORTAL, "lead")).toBeUndefined();
    expect((await call("GET", portal("/scores"))).status).toBe(404);
  });
});

describe("/api/openapi.json", () => {
  it("describes every route from the same zod schemas", async () => {
    const res = await fetch(`${base}/api/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toContain("/portals/{portalId}/scores/{scoreId}/preview");
    expect(JSON.stringify(doc.paths["/portals/{portalId}/scores"]?.post)).toContain(
      '"enum":["contacts","companies","deals"]',
    );
  });
});
