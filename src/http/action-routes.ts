import express, { type Request, type Response, Router } from "express";
import type { Logger } from "pino";
import { handleResetAction, type ResetActionDeps, type ResetErrorCode } from "../app/actions/reset-action.js";
import { listResetOptions } from "../app/actions/reset-options.js";
import { AppError } from "../errors.js";
import { parseResetActionRequest, parseResetOptionsRequest } from "../hubspot/parse-action-request.js";
import { verifyActionSignature } from "../hubspot/verify-action-signature.js";

export type ActionRoutesDeps = ResetActionDeps & {
  clientSecret: string;
  publicBaseUrl: string;
  logger: Logger;
};

/** POST /actions/reset-score and its options fetch; signatures checked on the raw body (docs/hubspot.md §Workflow action signatures). */
export function createActionRoutes(deps: ActionRoutesDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: "256kb" });

  const verified = (req: Request): unknown => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    verifyActionSignature({
      clientSecret: deps.clientSecret,
      method: req.method,
      uri: `${deps.publicBaseUrl}${req.originalUrl}`,
      body,
      headers: {
        v3: req.get("x-hubspot-signature-v3"),
        timestamp: req.get("x-hubspot-request-timestamp"),
        v2: req.get("x-hubspot-signature"),
      },
      nowMs: deps.now(),
    });
    try {
      return JSON.parse(body.toString("utf8"));
    } catch {
      throw new AppError("invalid_input", "the body is not JSON");
    }
  };
  const refuse = (res: Response, error: unknown) => {
    if (error instanceof AppError && (error.code === "unauthorized" || error.code === "invalid_input")) {
      const status = error.code === "unauthorized" ? 401 : 400;
      res.status(status).json({ error: error.code, reason: error.details.reason, message: error.message });
      return;
    }
    // Never a 500 to a workflow (docs/decisions.md §Reset workflow action): HubSpot would retry for days.
    deps.logger.error({ err: error }, "workflow action failed");
    res.json({
      outputFields: {
        hs_execution_state: "FAIL_CONTINUE",
        error_code: "INTERNAL_ERROR" satisfies ResetErrorCode,
      },
    });
  };

  router.post("/actions/reset-score/options", raw, async (req, res) => {
    try {
      res.json(await listResetOptions(deps, parseResetOptionsRequest(verified(req))));
    } catch (error) {
      refuse(res, error);
    }
  });
  router.post("/actions/reset-score", raw, async (req, res) => {
    try {
      res.json(await handleResetAction(deps, parseResetActionRequest(verified(req))));
    } catch (error) {
      refuse(res, error);
    }
  });
  return router;
}
