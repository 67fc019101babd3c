import { type Request, type Response, Router } from "express";
import type { Logger } from "pino";
import { type RecordScoresDeps, readRecordScores } from "../app/cards/read-record-scores.js";
import { AppError } from "../errors.js";
import { parseCardRequest } from "../hubspot/parse-card-request.js";
import { verifyWebhookV3 } from "../hubspot/verify-webhook-v3.js";

export const CARD_PATH = "/cards/record-scores";

export type CardRoutesDeps = RecordScoresDeps & {
  /** The app's client secret: HubSpot signs what it forwards from a card with it (docs/hubspot.md §App cards). */
  clientSecret: string;
  /** PUBLIC_BASE_URL without a trailing slash: the signed URI is the full URL HubSpot called, query included. */
  publicBaseUrl: string;
  logger: Logger;
};

const STATUS: Partial<Record<string, number>> = { unauthorized: 401, invalid_input: 400, not_found: 404 };

/**
 * GET /cards/record-scores: the record card's data, for HubSpot's proxy only (docs/decisions.md §Record card).
 * The v3 signature is checked over the URL as called, with its query; portal, user and record come
 * from that signed query, never from anything unsigned.
 */
export function createCardRoutes(deps: CardRoutesDeps): Router {
  const router = Router();
  const log = deps.logger.child({ route: "cards" });

  router.get(CARD_PATH, async (req: Request, res: Response) => {
    res.set("cache-control", "no-store");
    try {
      verifyWebhookV3({
        clientSecret: deps.clientSecret,
        method: req.method,
        uri: deps.publicBaseUrl + req.originalUrl,
        body: "",
        signature: req.get("x-hubspot-signature-v3"),
        timestamp: req.get("x-hubspot-request-timestamp"),
        nowMs: deps.now(),
      });
      const request = parseCardRequest(req.query);
      const answer = await readRecordScores(deps, {
        portalId: request.portalId,
        object: request.object,
        recordId: request.recordId,
      });
      res.json({ ...answer, adminUrl: `${deps.publicBaseUrl}/admin/portals/${request.portalId}` });
    } catch (error) {
      const status = error instanceof AppError ? STATUS[error.code] : undefined;
      if (!(error instanceof AppError) || status === undefined) {
        log.error({ err: error }, "could not answer a record card");
        res.status(500).json({ error: "internal", message: "could not read the record's scores" });
        return;
      }
      if (status === 401)
        log.warn(
          { reason: error.details.reason, uri: deps.publicBaseUrl + req.originalUrl },
          "rejected a card request: bad signature (check HUBSPOT_CLIENT_SECRET and PUBLIC_BASE_URL)",
        );
      res.status(status).json({
        error: error.code,
        reason: error.details.reason,
        message: error.message,
        problems: error.details.problems,
      });
    }
  });
  return router;
}
