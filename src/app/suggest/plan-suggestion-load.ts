import type { CrmClient } from "../../ports/crm-client.js";
import type { FeedEventStore } from "../../ports/feed-event-store.js";
import type { SuggestionRequest } from "../../ports/suggestion-store.js";
import { engagementObjects } from "../build-engagement-event.js";
import type { EventNeeds } from "../snapshot-needs.js";
import type { SuggestionLoadPlan } from "./load-suggestion-records.js";
import { pickSuggestionProperties, type SuggestionProperties } from "./pick-suggestion-properties.js";

// What a suggestion reads (docs/decisions.md §Suggested scores from HubSpot). A fit score weighs the
// portal's own properties of the object (and, for contacts, of their companies: the core reads a name the
// same way on both, so the record's own description of a name wins); an engagement score counts every event source the app has: the CRM engagements and tickets,
// the marketing email and form feeds, and web events where the web events feed holds them (reading them
// contact by contact would cost a call per contact and type).

/** Web event types the web events feed stores (docs/decisions.md §Web events mapping). */
const WEB_TYPES = ["page_view", "cta_click", "ad_interaction"];

export type PlannedLoad = { plan: SuggestionLoadPlan; properties?: SuggestionProperties };

async function engagementNeeds(
  feeds: Pick<FeedEventStore, "cursor"> | undefined,
  portalId: number,
): Promise<EventNeeds> {
  const needs: EventNeeds = { objects: [...engagementObjects, "tickets"] };
  if (!feeds) return needs;
  needs.feeds = ["email_events", "form_submissions"];
  const web = await feeds.cursor(portalId, "web_events");
  if (web !== undefined && !web.portalWideRefused)
    needs.web = Object.fromEntries(WEB_TYPES.map((type) => [type, [null]]));
  return needs;
}

export async function planSuggestionLoad(
  crm: Pick<CrmClient, "listProperties">,
  feeds: Pick<FeedEventStore, "cursor"> | undefined,
  portalId: number,
  request: SuggestionRequest,
): Promise<PlannedLoad> {
  if (request.type === "engagement")
    return {
      plan: { type: "engagement", object: request.object, events: await engagementNeeds(feeds, portalId) },
    };
  const own = pickSuggestionProperties(await crm.listProperties(request.object));
  const companies =
    request.object === "contacts" ? pickSuggestionProperties(await crm.listProperties("companies")) : {};
  const properties: SuggestionProperties = { ...companies, ...own };
  return {
    plan: {
      type: "fit",
      object: request.object,
      properties: Object.keys(own),
      companyProperties: Object.keys(companies),
    },
    properties,
  };
}
