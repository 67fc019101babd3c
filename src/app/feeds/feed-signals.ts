import { AppError } from "../../errors.js";
import type { WebhookEvent } from "../../hubspot/webhook-event.js";
import type { FeedName } from "../../ports/feed-event-store.js";
import type { PortalScoring } from "../pipeline/load-portal-scoring.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { resolveReaches, type ScoredRef } from "../pipeline/resolve-reaches.js";
import { feedReach } from "./feed-reach.js";
import { feedScopeGranted } from "./poll-feeds.js";
import { readEmailEventWindow } from "./read-feed-windows.js";
import { storeAddressedEvents } from "./store-addressed-events.js";

// A contact roll-up property HubSpot updates when a feed event happens (docs/hubspot.md §Contact roll-up properties) is a signal
// not to wait for the feed's next poll (docs/decisions.md §Portal-wide feeds): a last open or click
// date reads that contact's email events now (`recipient=`); a new conversion asks for the forms
// poll now, as there is no per-contact submissions read (docs/hubspot.md §Form submissions).

export const feedSignalProperties: Readonly<Record<string, FeedName>> = {
  hs_email_last_open_date: "email_events",
  hs_email_last_click_date: "email_events",
  recent_conversion_date: "form_submissions",
  num_conversion_events: "form_submissions",
};

/** How far back a signal's read looks: the roll-up moved for an event of the last moments. */
export const SIGNAL_WINDOW_MS = 24 * 60 * 60 * 1000;

export function feedSignalOf(event: WebhookEvent): FeedName | undefined {
  if (event.objectType !== "contacts" || event.change !== "propertyChange") return undefined;
  return feedSignalProperties[event.propertyName ?? ""];
}

/** Reads one contact's recent email events and stores them; the records whose scores they move. */
async function readContactEmailEvents(
  deps: PipelineDeps,
  scoring: PortalScoring,
  contactId: string,
): Promise<ScoredRef[]> {
  const reach = feedReach(scoring.definitions, "email_events");
  if (reach.length === 0) return [];
  const { portalId } = scoring;
  const crm = deps.crmFor(portalId);
  const [contact] = await crm.readRecords("contacts", [contactId], ["email"]);
  const email = contact?.properties.email;
  if (!email) return [];
  const nowMs = deps.now();
  const changed = new Set<string>();
  const storeDeps = { crm, feeds: deps.feeds, now: deps.now };
  await readEmailEventWindow(
    crm,
    { startMs: nowMs - SIGNAL_WINDOW_MS, endMs: nowMs, recipient: email },
    async (page) => {
      const ids = await storeAddressedEvents(storeDeps, portalId, "email_events", page, {
        retryPending: false,
      });
      for (const id of ids) changed.add(id);
    },
  );
  const reaches = [...changed].flatMap((id) =>
    reach.map((hops) => ({ object: "contacts" as const, id, hops })),
  );
  return (await resolveReaches(crm, reaches)).flat();
}

/**
 * Acts on a feed signal of one contact: the records to rescore now (email events), or none when the
 * forms poll was asked for (it rescores what it finds). A portal that refused the feed (403) gives
 * none: the poller records that for the sources status.
 */
export async function actOnFeedSignal(
  deps: PipelineDeps,
  scoring: PortalScoring,
  feed: FeedName,
  contactId: string,
): Promise<ScoredRef[]> {
  if (feedReach(scoring.definitions, feed).length === 0) return [];
  if (!(await feedScopeGranted(deps, scoring.portalId, feed))) return [];
  if (feed === "form_submissions") {
    deps.requestFeedPoll?.(feed);
    return [];
  }
  try {
    return await readContactEmailEvents(deps, scoring, contactId);
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") {
      deps.logger.warn(
        { portalId: scoring.portalId, feed, err: error },
        "feed signal not followed: HubSpot refused",
      );
      return [];
    }
    throw error;
  }
}
