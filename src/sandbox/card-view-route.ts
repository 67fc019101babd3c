import { Router } from "express";
// HubSpot signs what it forwards from a card's hubspot.fetch, so the sandbox signs its card calls
// with the same pure function (docs/hubspot.md §App cards, docs/decisions.md §Record card).
import { signWebhookV3 } from "../hubspot/sign-webhook-v3.js";
import type { ClockFollowers } from "./clock-followers.js";
import { HubSpotError } from "./hubspot-error.js";
import { objectTypeParam, recordIdOf } from "./object-type-param.js";
import { objectTypeIdOf } from "./object-types.js";
import type { SandboxClock } from "./sandbox-clock.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import type { WebhookTarget } from "./webhook-target.js";

// GET /__sandbox/records/:objectType/:id/card: what lead-score's record card shows on that record in
// HubSpot. Like HubSpot's proxy, the sandbox calls the app's GET /cards/record-scores with the
// record's objectTypeId and id, adds portalId, userId and appId to the query, signs the whole URL
// (v3, empty body) and hands back the app's answer as it came.

export const CARD_PATH = "/cards/record-scores";
/** The person looking at the record: the sandbox has one. */
export const SANDBOX_USER_ID = 1;
/** HubSpot gives hubspot.fetch 15 s at most (docs/hubspot.md §App cards). */
export const CARD_FETCH_TIMEOUT_MS = 15_000;
const CARD_OBJECTS = new Set(["contacts", "companies", "deals"]);
/** How often to look again while the app's clock catches up with a move (clock-followers.ts). */
export const FOLLOWER_POLL_MS = 50;

/** Like the webhook sender: a call signed with a time the app has not seen yet would be refused as from the future. */
async function waitForFollowers(followers: ClockFollowers): Promise<void> {
  while (followers.areBehind()) await new Promise((resolve) => setTimeout(resolve, FOLLOWER_POLL_MS));
}

export function createCardViewRoute(
  portal: SandboxPortal,
  target: WebhookTarget,
  clock: SandboxClock,
  followers: ClockFollowers,
): Router {
  const router = Router();
  router.get("/__sandbox/records/:objectType/:id/card", async (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    if (!CARD_OBJECTS.has(type))
      throw new HubSpotError(400, "VALIDATION_ERROR", `the card is not on ${type}`);
    const id = recordIdOf(req.params.id);
    if (id === null || !portal.records.get(type, id))
      throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no ${type} with id ${req.params.id}`);
    const appTarget = target.url();
    if (!appTarget)
      throw new HubSpotError(409, "APP_NOT_INSTALLED", "install the app first: the card's URL comes from it");
    const query = new URLSearchParams({
      objectTypeId: objectTypeIdOf[type],
      recordId: String(id),
      portalId: String(portal.portalId),
      userId: String(SANDBOX_USER_ID),
      appId: String(portal.app.appId),
    });
    const url = `${new URL(appTarget).origin}${CARD_PATH}?${query}`;
    // areBehind() gives up on a follower after FOLLOWER_MAX_WAIT_MS, so this ends.
    await waitForFollowers(followers);
    const timestampMs = clock.nowMs();
    const signature = signWebhookV3({
      clientSecret: portal.app.clientSecret,
      method: "GET",
      uri: url,
      body: "",
      timestampMs,
    });
    const answer = await fetch(url, {
      headers: { "x-hubspot-signature-v3": signature, "x-hubspot-request-timestamp": String(timestampMs) },
      signal: AbortSignal.timeout(CARD_FETCH_TIMEOUT_MS),
    });
    res
      .status(answer.status)
      .type("application/json")
      .send(await answer.text());
  });
  return router;
}
