import express, { type NextFunction, type Request, type Response, Router } from "express";
import type { Logger } from "pino";
import { AppError } from "../errors.js";
import { parseWebhookBatchFast } from "../hubspot/parse-webhook-batch-fast.js";
import { verifyWebhookV3 } from "../hubspot/verify-webhook-v3.js";
import type { WebhookEvent } from "../hubspot/webhook-event.js";
import type { Inbox } from "../ports/inbox.js";

export const WEBHOOK_PATH = "/webhooks/hubspot";
/** Batches are under 100 events (docs/hubspot.md §Webhook payloads); 1 MB leaves ample room and bounds memory. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export type WebhookRoutesDeps = {
  /** The app's client secret: the v3 HMAC key (docs/hubspot.md §Webhook signatures (v3)). */
  clientSecret: string;
  /** PUBLIC_BASE_URL without a trailing slash: HubSpot signs the URL it called, scheme included. */
  publicBaseUrl: string;
  inbox: Pick<Inbox, "append">;
  now: () => number;
  logger: Logger;
};

/** Written directly: res.json would also hash the body for an ETag, which no POST answer needs. */
function json(res: Response, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
      "cache-control": "no-store",
    })
    .end(text);
}

/**
 * POST /webhooks/hubspot: verify, parse, store, then acknowledge (docs/decisions.md §Webhook inbox,
 * docs/hubspot.md §Webhook signatures (v3), §Webhook payloads, §Webhook delivery).
 */
export function createWebhookRoutes(deps: WebhookRoutesDeps): Router {
  const router = Router();
  const log = deps.logger.child({ route: "webhooks" });
  // The signature covers the exact bytes, so the body is read raw whatever its Content-Type (docs/hubspot.md §Webhook signatures (v3)).
  const rawBody = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES });

  router.post(WEBHOOK_PATH, rawBody, async (req: Request, res: Response) => {
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      verifyWebhookV3({
        clientSecret: deps.clientSecret,
        method: req.method,
        uri: deps.publicBaseUrl + req.originalUrl,
        body,
        signature: req.get("x-hubspot-signature-v3"),
        timestamp: req.get("x-hubspot-request-timestamp"),
        nowMs: deps.now(),
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      log.warn({ reason: error.details.reason, ip: req.ip }, "rejected a webhook delivery: bad signature");
      return json(res, 401, {
        error: "invalid_signature",
        reason: error.details.reason,
        message: error.message,
      });
    }

    let events: WebhookEvent[];
    try {
      events = parseWebhookBatchFast(JSON.parse(body.toString("utf8")));
    } catch (error) {
      const problems =
        error instanceof AppError ? error.details.problems : [{ path: "", message: "not JSON" }];
      const message =
        error instanceof AppError ? error.message : "not a HubSpot webhook batch: the body is not JSON";
      log.warn({ problems }, "rejected a signed webhook delivery: not a batch of events");
      return json(res, 400, { error: "invalid_payload", message, problems });
    }

    // Acknowledge only once the batch is committed: a 2xx tells HubSpot never to send it again (docs/hubspot.md §Webhook delivery).
    // Events of portals or types we ignore are stored too; the worker drops them (2xx either way).
    const first = events[0];
    const delivery = log.child({ portalId: first?.portalId, eventId: first?.eventId, events: events.length });
    try {
      const { stored, duplicates } = await deps.inbox.append(events);
      delivery.debug({ stored, duplicates }, "stored a webhook delivery");
      return json(res, 200, { received: events.length, stored, duplicates });
    } catch (error) {
      // Not stored: any 5xx makes HubSpot retry later (docs/hubspot.md §Webhook delivery).
      delivery.error({ err: error }, "could not store a webhook delivery; HubSpot will retry it");
      return json(res, 503, {
        error: "inbox_unavailable",
        message: "could not store the delivery; retry later",
      });
    }
  });

  // body-parser's errors: 413 over the limit, 400 for a broken or aborted body, 415 for an encoding.
  router.use(WEBHOOK_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== "number" || status < 400 || status >= 500) return next(error);
    const tooLarge = status === 413;
    log.warn({ status, type: (error as { type?: unknown }).type }, "rejected a webhook delivery body");
    return json(res, status, {
      error: tooLarge ? "payload_too_large" : "invalid_body",
      message: tooLarge ? `the body exceeds ${WEBHOOK_BODY_LIMIT_BYTES} bytes` : (error as Error).message,
    });
  });

  return router;
}
