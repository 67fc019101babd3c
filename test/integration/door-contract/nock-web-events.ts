import type nock from "nock";
import { HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";

// Event analytics v3 as HubSpot documents it (docs/hubspot.md §Event analytics): the portal's event types, and a
// record's occurrences filtered by type and an inclusive occurredAfter, newest first, pages of 10 (the
// default `limit` is UNCONFIRMED; the sandbox takes 10 too) followed through paging.next.after.

const PAGE = 10;

export type NockPageView = { id: string; contactId: string; url: string; title: string; at: string };

export function mockNockWebEvents(scope: nock.Scope, pageViews: readonly NockPageView[]): void {
  scope
    .get("/events/v3/events/event-types")
    .reply(200, { eventTypes: ["e_visited_page", "e_clicked_cta", "e_ad_interaction", "e_visited_page_v2"] })
    // The SDK asks for /events/v3/events/ (with the slash).
    .get(/^\/events\/v3\/events\/?\?/)
    .reply((uri) => {
      const query = new URL(uri, HUBSPOT).searchParams;
      const afterMs = query.has("occurredAfter") ? Date.parse(query.get("occurredAfter") ?? "") : null;
      const matching = pageViews
        .filter(
          (v) =>
            query.get("objectType") === "contact" &&
            query.get("objectId") === v.contactId &&
            query.get("eventType") === "e_visited_page" &&
            (afterMs === null || Date.parse(v.at) >= afterMs),
        )
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
      const start = Number(query.get("after") ?? 0);
      const page = matching.slice(start, start + PAGE);
      const next = start + PAGE < matching.length ? String(start + PAGE) : null;
      return [
        200,
        {
          results: page.map((v) => ({
            id: v.id,
            objectType: "CONTACT",
            objectId: v.contactId,
            eventType: "e_visited_page",
            occurredAt: v.at,
            properties: { hs_url: v.url, hs_title: v.title, hs_page_id: "100000000001" },
          })),
          ...(next
            ? { paging: { next: { after: next, link: `${HUBSPOT}/events/v3/events?after=${next}` } } }
            : {}),
        },
      ];
    });
}
