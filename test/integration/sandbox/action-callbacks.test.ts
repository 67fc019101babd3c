import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// docs/hubspot.md §Workflow action callbacks against the sandbox: the app's door completes a blocked workflow execution.

let env: Awaited<ReturnType<typeof startTestSandbox>>;
beforeEach(async () => {
  env = await startTestSandbox();
});
afterEach(async () => {
  await env.close();
});

describe("workflow action callbacks", () => {
  it("records a completion sent through the app's door", async () => {
    await env.client.completeActionCallback("ap-42", { hs_execution_state: "SUCCESS", new_score: "0" });
    const listed = await env.call("GET", "/__sandbox/action-callbacks");
    expect(listed.json.callbacks).toEqual([
      {
        callbackId: "ap-42",
        outputFields: { hs_execution_state: "SUCCESS", new_score: "0" },
        completedAtMs: expect.any(Number),
      },
    ]);
  });

  it("refuses a state HubSpot does not accept, and a token without the automation scope", async () => {
    const bad = await env.crm("POST", "/automation/v4/actions/callbacks/ap-1/complete", {
      outputFields: { hs_execution_state: "BLOCK" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    const narrow = await env.issueToken(["crm.objects.contacts.read"]);
    const forbidden = await env.crm(
      "POST",
      "/automation/v4/actions/callbacks/ap-1/complete",
      { outputFields: { hs_execution_state: "SUCCESS" } },
      narrow,
    );
    expect(forbidden.status).toBe(403);
  });
});
