import { describe, expect, it } from "vitest";
import { buildCardScore, SPARKLINE_DAYS } from "../../../../src/app/cards/build-card-score.js";
import type { HistoryEntry } from "../../../../src/ports/record-store.js";
import { parseDefinition } from "../../../../src/scoring/index.js";
import { definition } from "../../../support/scoring-builders.js";

// One score as the record card shows it, from the record's stored history (docs/decisions.md §Record card).

const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;

const entry = (property: string, value: string | null, atMs: number, extra: Partial<HistoryEntry> = {}) => ({
  property,
  old: null,
  new: value,
  threshold: null,
  atMs,
  cause: "webhook" as const,
  ...extra,
});

const tiered = parseDefinition(
  definition({
    thresholds: { tiers: [{ label: "Hot", from: 50 }, { label: "Warm", from: 20 }, { label: "Cold" }] },
    groups: [
      {
        name: "Activity",
        kind: "engagement",
        rules: [
          { event: "meeting", points: 10 },
          { event: "call", points: 5 },
          { event: "email_open", points: 1 },
          { event: "form_submission", points: -4 },
        ],
      },
    ],
  }),
);

describe("buildCardScore", () => {
  it("opens the 90-day line with the value held at its start and keeps only the changes inside it", () => {
    const history = [
      entry("ls_test", "5", NOW - 200 * DAY),
      entry("ls_test", "12", NOW - 100 * DAY),
      entry("ls_test", "30", NOW - 10 * DAY),
      entry("ls_other", "99", NOW - 5 * DAY),
    ];
    const card = buildCardScore(tiered, history, undefined, NOW);
    expect(card.points).toEqual([
      { atMs: NOW - SPARKLINE_DAYS * DAY, value: 12 },
      { atMs: NOW - 10 * DAY, value: 30 },
    ]);
    expect(card.value).toBe(30);
    expect(card.updatedAtMs).toBe(NOW - 10 * DAY);
  });

  it("draws the bands of tiers that have a start, by their option value", () => {
    expect(buildCardScore(tiered, [], undefined, NOW).bands).toEqual([
      { label: "hot", from: 50 },
      { label: "warm", from: 20 },
    ]);
  });

  it("shows the three rules that gave the most points either way, named by their event", () => {
    const groups = [
      {
        name: "Activity",
        value: 26,
        rules: [
          { index: 0, value: 20 },
          { index: 1, value: 5 },
          { index: 2, value: 1 },
          { index: 3, value: -8 },
        ],
      },
    ];
    const card = buildCardScore(tiered, [entry("ls_test", "26", NOW, { groups })], NOW - DAY, NOW);
    expect(card.groups).toEqual([
      {
        name: "Activity",
        value: 26,
        topRules: [
          { index: 0, describes: "meeting", value: 20 },
          { index: 3, describes: "form_submission", value: -8 },
          { index: 1, describes: "call", value: 5 },
        ],
      },
    ]);
    expect(card.lastResetAtMs).toBe(NOW - DAY);
  });

  it("shows no groups when the last value was written without them, rather than an older value's", () => {
    const groups = [{ name: "Activity", value: 10, rules: [{ index: 0, value: 10 }] }];
    const history = [entry("ls_test", "10", NOW - 2 * DAY, { groups }), entry("ls_test", "15", NOW - DAY)];
    expect(buildCardScore(tiered, history, undefined, NOW).groups).toBeNull();
  });

  it("reads a combined score's parts and threshold from their own properties' entries", () => {
    const combined = parseDefinition(
      definition({
        type: "combined",
        thresholds: { fit: { high: 20, medium: 10 }, engagement: { high: 20, medium: 10 } },
        groups: [
          { name: "Activity", kind: "engagement", rules: [{ event: "meeting", points: 10 }] },
          { name: "Role", kind: "fit", rules: [{ property: "jobtitle", operator: "known", points: 25 }] },
        ],
      }),
    );
    const history = [
      entry("ls_test", "35", NOW),
      entry("ls_test_engagement", "10", NOW),
      entry("ls_test_fit", "25", NOW),
      entry("ls_test_threshold", "A2", NOW),
    ];
    expect(buildCardScore(combined, history, undefined, NOW)).toMatchObject({
      value: 35,
      engagement: 10,
      fit: 25,
      threshold: "A2",
      bands: [],
    });
  });
});
