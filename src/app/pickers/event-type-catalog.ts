import type { EventSourceName } from "../../ports/source-status-store.js";
import type { EngagementObject } from "../build-engagement-event.js";
import type { PickerProperty } from "./portal-properties.js";

// Every event type a rule can name (docs/scoring.md §Event types), with the label the builder shows
// and where its events come from: a CRM engagement object, whose properties HubSpot lists, or a
// marketing or web source whose event properties are this app's own names.

export type EventSource =
  | { engagement: EngagementObject; scopes: readonly string[] }
  | { name: string; properties: readonly PickerProperty[]; readByApp: false };

/** `status`: the source whose recorded problems (docs/decisions.md §Sources status) concern the type. */
export type EventTypeEntry = { type: string; label: string; source: EventSource; status: EventSourceName };

/** A property of an event that is text with no options HubSpot could give. */
const text = (name: string, label: string, group: string): PickerProperty => ({
  name,
  label,
  type: "string",
  fieldType: "text",
  group,
  options: [],
});

const emailProperties = (withUrl: boolean) => [
  text("campaign", "Email campaign id", "marketing email"),
  text("campaign_name", "Campaign name", "marketing email"),
  text("email_name", "Email name", "marketing email"),
  text("subject", "Subject", "marketing email"),
  ...(withUrl ? [text("url", "Clicked URL", "marketing email")] : []),
];

const marketingEmail = (suffix: string, label: string): EventTypeEntry => ({
  type: `marketing_email_${suffix}`,
  label: `Marketing email ${label}`,
  source: {
    name: "marketing email events",
    properties: emailProperties(suffix === "click"),
    readByApp: false,
  },
  status: "marketing_email_events",
});

// Reading a contact's engagements needs the contacts read scope; email content also needs
// sales-email-read (docs/hubspot.md §Engagement objects).
const contactsRead = ["crm.objects.contacts.read"];

export const eventTypeCatalog: readonly EventTypeEntry[] = [
  {
    type: "meeting",
    label: "Meeting",
    source: { engagement: "meetings", scopes: contactsRead },
    status: "meetings",
  },
  { type: "call", label: "Call", source: { engagement: "calls", scopes: contactsRead }, status: "calls" },
  {
    type: "email",
    label: "Sales email",
    source: { engagement: "emails", scopes: [...contactsRead, "sales-email-read"] },
    status: "emails",
  },
  { type: "note", label: "Note", source: { engagement: "notes", scopes: contactsRead }, status: "notes" },
  {
    type: "task",
    label: "Completed task",
    source: { engagement: "tasks", scopes: contactsRead },
    status: "tasks",
  },
  {
    type: "form_submission",
    label: "Form submission",
    source: {
      name: "form submissions",
      properties: [
        text("form_name", "Form name", "form"),
        text("form_id", "Form id", "form"),
        text("page_url", "Page URL", "form"),
      ],
      readByApp: false,
    },
    status: "form_submissions",
  },
  marketingEmail("delivered", "delivered"),
  marketingEmail("open", "opened"),
  marketingEmail("click", "clicked"),
  marketingEmail("bounce", "bounced"),
  marketingEmail("unsubscribe", "unsubscribed"),
  {
    type: "page_view",
    label: "Page view",
    source: {
      name: "website visits",
      properties: [
        text("url", "Page URL", "page"),
        text("title", "Page title", "page"),
        text("path", "Path", "page"),
      ],
      readByApp: false,
    },
    status: "event_analytics",
  },
  {
    type: "cta_click",
    label: "CTA click",
    source: {
      name: "CTA clicks",
      properties: [text("cta_name", "CTA name", "cta"), text("url", "Page URL", "cta")],
      readByApp: false,
    },
    status: "event_analytics",
  },
  {
    type: "ad_interaction",
    label: "Ad interaction",
    source: {
      name: "ad interactions",
      properties: [
        text("network", "Ad network", "ad"),
        text("campaign_name", "Ad campaign", "ad"),
        text("ad_name", "Ad name", "ad"),
      ],
      readByApp: false,
    },
    status: "event_analytics",
  },
  {
    type: "ticket",
    label: "Support ticket",
    source: {
      name: "tickets",
      properties: [
        text("subject", "Ticket name", "ticket"),
        text("hs_pipeline_stage", "Ticket status", "ticket"),
        text("hs_ticket_priority", "Priority", "ticket"),
        text("hs_ticket_category", "Category", "ticket"),
      ],
      readByApp: false,
    },
    status: "tickets",
  },
];
