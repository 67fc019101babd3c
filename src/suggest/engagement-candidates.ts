import type { ScoredEvent } from "../scoring/parse-snapshot.js";
import { type Candidate, type EventRule, minimumSupport } from "./candidate.js";
import type { LabelledRecord } from "./label-records.js";
import { measureFeatures, type ScoreShape } from "./measure-features.js";

/** The windows an event count is measured in, before the decision instant (docs/scoring.md §Suggested scores). */
export const windowDays = [7, 30, 90] as const;
const dayMs = 86_400_000;
const mostValuesPerProperty = 10;
const mostValuesOfCustomProperties = 30;

// The event properties whose frequent values split an event type into features (docs/scoring.md
// §Event types). Custom behavioural events: any text property with few distinct values.
const whereProperties: Record<string, readonly string[]> = {
  form_submission: ["form_name"],
  marketing_email_delivered: ["campaign_name"],
  marketing_email_open: ["campaign_name"],
  marketing_email_click: ["campaign_name"],
  page_view: ["path"],
  cta_click: ["cta_name"],
  ad_interaction: ["network", "campaign_name"],
  meeting: ["hs_meeting_outcome"],
  call: ["hs_call_disposition", "hs_call_direction"],
  email: ["hs_email_direction"],
  ticket: ["hs_ticket_priority", "hs_ticket_category"],
};
const builtInTypes = new Set([
  ...Object.keys(whereProperties),
  "note",
  "task",
  "marketing_email_bounce",
  "marketing_email_unsubscribe",
]);

type Family = { key: string; event: string; where?: { property: string; value: string } };

/**
 * Engagement features: for each event type, and each frequent value of its `where` property, how many
 * such events happened in the 7, 30 or 90 days before the decision instant. The window that predicts
 * best on the training records stands for its count (the others are near-duplicates); the count becomes
 * `atLeast` steps at its quantiles, each a candidate rule with `frequency`, `timeframe` and `where`.
 */
export function buildEngagementCandidates(
  shape: ScoreShape,
  training: readonly LabelledRecord[],
): Candidate[] {
  const support = minimumSupport(training.length);
  const families = findFamilies(training, support);
  if (families.length === 0) return [];
  const counting = families.flatMap((family) =>
    windowDays.map((days): Candidate => ({ family: family.key, feature: "", rule: countRule(family, days) })),
  );
  const counts = measureFeatures(shape, counting, training);
  const byColumn = windowDays.length;
  const columns = Array.from({ length: counting.length }, () => new Float64Array(training.length));
  for (let row = 0; row < counts.rows; row++) {
    for (let k = counts.start[row] as number; k < (counts.start[row + 1] as number); k++) {
      (columns[counts.column[k] as number] as Float64Array)[row] = counts.value[k] as number;
    }
  }
  const labels = training.map((r) => (r.converted ? 1 : 0));
  return families.flatMap((family, f) => {
    const windows = windowDays.map((days, w) => ({
      days,
      counts: columns[f * byColumn + w] as Float64Array,
    }));
    const best = windows.reduce((a, b) =>
      association(b.counts, labels) > association(a.counts, labels) ? b : a,
    );
    return steps(best.counts, support).map((atLeast) => ({
      family: family.key,
      feature: describe(family, atLeast, best.days),
      rule: { ...countRule(family, best.days), frequency: { atLeast } },
    }));
  });
}

function eventsOf(record: LabelledRecord): ScoredEvent[] {
  const { snapshot } = record;
  if (snapshot.object === "contacts") return snapshot.events;
  return (snapshot.associations.contacts ?? []).flatMap((contact) => contact.events);
}

/** Event types, and (type, property, value) triples, seen in enough records within 90 days before the decision. */
function findFamilies(training: readonly LabelledRecord[], support: number): Family[] {
  const recordsWith = new Map<string, number>();
  const distinct = new Map<string, Set<string>>();
  const earliest = Math.max(...windowDays) * dayMs;
  for (const record of training) {
    const keys = new Set<string>();
    for (const event of eventsOf(record)) {
      if (event.atMs > record.atMs || event.atMs < record.atMs - earliest) continue;
      keys.add(JSON.stringify([event.type]));
      const custom = !builtInTypes.has(event.type);
      const properties = custom ? Object.keys(event.properties) : (whereProperties[event.type] ?? []);
      for (const property of properties) {
        const value = event.properties[property];
        if (typeof value !== "string" || value === "") continue;
        keys.add(JSON.stringify([event.type, property, value]));
        const seen = distinct.get(`${event.type}\u0000${property}`) ?? new Set<string>();
        seen.add(value);
        distinct.set(`${event.type}\u0000${property}`, seen);
      }
    }
    for (const key of keys) recordsWith.set(key, (recordsWith.get(key) ?? 0) + 1);
  }
  const frequent = [...recordsWith.entries()]
    .filter(([, count]) => count >= support)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const families: Family[] = [];
  const perProperty = new Map<string, number>();
  for (const [key] of frequent) {
    const [event, property, value] = JSON.parse(key) as [string, string?, string?];
    if (property === undefined || value === undefined) {
      families.push({ key: `event:${event}`, event });
      continue;
    }
    const slot = `${event}\u0000${property}`;
    const custom = !builtInTypes.has(event);
    if (custom && (distinct.get(slot)?.size ?? 0) > mostValuesOfCustomProperties) continue;
    const taken = perProperty.get(slot) ?? 0;
    if (taken >= mostValuesPerProperty) continue;
    perProperty.set(slot, taken + 1);
    families.push({ key: `event:${event}:${property}=${value}`, event, where: { property, value } });
  }
  return families.sort((a, b) => (a.key < b.key ? -1 : 1));
}

function countRule(family: Family, days: number): EventRule {
  return {
    event: family.event,
    ...(family.where
      ? {
          where: [{ property: family.where.property, operator: "in" as const, values: [family.where.value] }],
        }
      : {}),
    timeframe: { within: { amount: days, unit: "days" as const } },
  };
}

/** How strongly a count goes with conversion: |correlation| of log(1 + count) with the label. */
function association(counts: Float64Array, labels: readonly number[]): number {
  const n = counts.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.log1p(counts[i] as number);
    const y = labels[i] as number;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  const cov = sxy - (sx * sy) / n;
  const varX = sxx - (sx * sx) / n;
  const varY = syy - (sy * sy) / n;
  return varX <= 0 || varY <= 0 ? 0 : Math.abs(cov) / Math.sqrt(varX * varY);
}

/** `atLeast` steps: 1 and the median, 75th and 90th percentiles of the positive counts, each seen often enough. */
function steps(counts: Float64Array, support: number): number[] {
  const positive = [...counts].filter((c) => c > 0).sort((a, b) => a - b);
  const at = (q: number) => Math.max(1, Math.ceil(positive[Math.floor(q * (positive.length - 1))] ?? 1));
  const chosen = [...new Set([1, at(0.5), at(0.75), at(0.9)])].sort((a, b) => a - b);
  return chosen.filter((step) => {
    const count = positive.filter((c) => c >= step).length;
    return count >= support && count <= counts.length - support;
  });
}

function describe(family: Family, atLeast: number, days: number): string {
  const where = family.where ? ` where ${family.where.property} is ${family.where.value}` : "";
  const times = atLeast === 1 ? "at least once" : `at least ${atLeast} times`;
  return `${family.event}${where}, ${times} within ${days} days`;
}
