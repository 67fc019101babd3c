import {
  EmptyState,
  ErrorState,
  Heading,
  LineChart,
  Link,
  StatisticsItem,
  Tag,
  Text,
} from "@hubspot/ui-extensions";
import { createRenderer } from "@hubspot/ui-extensions/testing";
import { describe, expect, it } from "vitest";
import type { CardAnswer, CardScore } from "../../hubspot-card/card-answer";
import { RecordScoresCard } from "../../hubspot-card/record-scores-card";

// The record card rendered with HubSpot's own test renderer (@hubspot/ui-extensions/testing), fed the
// answer GET /cards/record-scores gives (docs/decisions.md §Record card).

const T0 = Date.UTC(2026, 10, 23, 12);
const DAY = 86_400_000;

const combined: CardScore = {
  id: "trial-lead",
  name: "Trial lead",
  type: "combined",
  property: "ls_trial_lead",
  value: 70,
  threshold: "B1",
  engagement: 45,
  fit: 25,
  groups: [
    {
      name: "Meetings",
      value: 45,
      topRules: [
        { index: 1, describes: "meeting", value: 30 },
        { index: 0, describes: "email_open", value: 15 },
      ],
    },
    { name: "Role", value: 25, topRules: [{ index: 0, describes: "jobtitle", value: 25 }] },
  ],
  bands: [],
  points: [
    { atMs: T0 - 10 * DAY, value: 40 },
    { atMs: T0, value: 70 },
  ],
  updatedAtMs: T0,
  lastResetAtMs: T0 - 30 * DAY,
};

const engagement: CardScore = {
  ...combined,
  id: "lead",
  name: "Lead engagement",
  type: "engagement",
  property: "ls_lead",
  value: 25,
  threshold: "high",
  engagement: undefined,
  fit: undefined,
  groups: null,
  bands: [
    { label: "high", from: 20 },
    { label: "medium", from: 10 },
  ],
  lastResetAtMs: null,
};

const answer = (scores: CardScore[]): CardAnswer => ({
  portalId: 62515,
  objectType: "contacts",
  recordId: "1",
  adminUrl: "https://ls.example.com/admin/portals/62515",
  scores,
});

async function renderCard(load: () => Promise<CardAnswer>) {
  const renderer = createRenderer("crm.record.tab");
  renderer.render(<RecordScoresCard load={load} />);
  await renderer.waitFor(() => {
    expect(renderer.maybeFind(Link) ?? renderer.maybeFind(ErrorState)).not.toBeNull();
  });
  return renderer;
}

/** Every Text of the card, one a line: what a person reads. */
const shownText = (card: { findAll: (c: typeof Text) => { text: string | null }[] }) =>
  card
    .findAll(Text)
    .map((node) => node.text)
    .join("\n");

describe("the record card", () => {
  it("shows a contact's combined score: value, parts, the A1..C3 cell, groups with top rules, reset", async () => {
    const card = await renderCard(async () => answer([combined]));
    expect(card.find(Heading).text).toBe("Trial lead");
    const stats = card.findAll(StatisticsItem).map((item) => [item.props.label, item.props.number]);
    expect(stats).toEqual([
      ["Score", "70"],
      ["Engagement", "45"],
      ["Fit", "25"],
    ]);
    expect(card.findByTestId(Tag, "threshold-trial-lead").text).toBe("B1");
    const marked = card.findAll(Text, (node) => node.props.format?.fontWeight === "bold").map((n) => n.text);
    expect(marked).toEqual(["▶ B1"]);
    expect(card.findByTestId(Text, "group-trial-lead-Meetings").text).toBe(
      "Meetings: 45 points (meeting 30, email_open 15)",
    );
    expect(card.findByTestId(Text, "group-trial-lead-Role").text).toBe("Role: 25 points (jobtitle 25)");
    expect(shownText(card)).toContain("Last reset 2026-10-24");
    const chart = card.findByTestId(LineChart, "sparkline-trial-lead");
    expect(chart.props.data).toEqual([
      { day: T0 - 10 * DAY, value: 40, line: "score" },
      { day: T0, value: 70, line: "score" },
    ]);
    expect(card.find(Link).props.href).toBe("https://ls.example.com/admin/portals/62515");
  });

  it("draws an engagement score's threshold bands across its 90 days and says when points were not kept", async () => {
    const card = await renderCard(async () => answer([engagement]));
    const rows = card.findByTestId(LineChart, "sparkline-lead").props.data;
    expect(rows).toContainEqual({ day: T0 - 10 * DAY, value: 20, line: "high" });
    expect(rows).toContainEqual({ day: T0, value: 10, line: "medium" });
    expect(card.maybeFindByTestId(Text, "group-lead-Meetings")).toBeNull();
    expect(shownText(card)).toContain("The points behind this value were not kept");
    expect(shownText(card)).toContain("Never reset");
  });

  it("shows an empty state for a record with no score value", async () => {
    const card = await renderCard(async () =>
      answer([{ ...engagement, value: null, threshold: null, points: [], updatedAtMs: null }]),
    );
    expect(card.find(EmptyState).props.title).toBe("No lead score yet");
    expect(card.maybeFind(Heading)).toBeNull();
    expect(shownText(card)).toContain("out of every score's scope or not scored yet");
  });

  it("says when no score is enabled for the object", async () => {
    const card = await renderCard(async () => answer([]));
    expect(shownText(card)).toContain("No score is enabled for this kind of record.");
  });

  it("shows the app's message when the request fails", async () => {
    const card = await renderCard(async () => {
      throw new Error("portal 62515 has not installed lead-score");
    });
    expect(card.find(ErrorState).props.title).toBe("Lead scores could not be loaded");
    expect(shownText(card)).toContain("portal 62515 has not installed lead-score");
    expect(card.maybeFind(Link)).toBeNull();
  });
});
