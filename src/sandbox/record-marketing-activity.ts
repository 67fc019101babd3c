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

const emailOf = (contact: StoredRecord) => {
  const email = contact.properties.email;
  if (!email)
    throw validationError(`contact ${contact.id} has no email: marketing email reaches contacts by address`);
  return email;
};

/**
 * One email event for the contact. An email reaches a contact only once sent and delivered: an
 * OPEN, CLICK or unsubscribe (STATUSCHANGE) of a campaign the contact was not sent gets its SENT and
 * DELIVERED first, a DELIVERED or BOUNCE its SENT, all at the same instant.
 */
export function recordEmailEvent(
  portal: SandboxPortal,
  input: { contact: StoredRecord; campaign: EmailCampaign; type: string; atMs: number; url?: string },
  nowMs: number,
): StoredEmailEvent[] {
  const recipient = emailOf(input.contact);
  const { city, state, country } = input.contact.properties;
  const had = (type: string) =>
    portal.emailEvents.page({ campaignId: input.campaign.id, recipient, eventType: type }, null, 1).length >
    0;
  const needed = [
    ...(had("SENT") || input.type === "SENT" ? [] : ["SENT"]),
    ...(["OPEN", "CLICK", "STATUSCHANGE"].includes(input.type) && !had("DELIVERED") ? ["DELIVERED"] : []),
    input.type,
  ];
  const events = portal.db.transaction(() => {
    const appended = needed.map((type) =>
      portal.emailEvents.append({
        campaignId: input.campaign.id,
        recipient,
        type,
        created: input.atMs,
        details: { ...emailEventExtrasOf(type, { city, state, country }, input.url) },
      }),
    );
    refreshContactRollups(portal, input.contact.id, { nowMs, changeSource: "EMAIL" });
    return appended;
  })();
  return events;
}

/** A submission of the form with these values (the contact's email among them), as HubSpot's form posts it. */
export function recordFormSubmission(
  portal: SandboxPortal,
  input: {
    form: StoredForm;
    contact: StoredRecord;
    atMs: number;
    pageUrl: string;
    values?: Record<string, string>;
  },
  nowMs: number,
): StoredSubmission {
  const values = { email: emailOf(input.contact), ...input.values };
  return portal.db.transaction(() => {
    const submission = portal.forms.submit({
      formGuid: input.form.guid,
      submittedAt: input.atMs,
      pageUrl: input.pageUrl,
      values: Object.entries(values).map(([name, value]) => ({ name, value })),
    });
    refreshContactRollups(portal, input.contact.id, { nowMs, changeSource: "FORM" });
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
