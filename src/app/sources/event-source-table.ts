import type { EventSourceName } from "../../ports/source-status-store.js";

// Every event type of docs/scoring.md §Event types → where the app reads it, the scope that read needs and
// HubSpot's tier (docs/decisions.md §Sources status; README "Event sources"). Scopes per docs/hubspot.md
// §Engagement objects (engagements read with the contacts scope, emails also sales-email-read),
// §Marketing email events (content), §Form submissions (forms), §Event analytics (no object scope,
// Enterprise), §Tickets (tickets).

export type SourceTier = "any" | "professional" | "enterprise";

export interface EventSourceInfo {
  source: EventSourceName;
  /** An optional scope the portal may not have granted; null when the app's required scopes cover it. */
  scope: string | null;
  tier: SourceTier;
}

const engagement = (source: EventSourceName, scope: string | null = null): EventSourceInfo => ({
  source,
  scope,
  tier: "any",
});
const emailEvents: EventSourceInfo = {
  source: "marketing_email_events",
  scope: "content",
  tier: "professional",
};
const webEvents: EventSourceInfo = { source: "event_analytics", scope: null, tier: "enterprise" };

/** The event types docs/scoring.md §Event types names, with their sources. */
export const EVENT_SOURCES: ReadonlyMap<string, EventSourceInfo> = new Map([
  ["meeting", engagement("meetings")],
  ["call", engagement("calls")],
  ["email", engagement("emails", "sales-email-read")],
  ["note", engagement("notes")],
  ["task", engagement("tasks")],
  ["ticket", engagement("tickets", "tickets")],
  ["form_submission", { source: "form_submissions", scope: "forms", tier: "any" }],
  ["marketing_email_delivered", emailEvents],
  ["marketing_email_open", emailEvents],
  ["marketing_email_click", emailEvents],
  ["marketing_email_bounce", emailEvents],
  ["marketing_email_unsubscribe", emailEvents],
  ["page_view", webEvents],
  ["cta_click", webEvents],
  ["ad_interaction", webEvents],
]);

/** A custom behavioural event under its HubSpot name, `pe{portalId}_{label}` (docs/hubspot.md §Event analytics). */
export const isCustomBehaviouralEvent = (type: string): boolean => /^pe\d+_.+/.test(type);

/** The source of an event type; undefined for a type no HubSpot source produces (the engine takes any). */
export function sourceOfEventType(type: string): EventSourceInfo | undefined {
  return EVENT_SOURCES.get(type) ?? (isCustomBehaviouralEvent(type) ? webEvents : undefined);
}
