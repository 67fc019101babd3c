import type { CrmObjectType } from "../../ports/crm-client.js";
import type { PickerProperty } from "./portal-properties.js";

// Every event type a rule can name (docs/scoring.md §Event types), with the label the builder shows and
// where its event properties are listed: a CRM object's properties (engagements, tickets), which
// HubSpot lists with labels and options, or the properties the app gives a marketing or web event.
// Where the events themselves come from, and whether the portal supplies them, is
// src/app/sources/event-source-table.ts (docs/decisions.md §Sources status).

export type EventTypeEntry = {
  type: string;
  label: string;
  properties: { object: CrmObjectType } | { fixed: readonly PickerProperty[] };
};

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
  properties: { fixed: emailProperties(suffix === "click") },
});

export const eventTypeCatalog: readonly EventTypeEntry[] = [
  { type: "meeting", label: "Meeting", properties: { object: "meetings" } },
  { type: "call", label: "Call", properties: { object: "calls" } },
  { type: "email", label: "Email", properties: { object: "emails" } },
  { type: "note", label: "Note", properties: { object: "notes" } },
  { type: "task", label: "Task", properties: { object: "tasks" } },
  {
    type: "form_submission",
    label: "Form submission",
    properties: {
      fixed: [
        text("form_name", "Form name", "form"),
        text("form_id", "Form id", "form"),
        text("page_url", "Page URL", "form"),
      ],
    },
  },
  marketingEmail("delivered", "delivered"),
  marketingEmail("open", "opened"),
  marketingEmail("click", "clicked"),
  marketingEmail("bounce", "bounced"),
  marketingEmail("unsubscribe", "unsubscribed"),
  {
    type: "page_view",
    label: "Page view",
    properties: {
      fixed: [
        text("url", "Page URL", "page"),
        text("title", "Page title", "page"),
        text("path", "Path", "page"),
      ],
    },
  },
  {
    type: "cta_click",
    label: "CTA click",
    properties: { fixed: [text("cta_name", "CTA name", "cta"), text("url", "Page URL", "cta")] },
  },
  {
    type: "ad_interaction",
    label: "Ad interaction",
    properties: {
      fixed: [
        text("network", "Ad network", "ad"),
        text("campaign_name", "Ad campaign", "ad"),
        text("ad_name", "Ad name", "ad"),
      ],
    },
  },
  { type: "ticket", label: "Support ticket", properties: { object: "tickets" } },
];
