import { describe, expect, it } from "vitest";
import { enableScore } from "../../src/app/scores/score-lifecycle.js";
import { ACTION_PORTAL, actionRequest, useActionApp } from "../fixtures/app/use-action-app.js";
import { T0 } from "../fixtures/installation.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// The "reset score" workflow action (docs/decisions.md §Reset workflow action): signatures, the score options,
// the reset itself and its failures, on a real server at port 0 with HubSpot played by nock.

const day = 86_400_000;

allowOnlyLocalhost();
const app = useActionApp();

describe("signatures", () => {
  it("refuses a wrong v3 signature and a v3 timestamp older than 5 minutes with 401", async () => {
    expect(await app.post("/actions/reset-score", actionRequest(), "bad")).toMatchObject({
      status: 401,
      body: { reason: "mismatch" },
    });
    expect(await app.post("/actions/reset-score", actionRequest(), "stale")).toMatchObject({
      status: 401,
      body: { reason: "stale_timestamp" },
    });
    expect(app.world.contacts["1"]?.ls_lead).toBe("20");
  });

  it("accepts v2 when no v3 headers are present", async () => {
    expect(
      (await app.post("/actions/reset-score", actionRequest(), "v2")).body.outputFields.hs_execution_state,
    ).toBe("SUCCESS");
  });
});

describe("options", () => {
  it("lists the portal's enabled engagement and combined scores for the object, searchable by q", async () => {
    const all = await app.post("/actions/reset-score/options", {
      origin: { portalId: ACTION_PORTAL },
      objectTypeId: "0-1",
      inputFieldName: "score",
      fetchOptions: {},
    });
    expect(all.body).toEqual({
      options: [
        { label: "Combined lead", value: "combo", description: "combined score on contacts (ls_combo)" },
        { label: "Lead engagement", value: "lead", description: "engagement score on contacts (ls_lead)" },
      ],
      searchable: true,
    });
    const searched = await app.post("/actions/reset-score/options", {
      origin: { portalId: ACTION_PORTAL },
      objectTypeId: "0-1",
      fetchOptions: { q: "comb" },
    });
    expect(searched.body.options.map((o: { value: string }) => o.value)).toEqual(["combo"]);
    const companies = await app.post("/actions/reset-score/options", {
      origin: { portalId: ACTION_PORTAL },
      objectTypeId: "0-2",
    });
    expect(companies.body.options).toEqual([]);
  });
});

describe("the reset", () => {
  it("restarts the engagement score now, writes it and keeps a history entry with cause reset", async () => {
    const answer = await app.post("/actions/reset-score", actionRequest());
    expect(answer.body).toEqual({
      outputFields: { hs_execution_state: "SUCCESS", previous_score: "20", new_score: "0" },
    });
    expect(app.world.contacts["1"]).toMatchObject({ ls_lead: "0", ls_lead_threshold: "low" });
    const history = await app.deps.records.history({
      portalId: ACTION_PORTAL,
      object: "contacts",
      recordId: "1",
    });
    expect(history.at(-1)).toMatchObject({
      property: "ls_lead_threshold",
      cause: "reset",
      reasons: [{ kind: "reset", by: "workflow" }],
      atMs: T0,
    });
  });

  it("keeps the fit part of a combined score", async () => {
    expect(app.world.contacts["1"]).toMatchObject({
      ls_combo: "45",
      ls_combo_fit: "25",
      ls_combo_engagement: "20",
    });
    const answer = await app.post("/actions/reset-score", actionRequest({ score: "combo" }));
    expect(answer.body.outputFields).toMatchObject({ previous_score: "45", new_score: "25" });
    expect(app.world.contacts["1"]).toMatchObject({
      ls_combo_fit: "25",
      ls_combo_engagement: "0",
      ls_combo_threshold: "A3",
    });
  });

  it("answers a retried callbackId with the first answer and never moves the reset forward", async () => {
    const first = await app.post("/actions/reset-score", actionRequest({ callbackId: "ap-9" }));
    app.setup.clock.nowMs += day;
    const again = await app.post("/actions/reset-score", actionRequest({ callbackId: "ap-9" }));
    expect(again.body).toEqual(first.body);
    const resets = await app.deps.records.resets(ACTION_PORTAL, "contacts", ["1"]);
    expect(resets.get("1")).toEqual({ lead: T0 });
  });

  it("survives a later retroactive rescore", async () => {
    await app.post("/actions/reset-score", actionRequest());
    await enableScore(app.deps, ACTION_PORTAL, "lead", "test");
    await app.setup.runner.onIdle();
    expect(app.world.contacts["1"]?.ls_lead).toBe("0");
  });

  it.each([
    [{ portalId: 999 }, "UNKNOWN_PORTAL"],
    [{ score: "nope" }, "UNKNOWN_SCORE"],
    [{ objectType: "TICKET" }, "WRONG_OBJECT_TYPE"],
    [{ objectType: "COMPANY" }, "WRONG_OBJECT_TYPE"],
    [{ score: "fit" }, "FIT_ONLY_SCORE"],
    [{ objectId: 404 }, "UNKNOWN_RECORD"],
  ])("%j answers FAIL_CONTINUE with %s, never a 500", async (overrides, code) => {
    const answer = await app.post("/actions/reset-score", actionRequest(overrides));
    expect(answer).toEqual({
      status: 200,
      body: { outputFields: { hs_execution_state: "FAIL_CONTINUE", error_code: code } },
    });
  });

  it("answers 400 to a body that is not a workflow action request", async () => {
    expect((await app.post("/actions/reset-score", { hello: "app.world" })).status).toBe(400);
  });
});
