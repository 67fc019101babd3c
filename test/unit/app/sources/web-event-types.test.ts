import { describe, expect, it } from "vitest";
import { buildEngagementEvent } from "../../../../src/app/build-engagement-event.js";
import { deriveSnapshotNeeds } from "../../../../src/app/derive-snapshot-needs.js";
import { hubspotEventName, toWebSnapshotEvent } from "../../../../src/app/sources/web-event-types.js";
import { parseDefinition } from "../../../../src/scoring/index.js";

// docs/decisions.md §Web events mapping and docs/scoring.md §Event types: HubSpot's event analytics and
// tickets as our events.

const at = "2026-11-01T10:00:00.000Z";
const occurrence = (eventType: string, properties: Record<string, string>) => ({
  id: "e1",
  eventType,
  occurredAt: at,
  properties,
});

describe("event analytics as events", () => {
  it("asks HubSpot for its own names, a custom behavioural event under its full name, and guesses no other", () => {
    expect(hubspotEventName("page_view")).toBe("e_visited_page");
    expect(hubspotEventName("cta_click")).toBe("e_clicked_cta");
    expect(hubspotEventName("ad_interaction")).toBe("e_ad_interaction");
    expect(hubspotEventName("pe62515_webinar_joined")).toBe("pe62515_webinar_joined");
    expect(hubspotEventName("meeting")).toBeUndefined();
    expect(hubspotEventName("e_visited_page")).toBeUndefined();
    expect(hubspotEventName("pe_no_portal")).toBeUndefined();
  });

  it("gives a page view url, title and path beside HubSpot's own properties", () => {
    const event = toWebSnapshotEvent(
      "page_view",
      occurrence("e_visited_page", {
        hs_url: "https://acme.test/pricing?plan=pro",
        hs_title: "Pricing",
        hs_page_id: "7",
      }),
    );
    expect(event).toEqual({
      type: "page_view",
      occurredAt: at,
      properties: {
        hs_url: "https://acme.test/pricing?plan=pro",
        hs_title: "Pricing",
        hs_page_id: "7",
        url: "https://acme.test/pricing?plan=pro",
        title: "Pricing",
        path: "/pricing",
      },
    });
    expect(
      toWebSnapshotEvent("page_view", occurrence("e_visited_page", { hs_url: "not a url" })).properties,
    ).toEqual({
      hs_url: "not a url",
      url: "not a url",
    });
  });

  it("names a CTA click's and an ad interaction's properties, and keeps a custom event's as they are", () => {
    expect(
      toWebSnapshotEvent(
        "cta_click",
        occurrence("e_clicked_cta", { hs_cta_name: "Book a demo", hs_url: "https://a.test/" }),
      ).properties,
    ).toMatchObject({ cta_name: "Book a demo", url: "https://a.test/" });
    expect(
      toWebSnapshotEvent(
        "ad_interaction",
        occurrence("e_ad_interaction", {
          hs_ad_network: "GOOGLE",
          hs_campaign_name: "Brand",
          hs_ad_name: "Ad 1",
        }),
      ).properties,
    ).toMatchObject({ network: "GOOGLE", campaign_name: "Brand", ad_name: "Ad 1" });
    expect(toWebSnapshotEvent("pe1_joined", occurrence("pe1_joined", { room: "A" }))).toEqual({
      type: "pe1_joined",
      occurredAt: at,
      properties: { room: "A" },
    });
  });

  it("reads only the web types rules count, as far back as their timeframes look", () => {
    const definition = parseDefinition({
      id: "web",
      name: "Web",
      object: "contacts",
      type: "engagement",
      property: { name: "ls_web" },
      groups: [
        {
          name: "Web",
          kind: "engagement",
          rules: [
            { event: "page_view", points: 1, timeframe: { within: { amount: 2, unit: "weeks" } } },
            { event: "page_view", points: 2, timeframe: { after: "2026-10-01" } },
            { event: "pe62515_joined", points: 3 },
            { event: "meeting", points: 4 },
          ],
        },
      ],
    });
    expect(deriveSnapshotNeeds([definition]).events).toEqual({
      objects: ["meetings"],
      properties: { meetings: [] },
      web: {
        page_view: [{ withinMs: 14 * 86_400_000 }, { afterMs: Date.parse("2026-10-01T00:00:00Z") }],
        pe62515_joined: [null],
      },
    });
  });
});

describe("tickets as events", () => {
  it("dates a ticket by its createdate, with its subject beside its hs_* properties", () => {
    expect(
      buildEngagementEvent("tickets", {
        createdate: "2026-10-05T09:00:00Z",
        subject: "Cannot export",
        hs_pipeline_stage: "1",
        hs_ticket_priority: "HIGH",
        hs_ticket_category: null,
        hs_lastmodifieddate: "2026-10-06T09:00:00Z",
      }),
    ).toEqual({
      type: "ticket",
      occurredAt: "2026-10-05T09:00:00Z",
      properties: {
        subject: "Cannot export",
        hs_pipeline_stage: "1",
        hs_ticket_priority: "HIGH",
        hs_ticket_category: null,
        hs_lastmodifieddate: "2026-10-06T09:00:00Z",
      },
    });
    expect(buildEngagementEvent("tickets", { subject: "No date", createdate: null })).toBeNull();
  });
});
