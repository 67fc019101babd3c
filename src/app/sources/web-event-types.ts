import type { CrmWebEvent } from "../../ports/crm-client.js";
import type { SnapshotEvent } from "../build-engagement-event.js";
import { isCustomBehaviouralEvent } from "./event-source-table.js";

// Event analytics names → our event types (docs/decisions.md §Web events mapping). Only e_visited_page is
// HubSpot's confirmed name (docs/hubspot.md §Event analytics); e_clicked_cta and e_ad_interaction are the names agreed
// with the sandbox, UNCONFIRMED for HubSpot. A name the portal's event-types list does not hold is never
// guessed: its rules get a warning instead (load-web-events.ts).

/** Our web event types and the HubSpot event analytics name each is read under. */
const HUBSPOT_NAME: ReadonlyMap<string, string> = new Map([
  ["page_view", "e_visited_page"],
  ["cta_click", "e_clicked_cta"],
  ["ad_interaction", "e_ad_interaction"],
]);

/** The event analytics name to ask HubSpot for; undefined for a type event analytics does not give. */
export function hubspotEventName(type: string): string | undefined {
  return HUBSPOT_NAME.get(type) ?? (isCustomBehaviouralEvent(type) ? type : undefined);
}

/** Our properties (docs/scoring.md §Event types) from HubSpot's; the first HubSpot name present wins. */
const DERIVED: Readonly<Record<string, Record<string, readonly string[]>>> = {
  page_view: { url: ["hs_url"], title: ["hs_title"] },
  cta_click: { cta_name: ["hs_cta_name"], url: ["hs_url"] },
  ad_interaction: {
    network: ["hs_ad_network"],
    campaign_name: ["hs_campaign_name"],
    ad_name: ["hs_ad_name"],
  },
};

function pathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** One occurrence as a snapshot event of `type`: HubSpot's properties kept, ours added beside them. */
export function toWebSnapshotEvent(type: string, event: CrmWebEvent): SnapshotEvent {
  const properties: Record<string, string | null> = { ...event.properties };
  for (const [ours, theirs] of Object.entries(DERIVED[type] ?? {})) {
    const value = theirs.map((name) => event.properties[name]).find((v) => v !== undefined && v !== "");
    if (value !== undefined && properties[ours] === undefined) properties[ours] = value;
  }
  if (type === "page_view" && properties.path === undefined) {
    const path = pathOf(properties.url ?? undefined);
    if (path !== undefined) properties.path = path;
  }
  return { type, occurredAt: event.occurredAt, properties };
}
