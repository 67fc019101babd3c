import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { EmailCampaign } from "../../ports/crm-feeds.js";
import { buildEmailFeedEvent, buildFormFeedEvent, snapshotTypeOfEmailEvent } from "./build-feed-events.js";
import type { AddressedEvent } from "./store-addressed-events.js";

// Reading one window of a feed (docs/hubspot.md §Marketing email events, §Form submissions), handing each page's events on as it comes,
// so a year's backfill is never held whole in memory. Both logs answer newest first.

export interface FeedWindow {
  /** Inclusive, epoch ms. */
  startMs: number;
  /** Inclusive, epoch ms. */
  endMs: number;
}

export type StorePage = (addressed: AddressedEvent[]) => Promise<void>;

/** The email events log over the window (one recipient's with `recipient`), a page of 1,000 at a time. */
export async function readEmailEventWindow(
  crm: CrmClient,
  window: FeedWindow & { recipient?: string },
  store: StorePage,
): Promise<void> {
  const cursors = createPagingCursors(crm.portalId, "email events");
  const campaigns = new Map<string, EmailCampaign | null>();
  let offset: string | null = null;
  do {
    const page = await crm.readMarketingEmailEvents(window, offset);
    const scored = page.events.filter((e) => snapshotTypeOfEmailEvent(e) !== null);
    for (const id of new Set(scored.flatMap((e) => (e.emailCampaignId ? [e.emailCampaignId] : [])))) {
      // The door caches campaigns per portal: one call per campaign the process has not seen yet.
      if (!campaigns.has(id)) campaigns.set(id, await crm.readEmailCampaign(id));
    }
    const addressed = scored.flatMap((e) => {
      const event = buildEmailFeedEvent(
        e,
        e.emailCampaignId ? (campaigns.get(e.emailCampaignId) ?? null) : null,
      );
      return event ? [{ email: e.recipient, event }] : [];
    });
    await store(addressed);
    offset = page.offset ? cursors.next("email events", page.offset) : null;
  } while (offset);
}

/**
 * Every form's submissions in the window: each form's pages newest first, until one older than the
 * window. A submission without an `email` field names no contact and is not kept.
 */
export async function readFormSubmissionWindow(
  crm: CrmClient,
  window: FeedWindow,
  store: StorePage,
): Promise<void> {
  const cursors = createPagingCursors(crm.portalId, "forms");
  let formsAfter: string | null = null;
  do {
    const forms = await crm.listForms(formsAfter);
    for (const form of forms.forms) {
      let after: string | null = null;
      let older = false;
      do {
        const page = await crm.readFormSubmissions(form.id, after);
        const addressed: AddressedEvent[] = [];
        for (const submission of page.submissions) {
          if (submission.submittedAt < window.startMs) older = true;
          else if (submission.submittedAt <= window.endMs && submission.email)
            addressed.push({ email: submission.email, event: buildFormFeedEvent(submission, form) });
        }
        await store(addressed);
        after = !older && page.after ? cursors.next(`form ${form.id}`, page.after) : null;
      } while (after);
    }
    formsAfter = forms.after ? cursors.next("forms", forms.after) : null;
  } while (formsAfter);
}
