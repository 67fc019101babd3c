import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyvActionStore } from "../../src/adapters/stores/keyv-action-store.js";
import { openKeyv } from "../../src/adapters/stores/open-keyv.js";
import {
  handleResetAction,
  type ResetActionDeps,
  resumeOwedCallbacks,
} from "../../src/app/actions/reset-action.js";
import { createScore } from "../../src/app/scores/save-score.js";
import { enableScore } from "../../src/app/scores/score-lifecycle.js";
import type { ScoresDeps } from "../../src/app/scores/scores-deps.js";
import { createActionRoutes } from "../../src/http/action-routes.js";
import { parseResetActionRequest } from "../../src/hubspot/parse-action-request.js";
import { signWebhookV2 } from "../../src/hubspot/sign-webhook-v1-v2.js";
import { signWebhookV3 } from "../../src/hubspot/sign-webhook-v3.js";
import type { StoredAction } from "../../src/ports/action-store.js";
import { createTestScoresDeps } from "../fixtures/app/create-test-scores-deps.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { type CrmWorld, meeting, mockCrmWorld } from "../fixtures/hubspot/mock-crm-world.js";
import { T0 } from "../fixtures/installation.js";
import { buildEngagementAndCombinedDrafts } from "../fixtures/score-drafts.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

const SECRET = "client-secret-for-actions";
const PUBLIC = "https://ls.example.com";
const PORTAL = 62515;
const day = 86_400_000;

const { engagement, combined } = buildEngagementAndCombinedDrafts();
const fitOnly = {
  id: "fit",
  name: "Fit only",
  object: "contacts",
  type: "fit",
  property: { name: "ls_fit" },
  groups: [{ name: "Fit", kind: "fit", rules: [{ property: "jobtitle", operator: "known", points: 5 }] }],
};

let base: string;
let close: () => Promise<void>;
let deps: ScoresDeps;
let setup: Awaited<ReturnType<typeof createTestScoresDeps>>;
let world: CrmWorld;
let answerWithinMs = 5_000;

allowOnlyLocalhost();

beforeEach(async () => {
  answerWithinMs = 5_000;
  world = {
    contacts: { "1": { jobtitle: "CTO" }, "2": {} },
    meetings: {
      m1: meeting("1", T0, 2),
      m2: meeting("1", T0, 3),
    },
    contactProperties: new Set(["jobtitle"]),
  };
  mockCrmWorld(world);
  setup = await createTestScoresDeps(PORTAL);
  deps = setup.deps;
  for (const def of [engagement, combined, fitOnly]) await createScore(deps, PORTAL, def, "test");
  for (const id of ["lead", "combo"]) await enableScore(deps, PORTAL, id, "test");
  await setup.runner.onIdle();
  const actions = createKeyvActionStore(new Keyv());
  const app = express().use(
    createActionRoutes({
      ...deps,
      actions,
      get answerWithinMs() {
        return answerWithinMs;
      },
      clientSecret: SECRET,
      publicBaseUrl: PUBLIC,
    }),
  );
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterEach(async () => {
  await setup.runner.onIdle();
  await close();
  nock.cleanAll();
});

const actionRequest = (
  overrides: {
    callbackId?: string;
    objectType?: string;
    objectId?: number;
    score?: string;
    portalId?: number;
  } = {},
) => ({
  callbackId: overrides.callbackId ?? "ap-1",
  origin: {
    portalId: overrides.portalId ?? PORTAL,
    actionDefinitionId: 10646377,
    actionDefinitionVersion: 1,
  },
  context: { source: "WORKFLOWS", workflowId: 192814114 },
  object: {
    objectId: overrides.objectId ?? 1,
    objectType: overrides.objectType ?? "CONTACT",
    properties: {},
  },
  inputFields: { score: overrides.score ?? "lead", reason: "Disqualified" },
});

async function post(path: string, payload: unknown, sign: "v2" | "v3" | "bad" | "stale" = "v3") {
  const body = JSON.stringify(payload);
  const uri = `${PUBLIC}${path}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (sign === "v2")
    headers["x-hubspot-signature"] = signWebhookV2({ clientSecret: SECRET, method: "POST", uri, body });
  if (sign === "v3" || sign === "stale" || sign === "bad") {
    const timestampMs = sign === "stale" ? setup.clock.nowMs - 6 * 60_000 : setup.clock.nowMs;
    headers["x-hubspot-request-timestamp"] = String(timestampMs);
    headers["x-hubspot-signature-v3"] = signWebhookV3({
      clientSecret: sign === "bad" ? "wrong" : SECRET,
      method: "POST",
      uri,
      body,
      timestampMs,
    });
  }
  const res = await fetch(`${base}${path}`, { method: "POST", headers, body });
  // biome-ignore lint/suspicious/noExplicitAny: answers are walked freely; assertions check their shape.
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("signatures", () => {
  it("refuses a wrong v3 signature and a v3 timestamp older than 5 minutes with 401", async () => {
    expect(await post("/actions/reset-score", actionRequest(), "bad")).toMatchObject({
      status: 401,
      body: { reason: "mismatch" },
    });
    expect(await post("/actions/reset-score", actionRequest(), "stale")).toMatchObject({
      status: 401,
      body: { reason: "stale_timestamp" },
    });
    expect(world.contacts["1"]?.ls_lead).toBe("20");
  });

  it("accepts v2 when no v3 headers are present", async () => {
    expect(
      (await post("/actions/reset-score", actionRequest(), "v2")).body.outputFields.hs_execution_state,
    ).toBe("SUCCESS");
  });
});

describe("options", () => {
  it("lists the portal's enabled engagement and combined scores for the object, searchable by q", async () => {
    const all = await post("/actions/reset-score/options", {
      origin: { portalId: PORTAL },
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
    const searched = await post("/actions/reset-score/options", {
      origin: { portalId: PORTAL },
      objectTypeId: "0-1",
      fetchOptions: { q: "comb" },
    });
    expect(searched.body.options.map((o: { value: string }) => o.value)).toEqual(["combo"]);
    const companies = await post("/actions/reset-score/options", {
      origin: { portalId: PORTAL },
      objectTypeId: "0-2",
    });
    expect(companies.body.options).toEqual([]);
  });
});

describe("the reset", () => {
  it("restarts the engagement score now, writes it and keeps a history entry with cause reset", async () => {
    const answer = await post("/actions/reset-score", actionRequest());
    expect(answer.body).toEqual({
      outputFields: { hs_execution_state: "SUCCESS", previous_score: "20", new_score: "0" },
    });
    expect(world.contacts["1"]).toMatchObject({ ls_lead: "0", ls_lead_threshold: "low" });
    const history = await deps.records.history({ portalId: PORTAL, object: "contacts", recordId: "1" });
    expect(history.at(-1)).toMatchObject({
      property: "ls_lead_threshold",
      cause: "reset",
      reasons: [{ kind: "reset", by: "workflow" }],
      atMs: T0,
    });
  });

  it("keeps the fit part of a combined score", async () => {
    expect(world.contacts["1"]).toMatchObject({
      ls_combo: "45",
      ls_combo_fit: "25",
      ls_combo_engagement: "20",
    });
    const answer = await post("/actions/reset-score", actionRequest({ score: "combo" }));
    expect(answer.body.outputFields).toMatchObject({ previous_score: "45", new_score: "25" });
    expect(world.contacts["1"]).toMatchObject({
      ls_combo_fit: "25",
      ls_combo_engagement: "0",
      ls_combo_threshold: "A3",
    });
  });

  it("answers a retried callbackId with the first answer and never moves the reset forward", async () => {
    const first = await post("/actions/reset-score", actionRequest({ callbackId: "ap-9" }));
    setup.clock.nowMs += day;
    const again = await post("/actions/reset-score", actionRequest({ callbackId: "ap-9" }));
    expect(again.body).toEqual(first.body);
    const resets = await deps.records.resets(PORTAL, "contacts", ["1"]);
    expect(resets.get("1")).toEqual({ lead: T0 });
  });

  it("survives a later retroactive rescore", async () => {
    await post("/actions/reset-score", actionRequest());
    await enableScore(deps, PORTAL, "lead", "test");
    await setup.runner.onIdle();
    expect(world.contacts["1"]?.ls_lead).toBe("0");
  });

  it("answers BLOCK when the write is slow and completes the callback when it lands", async () => {
    answerWithinMs = 0;
    const completed = new Promise<unknown>((resolve) => {
      nock(HUBSPOT)
        .post("/automation/v4/actions/callbacks/ap-slow/complete")
        .reply(204, (_uri, body) => {
          resolve(body);
          return "";
        });
    });
    const answer = await post("/actions/reset-score", actionRequest({ callbackId: "ap-slow" }));
    expect(answer.body).toEqual({
      outputFields: { hs_execution_state: "BLOCK", hs_expiration_duration: "PT1H" },
    });
    expect(await completed).toEqual({
      outputFields: { hs_execution_state: "SUCCESS", previous_score: "20", new_score: "0" },
      typedOutputs: {},
    });
  });

  it("completes a BLOCK answer's callback after a restart when the process stopped before sending it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ls-actions-"));
    const file = `sqlite://${join(dir, "actions.sqlite")}`;
    try {
      // The first process answers BLOCK, writes the reset, and stops before its callback reaches HubSpot.
      const before = await openKeyv<StoredAction | string[]>(file, "actions");
      const stopped: ResetActionDeps = {
        ...deps,
        actions: createKeyvActionStore(before),
        answerWithinMs: 0,
        crmFor: (portalId) => ({
          ...deps.crmFor(portalId),
          completeActionCallback: () => new Promise(() => {}),
        }),
      };
      const answer = await handleResetAction(
        stopped,
        parseResetActionRequest(actionRequest({ callbackId: "ap-restart" })),
      );
      expect(answer.outputFields.hs_execution_state).toBe("BLOCK");
      await setup.runner.onIdle();
      await before.disconnect();

      // The next start finds the callback owed in the store and sends it, with the reset's values.
      const after = await openKeyv<StoredAction | string[]>(file, "actions");
      const actions = createKeyvActionStore(after);
      expect((await actions.owed()).map((a) => a.callbackId)).toEqual(["ap-restart"]);
      const callback = nock(HUBSPOT)
        .post("/automation/v4/actions/callbacks/ap-restart/complete", {
          outputFields: { hs_execution_state: "SUCCESS", previous_score: "20", new_score: "0" },
          typedOutputs: {},
        })
        .reply(204);
      expect(await resumeOwedCallbacks({ ...deps, actions, answerWithinMs: 0 })).toBe(1);
      callback.done();
      expect(await actions.owed()).toEqual([]);
      expect(await actions.get(PORTAL, "ap-restart")).toMatchObject({
        answer: { outputFields: { hs_execution_state: "BLOCK" } },
        completedAtMs: T0,
      });
      // A third start owes nothing.
      expect(await resumeOwedCallbacks({ ...deps, actions, answerWithinMs: 0 })).toBe(0);
      await after.disconnect();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drops a callback owed past HubSpot's one-hour wait instead of sending it", async () => {
    const actions = createKeyvActionStore(new Keyv());
    await actions.save({
      portalId: PORTAL,
      callbackId: "ap-old",
      answer: { outputFields: { hs_execution_state: "BLOCK" } },
      answeredAtMs: T0 - 61 * 60_000,
      owed: { object: "contacts", recordId: "1", scoreId: "lead", previousScore: "20" },
    });
    expect(await resumeOwedCallbacks({ ...deps, actions, answerWithinMs: 0 })).toBe(0);
    expect(await actions.owed()).toEqual([]);
  });

  it.each([
    [{ portalId: 999 }, "UNKNOWN_PORTAL"],
    [{ score: "nope" }, "UNKNOWN_SCORE"],
    [{ objectType: "TICKET" }, "WRONG_OBJECT_TYPE"],
    [{ objectType: "COMPANY" }, "WRONG_OBJECT_TYPE"],
    [{ score: "fit" }, "FIT_ONLY_SCORE"],
    [{ objectId: 404 }, "UNKNOWN_RECORD"],
  ])("%j answers FAIL_CONTINUE with %s, never a 500", async (overrides, code) => {
    const answer = await post("/actions/reset-score", actionRequest(overrides));
    expect(answer).toEqual({
      status: 200,
      body: { outputFields: { hs_execution_state: "FAIL_CONTINUE", error_code: code } },
    });
  });

  it("answers 400 to a body that is not a workflow action request", async () => {
    expect((await post("/actions/reset-score", { hello: "world" })).status).toBe(400);
  });
});
