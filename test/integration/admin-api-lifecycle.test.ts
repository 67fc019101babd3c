import nock from "nock";
import { describe, expect, it } from "vitest";
import { leadScore, PORTAL, portal, useAdminApiWorld } from "../fixtures/admin/use-admin-api-world.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { T0 } from "../fixtures/installation.js";
import { createDummySuggestion } from "../fixtures/suggest/suggestion.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// A score's lifecycle through the admin API against HubSpot (nock): enable, rescore, test, preview, reset,
// disable, delete, and a portal's erasure.

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

allowOnlyLocalhost();
const api = useAdminApiWorld();

describe("lifecycle against HubSpot (nock)", () => {
  it("enable provisions the properties, rescores every record and keeps history", async () => {
    await api.call("POST", portal("/scores"), leadScore);
    const enabled = await api.call("POST", portal("/scores/lead/enable"));
    expect(enabled.status).toBe(202);
    expect(api.world.contactProperties).toEqual(new Set(["jobtitle", "ls_lead", "ls_lead_threshold"]));
    const job = await api.waitForJob(enabled.body.job.id);
    expect(job).toMatchObject({
      status: "done",
      progress: { done: 3, total: 3, etaSec: 0 },
      result: { evaluated: 3, updated: 3 },
    });
    // Contact 1: a completed meeting 2 days ago (10) and one 40 days ago, halved (5).
    expect(api.world.contacts["1"]).toMatchObject({ ls_lead: "15", ls_lead_threshold: "medium" });
    expect(api.world.contacts["2"]).toMatchObject({ ls_lead: "0", ls_lead_threshold: "low" });
    const history = await api.call("GET", portal("/records/contacts/1/history"));
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
    await api.call("POST", portal("/scores"), leadScore);
    await api.waitForJob((await api.call("POST", portal("/scores/lead/enable"))).body.job.id);
    api.world.contacts["2"] = { ls_lead: "99", ls_lead_threshold: "high" };
    const rescore = await api.call("POST", portal("/scores/lead/rescore"));
    expect(rescore).toMatchObject({ status: 202, body: { started: true, job: { kind: "rescore" } } });
    expect(rescore.body.job.input).toEqual({ cause: "rescore" });
    const job = await api.waitForJob(rescore.body.job.id);
    expect(job).toMatchObject({
      status: "done",
      progress: { done: 3, total: 3 },
      result: { evaluated: 3, updated: 1 },
    });
    expect(api.world.contacts["2"]).toMatchObject({ ls_lead: "0", ls_lead_threshold: "low" });
    expect(
      api.crm.requests.filter((r) => r.path === "/crm/v3/objects/contacts/search").map((r) => r.body),
    ).toEqual([1, 2].map(() => ({ filterGroups: [], properties: ["hs_object_id"], limit: 1 })));
    const history = (await api.call("GET", portal("/records/contacts/2/history"))).body.history;
    expect(history.at(-1)).toMatchObject({ new: "low", cause: "rescore" });
  });

  it("rescore refuses a score that is not enabled with 409 and starts nothing", async () => {
    await api.call("POST", portal("/scores"), leadScore);
    expect(await api.call("POST", portal("/scores/lead/rescore"))).toEqual({
      status: 409,
      body: {
        error: {
          code: "conflict",
          message: `score "lead" is draft, not enabled: enable it (POST /api/portals/${PORTAL}/scores/lead/enable), which rescores every record`,
        },
      },
    });
    expect((await api.call("POST", portal("/scores/nope/rescore"))).status).toBe(404);
    expect(api.crm.paths()).toEqual([]);
  });

  it("tests a record with its explanation and previews a sample without writing", async () => {
    await api.call("POST", portal("/scores"), leadScore);
    const tested = await api.call("POST", portal("/scores/lead/test"), { recordId: "1" });
    // The meeting of 40 days ago reaches its second step (day 60) first.
    expect(tested.body.result).toMatchObject({
      id: "1",
      score: 15,
      threshold: "medium",
      nextChangeAt: iso(T0 + 20 * day),
    });
    expect(tested.body.result.groups[0].rules[0].events).toHaveLength(2);
    expect((await api.call("POST", portal("/scores/lead/test"), { recordId: "999" })).status).toBe(404);
    const preview = await api.call("POST", portal("/scores/lead/preview"), { sample: 2 });
    expect(preview.body).toMatchObject({ sampled: 2, distribution: { scored: 2, max: 15, min: 0 } });
    expect(api.crm.paths()).not.toContain("POST /crm/v3/objects/contacts/batch/update");
  });

  it("previews an edit of an enabled score with the records that would change threshold", async () => {
    await api.call("POST", portal("/scores"), leadScore);
    await api.waitForJob((await api.call("POST", portal("/scores/lead/enable"))).body.job.id);
    const stricter = { ...leadScore, thresholds: { high: 12, medium: 5 } };
    const preview = await api.call("POST", portal("/scores/lead/preview"), { definition: stricter });
    expect(preview.body.impact).toEqual({
      compared: 3,
      moved: 1,
      byChange: { "medium → high": 1 },
      moves: [{ id: "1", from: "medium", to: "high", scoreFrom: 15, scoreTo: 15 }],
    });
  });

  it("resets a record's engagement now and rewrites an enabled score", async () => {
    await api.call("POST", portal("/scores"), leadScore);
    await api.waitForJob((await api.call("POST", portal("/scores/lead/enable"))).body.job.id);
    const reset = await api.call("POST", portal("/scores/lead/resets"), { recordId: "1" });
    expect(reset.body).toMatchObject({ records: 1, updated: 1, resetAt: iso(T0) });
    expect(api.world.contacts["1"]).toMatchObject({ ls_lead: "0", ls_lead_threshold: "low" });
    const history = (await api.call("GET", portal("/records/contacts/1/history"))).body.history;
    expect(history.at(-1)).toMatchObject({
      property: "ls_lead_threshold",
      old: "medium",
      new: "low",
      cause: "reset",
      reasons: [{ kind: "reset", by: "admin" }],
    });
  });

  it("disables (values stay) and deletes a score with its properties", async () => {
    await api.call("POST", portal("/scores"), leadScore);
    await api.waitForJob((await api.call("POST", portal("/scores/lead/enable"))).body.job.id);
    expect((await api.call("POST", portal("/scores/lead/disable"))).body.revision.definition.status).toBe(
      "disabled",
    );
    expect(api.world.contacts["1"]).toMatchObject({ ls_lead: "15" });
    const deleted = await api.call("DELETE", portal("/scores/lead?deleteProperties=true"));
    expect(deleted.body).toEqual({ deleted: "lead", propertiesDeleted: true });
    expect(api.world.contactProperties).toEqual(new Set(["jobtitle"]));
    expect((await api.call("GET", portal("/scores/lead"))).status).toBe(404);
  });

  it("deletes a score and keeps its properties by default", async () => {
    await api.call("POST", portal("/scores"), leadScore);
    expect((await api.call("DELETE", portal("/scores/lead"))).body).toEqual({
      deleted: "lead",
      propertiesDeleted: false,
    });
    expect(api.crm.paths()).not.toContain("POST /crm/v3/properties/contacts/batch/archive");
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
    await api.call("POST", portal("/scores"), leadScore);
    const entered = new Map([["1", { enteredAtMs: T0, readAtMs: T0 }]]);
    await api.stageEntries.put(PORTAL, "contacts", "customer", entered);
    await api.suggestions.save(PORTAL, "lead", createDummySuggestion());
    expect((await api.call("DELETE", portal())).body).toEqual({ erased: PORTAL, refreshTokenRevoked: true });
    revoke.done();
    expect(await api.installations.get(PORTAL)).toBeUndefined();
    expect((await api.stageEntries.get(PORTAL, "contacts", "customer", ["1"])).size).toBe(0);
    expect(await api.suggestions.get(PORTAL, "lead")).toBeUndefined();
    expect((await api.call("GET", portal("/scores"))).status).toBe(404);
  });
});
