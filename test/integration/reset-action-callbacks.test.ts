import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Keyv } from "keyv";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { createKeyvActionStore } from "../../src/adapters/stores/keyv-action-store.js";
import { openKeyv } from "../../src/adapters/stores/open-keyv.js";
import {
  handleResetAction,
  type ResetActionDeps,
  resumeOwedCallbacks,
} from "../../src/app/actions/reset-action.js";
import { parseResetActionRequest } from "../../src/hubspot/parse-action-request.js";
import type { StoredAction } from "../../src/ports/action-store.js";
import { ACTION_PORTAL, actionRequest, useActionApp } from "../fixtures/app/use-action-app.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { T0 } from "../fixtures/installation.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// A reset that takes longer than the action may wait (docs/decisions.md §Reset workflow action): BLOCK, then the
// callback completes when the write lands, even across a restart, and never after HubSpot stopped waiting.

allowOnlyLocalhost();
const app = useActionApp();

describe("a slow reset", () => {
  it("answers BLOCK when the write is slow and completes the callback when it lands", async () => {
    app.answerWithinMs = 0;
    const completed = new Promise<unknown>((resolve) => {
      nock(HUBSPOT)
        .post("/automation/v4/actions/callbacks/ap-slow/complete")
        .reply(204, (_uri, body) => {
          resolve(body);
          return "";
        });
    });
    const answer = await app.post("/actions/reset-score", actionRequest({ callbackId: "ap-slow" }));
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
        ...app.deps,
        actions: createKeyvActionStore(before),
        answerWithinMs: 0,
        crmFor: (portalId) => ({
          ...app.deps.crmFor(portalId),
          completeActionCallback: () => new Promise(() => {}),
        }),
      };
      const answer = await handleResetAction(
        stopped,
        parseResetActionRequest(actionRequest({ callbackId: "ap-restart" })),
      );
      expect(answer.outputFields.hs_execution_state).toBe("BLOCK");
      await app.setup.runner.onIdle();
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
      expect(await resumeOwedCallbacks({ ...app.deps, actions, answerWithinMs: 0 })).toBe(1);
      callback.done();
      expect(await actions.owed()).toEqual([]);
      expect(await actions.get(ACTION_PORTAL, "ap-restart")).toMatchObject({
        answer: { outputFields: { hs_execution_state: "BLOCK" } },
        completedAtMs: T0,
      });
      // A third start owes nothing.
      expect(await resumeOwedCallbacks({ ...app.deps, actions, answerWithinMs: 0 })).toBe(0);
      await after.disconnect();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drops a callback owed past HubSpot's one-hour wait instead of sending it", async () => {
    const actions = createKeyvActionStore(new Keyv());
    await actions.save({
      portalId: ACTION_PORTAL,
      callbackId: "ap-old",
      answer: { outputFields: { hs_execution_state: "BLOCK" } },
      answeredAtMs: T0 - 61 * 60_000,
      owed: { object: "contacts", recordId: "1", scoreId: "lead", previousScore: "20" },
    });
    expect(await resumeOwedCallbacks({ ...app.deps, actions, answerWithinMs: 0 })).toBe(0);
    expect(await actions.owed()).toEqual([]);
  });
});
