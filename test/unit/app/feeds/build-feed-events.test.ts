import { describe, expect, it } from "vitest";
import { buildEmailFeedEvent, buildFormFeedEvent } from "../../../../src/app/feeds/build-feed-events.js";
import { feedBackfillMs, feedReach, MAX_BACKFILL_MS } from "../../../../src/app/feeds/feed-reach.js";
import type { MarketingEmailEvent } from "../../../../src/ports/crm-feeds.js";
import { parseDefinition } from "../../../../src/scoring/index.js";

// Feed records as the engine's events (docs/scoring.md §Event types, §Marketing email events), and
// which records and how far back the feeds are read for a portal's scores (docs/decisions.md
// §Portal-wide feeds).

const DAY_MS = 86_400_000;
const event = (overrides: Partial<MarketingEmailEvent>): MarketingEmailEvent => ({
  id: "e-1",
  created: Date.UTC(2026, 10, 2),
  type: "OPEN",
  recipient: "a@acme.test",
  emailCampaignId: "42",
  url: null,
  subscriptionChange: null,
  ...overrides,
});
const campaign = { id: "42", name: "Launch", subject: "We launched" };

describe("email events as snapshot events", () => {
  it("names each type, with the campaign's properties, and a click's url", () => {
    const types = ["DELIVERED", "OPEN", "CLICK", "BOUNCE"].map(
      (type) => buildEmailFeedEvent(event({ type, url: "https://acme.test/" }), campaign)?.type,
    );
    expect(types).toEqual([
      "marketing_email_delivered",
      "marketing_email_open",
      "marketing_email_click",
      "marketing_email_bounce",
    ]);
    expect(buildEmailFeedEvent(event({ type: "CLICK", url: "https://acme.test/p" }), campaign)).toEqual({
      key: `e-1:${Date.UTC(2026, 10, 2)}`,
      type: "marketing_email_click",
      occurredAt: "2026-11-02T00:00:00.000Z",
      properties: {
        campaign: "42",
        campaign_name: "Launch",
        email_name: "Launch",
        subject: "We launched",
        url: "https://acme.test/p",
      },
    });
    expect(buildEmailFeedEvent(event({}), campaign)?.properties).not.toHaveProperty("url");
  });

  it("reads an unsubscribe from either form, and stores no type no score can name", () => {
    const unsubscribe = event({ type: "STATUSCHANGE", subscriptionChange: "UNSUBSCRIBED" });
    expect(buildEmailFeedEvent(unsubscribe, null)?.type).toBe("marketing_email_unsubscribe");
    expect(
      buildEmailFeedEvent(event({ type: "STATUSCHANGE", subscriptionChange: "SUBSCRIBED" }), null),
    ).toBeNull();
    for (const type of ["SENT", "PROCESSED", "DEFERRED", "DROPPED", "SPAMREPORT"])
      expect(buildEmailFeedEvent(event({ type }), campaign)).toBeNull();
    // A campaign HubSpot no longer knows leaves its name and subject unknown (empty), not the event.
    expect(buildEmailFeedEvent(event({}), null)?.properties).toMatchObject({
      campaign_name: "",
      subject: "",
    });
  });

  it("gives a submission its form and page", () => {
    const submission = {
      conversionId: "c-1",
      submittedAt: Date.UTC(2026, 10, 3),
      pageUrl: null,
      email: "a@acme.test",
    };
    expect(buildFormFeedEvent(submission, { id: "g-1", name: "Contact us" })).toEqual({
      key: "c-1",
      type: "form_submission",
      occurredAt: "2026-11-03T00:00:00.000Z",
      properties: { form_id: "g-1", form_name: "Contact us", page_url: "" },
    });
  });
});

describe("feed reach and backfill", () => {
  const score = (object: string, rules: Record<string, unknown>[], status = "enabled") =>
    parseDefinition({
      id: `${object}-${rules.length}`,
      name: "S",
      object,
      type: "engagement",
      status,
      property: { name: `ls_${object}` },
      groups: [{ name: "G", kind: "engagement", rules }],
    });
  const open = (timeframe?: Record<string, unknown>) => ({
    event: "marketing_email_open",
    points: 1,
    ...(timeframe ? { timeframe } : {}),
  });

  it("reaches a contact itself and its companies, only from enabled scores reading the feed", () => {
    const submission = { event: "form_submission", points: 1 };
    const definitions = [
      score("contacts", [open()]),
      score("companies", [open()]),
      score("companies", [open(), submission], "draft"),
    ];
    expect(feedReach(definitions, "email_events")).toEqual([[], ["companies"]]);
    expect(feedReach(definitions, "form_submissions")).toEqual([]);
  });

  it("backfills the longest within timeframe, a year for other timeframes, never more than a year", () => {
    const within = (amount: number, unit: string) => ({ within: { amount, unit } });
    expect(
      feedBackfillMs(
        [score("contacts", [open(within(2, "weeks")), open(within(30, "days"))])],
        "email_events",
      ),
    ).toBe(30 * DAY_MS);
    expect(feedBackfillMs([score("contacts", [open(within(2, "weeks")), open()])], "email_events")).toBe(
      MAX_BACKFILL_MS,
    );
    expect(feedBackfillMs([score("contacts", [open({ after: "2020-01-01" })])], "email_events")).toBe(
      MAX_BACKFILL_MS,
    );
    expect(feedBackfillMs([score("contacts", [open(within(3, "years"))])], "email_events")).toBe(
      365 * DAY_MS,
    );
  });
});
