import express from "express";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCardRoutes } from "../../../src/http/card-routes.js";
import { defaultSandboxApp } from "../../../src/sandbox/create-sandbox-server.js";
import { parseDefinition } from "../../../src/scoring/index.js";
import { createTestScoresDeps } from "../../fixtures/app/create-test-scores-deps.js";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";
import { buildLeadScoreDraft } from "../../fixtures/score-drafts.js";
import { listenOnPort0 } from "../../support/listen-on-port-0.js";

// GET /__sandbox/records/:objectType/:id/card calls the app's card endpoint signed as HubSpot's proxy
// signs it, and shows the app's answer: what a salesperson sees in the card (docs/decisions.md §Record card).

let sandbox: TestSandbox;
let closeApp: () => Promise<void>;
let setup: Awaited<ReturnType<typeof createTestScoresDeps>>;

async function startApp(clientSecret: string) {
  setup = await createTestScoresDeps(90_000_001);
  setup.clock.nowMs = SANDBOX_EPOCH_MS;
  const { deps } = setup;
  await deps.scores.save(
    90_000_001,
    parseDefinition({ ...buildLeadScoreDraft({ thresholds: { high: 20, medium: 10 } }), status: "enabled" }),
    { savedAtMs: SANDBOX_EPOCH_MS, savedBy: "test", change: "enable" },
  );
  let base = "";
  const app = express().use(
    createCardRoutes({
      ...deps,
      clientSecret,
      // Known once the server listens; read per request, as PUBLIC_BASE_URL is.
      get publicBaseUrl() {
        return base;
      },
      logger: pino({ level: "silent" }),
    }),
  );
  ({ base, close: closeApp } = await listenOnPort0(app));
  return base;
}

afterEach(async () => {
  sandbox.close();
  await closeApp();
});

describe("the sandbox's record card view", () => {
  beforeEach(async () => {
    const base = await startApp(defaultSandboxApp.clientSecret);
    sandbox = await startTestSandbox({ webhookTargetUrl: `${base}/webhooks/hubspot` });
  });

  it("shows what the card shows for a contact, through the app's signed endpoint", async () => {
    const [id = ""] = (await sandbox.client.listRecordIds("contacts", null)).ids;
    await setup.deps.records.appendHistory({ portalId: 90_000_001, object: "contacts", recordId: id }, [
      {
        property: "ls_lead",
        old: null,
        new: "30",
        threshold: "high",
        atMs: SANDBOX_EPOCH_MS,
        cause: "enable",
        groups: [{ name: "Meetings", value: 30, rules: [{ index: 0, value: 30 }] }],
      },
      {
        property: "ls_lead_threshold",
        old: null,
        new: "high",
        threshold: "high",
        atMs: SANDBOX_EPOCH_MS,
        cause: "enable",
      },
    ]);
    const shown = await sandbox.call("GET", `/__sandbox/records/contacts/${id}/card`);
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ portalId: 90_000_001, objectType: "contacts", recordId: id });
    expect(shown.json.scores).toEqual([
      expect.objectContaining({
        id: "lead",
        value: 30,
        threshold: "high",
        groups: [{ name: "Meetings", value: 30, topRules: [{ index: 0, describes: "meeting", value: 30 }] }],
      }),
    ]);
  });

  it("answers 404 for a record the portal does not have, without calling the app", async () => {
    const shown = await sandbox.call("GET", "/__sandbox/records/contacts/999999999/card");
    expect(shown.status).toBe(404);
  });
});

describe("the sandbox's record card view against an app with another secret", () => {
  beforeEach(async () => {
    const base = await startApp("not-the-sandbox-secret");
    sandbox = await startTestSandbox({ webhookTargetUrl: `${base}/webhooks/hubspot` });
  });

  it("passes on the app's 401: the app checks the signature the sandbox made", async () => {
    const [id = ""] = (await sandbox.client.listRecordIds("contacts", null)).ids;
    const shown = await sandbox.call("GET", `/__sandbox/records/contacts/${id}/card`);
    expect(shown.status).toBe(401);
    expect(shown.json).toMatchObject({ reason: "mismatch" });
  });
});
