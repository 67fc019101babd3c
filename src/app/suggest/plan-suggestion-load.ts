import type { CrmClient } from "../../ports/crm-client.js";
import type { SuggestionRequest } from "../../ports/suggestion-store.js";
import { engagementObjects } from "../build-engagement-event.js";
import type { EventNeeds } from "../snapshot-needs.js";
import type { SuggestionLoadPlan } from "./load-suggestion-records.js";
import { pickSuggestionProperties, type SuggestionProperties } from "./pick-suggestion-properties.js";

// What a suggestion reads (docs/decisions.md §Suggested scores from HubSpot). A fit score weighs the
// portal's own properties of the object, and for contacts those of their companies, each described by
// its own object's definitions (a contact's `industry` is text, a company's an enumeration with labels). An engagement score counts
// every event source the app has: the CRM engagements and tickets, the marketing email and form feeds'
// stored events, and web events (event analytics) read contact by contact, every type and every age: the
// web events feed stores only the types enabled scores count, from their backfill on, which would hide
// the rest from the suggestion.

/** Our web event types (docs/decisions.md §Web events mapping). */
const WEB_TYPES = ["page_view", "cta_click", "ad_interaction"];

export type PlannedLoad = {
  plan: SuggestionLoadPlan;
  properties?: SuggestionProperties;
  /** The companies' own descriptions: their `industry` is theirs, with their labels and options. */
  companyProperties?: SuggestionProperties;
};

function engagementNeeds(withFeeds: boolean): EventNeeds {
  const needs: EventNeeds = {
    objects: [...engagementObjects, "tickets"],
    web: Object.fromEntries(WEB_TYPES.map((type) => [type, [null]])),
  };
  if (withFeeds) needs.feeds = ["email_events", "form_submissions"];
  return needs;
}

export async function planSuggestionLoad(
  crm: Pick<CrmClient, "listProperties">,
  withFeeds: boolean,
  request: SuggestionRequest,
): Promise<PlannedLoad> {
  if (request.type === "engagement")
    return { plan: { type: "engagement", object: request.object, events: engagementNeeds(withFeeds) } };
  const own = pickSuggestionProperties(await crm.listProperties(request.object));
  const companies =
    request.object === "contacts" ? pickSuggestionProperties(await crm.listProperties("companies")) : {};
  return {
    plan: {
      type: "fit",
      object: request.object,
      properties: Object.keys(own),
      companyProperties: Object.keys(companies),
    },
    properties: own,
    ...(request.object === "contacts" ? { companyProperties: companies } : {}),
  };
}
