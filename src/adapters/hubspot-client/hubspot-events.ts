import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import type { CrmClient, CrmWebEvent } from "../../ports/crm-client.js";
import type { PortalPacer } from "./portal-pacer.js";
import type { SdkApis } from "./sdk-apis.js";

// Event analytics, v3 (docs/hubspot.md §Event analytics; the SDK's client.events.eventsApi): the portal's event type
// names, and one contact's occurrences of one type. Enterprise only: below it HubSpot answers a 4xx
// (its status and body are UNCONFIRMED), which the pacer maps to an AppError like any other answer; the
// caller tells "not on this tier" from a failure (src/app/load-web-events.ts). No `limit` is sent: its
// maximum is UNCONFIRMED, and a limit over it would be refused as if the tier lacked the API.

type EventsPart = Pick<CrmClient, "readEventTypes" | "readContactWebEvents">;

export function createHubSpotEvents(apis: SdkApis, pacer: PortalPacer): EventsPart {
  return {
    async readEventTypes() {
      const answer = await pacer.run("api", "event types read", (signal) =>
        apis.events.getTypes(apis.callOptions(signal)),
      );
      return [...answer.eventTypes];
    },

    async readContactWebEvents(contactId, eventType, occurredAfterMs) {
      const operation = `contact ${contactId} ${eventType} events`;
      const cursors = createPagingCursors(pacer.portalId, operation);
      const events: CrmWebEvent[] = [];
      let after: string | undefined;
      do {
        const page = await pacer.run("api", operation, (signal) =>
          apis.events.getPage(
            "contact",
            eventType,
            after,
            undefined,
            undefined,
            undefined,
            occurredAfterMs === null ? undefined : new Date(occurredAfterMs),
            undefined,
            Number(contactId),
            undefined,
            undefined,
            undefined,
            apis.callOptions(signal),
          ),
        );
        for (const event of page.results)
          events.push({
            id: event.id,
            eventType: event.eventType,
            occurredAt: new Date(event.occurredAt).toISOString(),
            properties: { ...(event.properties ?? {}) },
          });
        const next = page.paging?.next?.after;
        after = next ? cursors.next(`contact ${contactId}`, next) : undefined;
      } while (after);
      return events;
    },
  };
}
