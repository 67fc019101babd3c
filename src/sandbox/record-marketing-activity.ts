import { findContactIdByEmail, refreshContactRollups } from "./compute-contact-rollups.js";
import { emailEventExtrasOf } from "./email-event-details.js";
import type { EmailCampaign, StoredEmailEvent } from "./email-event-repo.js";
import type { StoredForm, StoredSubmission } from "./form-repo.js";
import { HubSpotError, validationError } from "./hubspot-error.js";
import { recordIdOf } from "./object-type-param.js";
import type { StoredRecord } from "./record-repo.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import type { StoredWebEvent } from "./web-event-repo.js";

// A contact's marketing and web activity as it happens (the `lead-score sandbox submit-form |
// open-email | click-email | view-page` commands): the feed entry the app reads, then the contact's
// roll-ups (compute-contact-rollups.ts), whose changes are property changes with HubSpot's sources
// EMAIL, FORM and ANALYTICS, sent as `contact.propertyChange` webhooks like any other.

/** `contact` as a record id or an email address; 404 when the portal has no such contact. */
export function contactOf(portal: SandboxPortal, ref: string | number): StoredRecord {
  const text = String(ref).trim();
  const id = recordIdOf(text) ?? (text.includes("@") ? findContactIdByEmail(portal, text) : null);
  const contact = id === null ? null : portal.records.get("contacts", id);
  if (!contact) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no contact with id or email ${text}`);
  return contact;
}

/** ISO text or epoch milliseconds; `nowMs` when absent. */
export function instantOf(value: string | number | undefined, nowMs: number): number {
  if (value === undefined) return nowMs;
  const ms = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw validationError(`not a time: ${String(value)}`);
  return ms;
}

/**
 * One email event for the recipient (a contact's address, or any address). An email is opened,
 * clicked or unsubscribed from only once delivered: such an event of a campaign never delivered to
 * the recipient gets its DELIVERED first, at the same instant. The contact with that address, if
 * any, has its roll-ups refreshed.
 */
export function recordEmailEvent(
  portal: SandboxPortal,
  input: {
    recipient: string;
    campaign: EmailCampaign;
    type: string;
    atMs: number;
    url?: string;
    portalSubscriptionStatus?: string;
  },
  nowMs: number,
): StoredEmailEvent[] {
  const recipient = input.recipient.toLowerCase();
  const contactId = findContactIdByEmail(portal, recipient);
  const { city, state, country } =
    (contactId === null ? null : portal.records.get("contacts", contactId))?.properties ?? {};
  const delivered =
    portal.emailEvents.page({ campaignId: input.campaign.id, recipient, eventType: "DELIVERED" }, null, 1)
      .length > 0;
  const needed = [
    ...(["OPEN", "CLICK", "STATUSCHANGE"].includes(input.type) && !delivered ? ["DELIVERED"] : []),
    input.type,
  ];
  return portal.db.transaction(() => {
    const appended = needed.map((type) =>
      portal.emailEvents.append({
        campaignId: input.campaign.id,
        recipient,
        type,
        created: input.atMs,
        details: {
          ...emailEventExtrasOf(type, { city, state, country }, input.url),
          ...(type === "STATUSCHANGE" && input.portalSubscriptionStatus
            ? { portalSubscriptionStatus: input.portalSubscriptionStatus }
            : {}),
        },
      }),
    );
    if (contactId !== null) refreshContactRollups(portal, contactId, { nowMs, changeSource: "EMAIL" });
    return appended;
  })();
}

/**
 * A submission of the form with these values, as HubSpot's form posts it: the submitting contact's
 * email first when one is known (its roll-ups refreshed), else only the values (an anonymous visitor).
 */
export function recordFormSubmission(
  portal: SandboxPortal,
  input: {
    form: StoredForm;
    contact: StoredRecord | null;
    atMs: number;
    pageUrl: string;
    values?: Record<string, string>;
  },
  nowMs: number,
): StoredSubmission {
  const email = input.contact?.properties.email;
  const values = { ...(email ? { email } : {}), ...input.values };
  return portal.db.transaction(() => {
    const submission = portal.forms.submit({
      formGuid: input.form.guid,
      submittedAt: input.atMs,
      pageUrl: input.pageUrl,
      values: Object.entries(values).map(([name, value]) => ({ name, value })),
    });
    if (input.contact) refreshContactRollups(portal, input.contact.id, { nowMs, changeSource: "FORM" });
    return submission;
  })();
}

/** An analytics event of the contact (page view, CTA click, ad interaction, custom event). */
export function recordWebEvent(
  portal: SandboxPortal,
  input: { contact: StoredRecord; eventType: string; atMs: number; properties: Record<string, string> },
  nowMs: number,
): StoredWebEvent {
  return portal.db.transaction(() => {
    const event = portal.webEvents.append({
      eventType: input.eventType,
      objectType: "contacts",
      objectId: input.contact.id,
      occurredAt: input.atMs,
      properties: input.properties,
    });
    refreshContactRollups(portal, input.contact.id, { nowMs, changeSource: "ANALYTICS" });
    return event;
  })();
}
