import { Router } from "express";
import { type CrmGuard, requireScopes } from "./crm-guard.js";
import { validationError } from "./hubspot-error.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// Completing a blocked workflow-action execution (docs/hubspot.md §Workflow action callbacks): POST
// /automation/v4/actions/callbacks/{callbackId}/complete with {outputFields: {hs_execution_state:
// SUCCESS | FAIL_CONTINUE, ...}}, answered 204. The sandbox runs no workflows, so it cannot know
// which callbacks exist: it keeps what was completed, for tests and `GET /__sandbox/action-callbacks`.

const STATES = new Set(["SUCCESS", "FAIL_CONTINUE"]);

export type CompletedCallback = {
  callbackId: string;
  outputFields: Record<string, string>;
  completedAtMs: number;
};

export function createActionCallbacksRoute(portal: SandboxPortal, guard: CrmGuard): Router {
  portal.db.exec(`CREATE TABLE IF NOT EXISTS action_callbacks (
    callback_id TEXT PRIMARY KEY, output_fields TEXT NOT NULL, completed_at INTEGER NOT NULL)`);
  const save = portal.db.prepare(
    "INSERT OR REPLACE INTO action_callbacks (callback_id, output_fields, completed_at) VALUES (?, ?, ?)",
  );
  const all = portal.db.prepare("SELECT * FROM action_callbacks ORDER BY completed_at, callback_id");
  const router = Router();

  router.post("/automation/v4/actions/callbacks/:callbackId/complete", guard("api"), (req, res) => {
    requireScopes(res, ["automation"]);
    const outputFields = (req.body as { outputFields?: unknown } | undefined)?.outputFields;
    if (typeof outputFields !== "object" || outputFields === null || Array.isArray(outputFields)) {
      throw validationError("Invalid input JSON: outputFields is required");
    }
    const fields = Object.fromEntries(Object.entries(outputFields).map(([k, v]) => [k, String(v)]));
    if (!STATES.has(fields.hs_execution_state ?? "")) {
      throw validationError("outputFields.hs_execution_state must be SUCCESS or FAIL_CONTINUE");
    }
    save.run(req.params.callbackId, JSON.stringify(fields), portal.clock.nowMs());
    res.status(204).end();
  });

  router.get("/__sandbox/action-callbacks", (_req, res) => {
    const rows = all.all() as { callback_id: string; output_fields: string; completed_at: number }[];
    const callbacks: CompletedCallback[] = rows.map((r) => ({
      callbackId: r.callback_id,
      outputFields: JSON.parse(r.output_fields) as Record<string, string>,
      completedAtMs: r.completed_at,
    }));
    res.json({ callbacks });
  });
  return router;
}
