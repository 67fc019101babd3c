import type { GroupPoints, HistoryEntry } from "../../ports/record-store.js";
import { tierOptionValue } from "../../scoring/check-definition.js";
import type { ScoreDefinition } from "../../scoring/index.js";

// What the record card shows of one score (docs/decisions.md §Record card), built only from what the
// app stored: the record's history (values, thresholds, parts, the points behind the last value) and
// its resets. Pure: the caller reads the stores and gives the time.

/** The card's sparkline spans 90 days. */
export const SPARKLINE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rules shown per group: the ones that gave the most points, either way. */
export const TOP_RULES_PER_GROUP = 3;

export type CardBand = { label: string; from: number };
export type CardRule = { index: number; describes: string; value: number };
export type CardGroup = { name: string; value: number; topRules: CardRule[] };

export type CardScore = {
  id: string;
  name: string;
  type: ScoreDefinition["type"];
  property: string;
  value: number | null;
  threshold: string | null;
  /** Combined scores: the parts (null when out of scope or not written yet). */
  engagement?: number | null;
  fit?: number | null;
  /** The points behind the last value written, null before the app kept them. */
  groups: CardGroup[] | null;
  /** Where the sparkline's threshold bands start, highest first; empty for combined scores (their thresholds are on the parts). */
  bands: CardBand[];
  /** The value over the last 90 days, oldest first; the first point carries the value the window opened with. */
  points: { atMs: number; value: number | null }[];
  updatedAtMs: number | null;
  lastResetAtMs: number | null;
};

const asNumber = (text: string | null | undefined) =>
  text === null || text === undefined ? null : Number(text);

function describeRule(definition: ScoreDefinition, groupName: string, index: number): string {
  const rule = definition.groups.find((g) => g.name === groupName)?.rules[index];
  if (!rule) return `rule ${index + 1}`;
  return "event" in rule ? rule.event : rule.property;
}

function buildGroups(definition: ScoreDefinition, groups: GroupPoints[]): CardGroup[] {
  return groups.map((group) => ({
    name: group.name,
    value: group.value,
    topRules: [...group.rules]
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
      .slice(0, TOP_RULES_PER_GROUP)
      .map((rule) => ({ ...rule, describes: describeRule(definition, group.name, rule.index) })),
  }));
}

function buildBands(definition: ScoreDefinition): CardBand[] {
  const t = definition.thresholds;
  if (!t || definition.type === "combined") return [];
  if (t.tiers)
    return t.tiers
      .filter((tier) => tier.from !== undefined)
      .map((tier) => ({ label: tierOptionValue(tier.label), from: tier.from as number }));
  if (t.high !== undefined && t.medium !== undefined)
    return [
      { label: "high", from: t.high },
      { label: "medium", from: t.medium },
    ];
  return [];
}

const latest = (entries: HistoryEntry[], property: string) =>
  entries.findLast((entry) => entry.property === property);

/** One score of the record as the card shows it; `history` oldest first, as the record store keeps it. */
export function buildCardScore(
  definition: ScoreDefinition,
  history: HistoryEntry[],
  lastResetAtMs: number | undefined,
  nowMs: number,
): CardScore {
  const property = definition.property.name;
  const own = history.filter((entry) => entry.property === property);
  const last = own.at(-1);
  const explained = own.findLast((entry) => entry.groups !== undefined);
  const fromMs = nowMs - SPARKLINE_DAYS * DAY_MS;
  const before = own.findLast((entry) => entry.atMs < fromMs);
  const points = [
    ...(before ? [{ atMs: fromMs, value: asNumber(before.new) }] : []),
    ...own
      .filter((entry) => entry.atMs >= fromMs)
      .map((entry) => ({ atMs: entry.atMs, value: asNumber(entry.new) })),
  ];
  const card: CardScore = {
    id: definition.id,
    name: definition.name,
    type: definition.type,
    property,
    value: asNumber(last?.new),
    threshold: latest(history, `${property}_threshold`)?.new ?? null,
    groups: explained?.groups && explained === last ? buildGroups(definition, explained.groups) : null,
    bands: buildBands(definition),
    points,
    updatedAtMs: last?.atMs ?? null,
    lastResetAtMs: lastResetAtMs ?? null,
  };
  if (definition.type === "combined") {
    card.engagement = asNumber(latest(history, `${property}_engagement`)?.new);
    card.fit = asNumber(latest(history, `${property}_fit`)?.new);
  }
  return card;
}
