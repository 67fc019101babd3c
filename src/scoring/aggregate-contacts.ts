import type { CompiledScore } from "./compiled-score.js";
import type { AssociatedRecord } from "./parse-snapshot.js";
import type { ExplainedEvent } from "./result.js";
import { type Tally, tallyEvents } from "./tally-events.js";

export type Aggregate = Tally & { contacts: Int32Array };

/**
 * Company and deal engagement: associated contacts' events, per event rule
 * (docs/scoring.md §Companies and deals: association aggregation). `contacts` counts, per rule,
 * the contacts that meet its criteria; avg divides by it, min/max look only at them.
 */
export function aggregateContacts(
  score: CompiledScore,
  contacts: readonly AssociatedRecord[],
  o: { nowMs: number; resetMs: number; explain: boolean },
): Aggregate {
  const n = score.eventRules.length;
  const { labels, where, aggregation } = score.contacts;
  const qualifying = contacts.filter(
    (c) => (labels === undefined || c.labels.some((l) => labels.has(l))) && where.every((w) => w.test(c)),
  );
  const tallies = qualifying.map((c) => tallyEvents(score, c.events, { ...o, contactId: c.id }));

  const value = new Float64Array(n);
  const matches = new Int32Array(n);
  const meets = new Uint8Array(n);
  const counted = new Int32Array(n);
  const explained = o.explain ? Array.from({ length: n }, (): ExplainedEvent[] => []) : undefined;
  let next = Number.POSITIVE_INFINITY;
  for (const tally of tallies) next = Math.min(next, tally.nextChangeMs);

  for (let slot = 0; slot < n; slot++) {
    let sum = 0;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const tally of tallies) {
      const v = tally.value[slot] as number;
      matches[slot] = (matches[slot] as number) + (tally.matches[slot] as number);
      sum += v;
      if (!tally.meets[slot]) continue;
      counted[slot] = (counted[slot] as number) + 1;
      low = Math.min(low, v);
      high = Math.max(high, v);
      explained?.[slot]?.push(...(tally.explained?.[slot] ?? []));
    }
    const k = counted[slot] as number;
    meets[slot] = k > 0 ? 1 : 0;
    // No contact meets the rule's criteria: the rule gives 0.
    if (k === 0) continue;
    value[slot] =
      aggregation === "sum" ? sum : aggregation === "avg" ? sum / k : aggregation === "min" ? low : high;
  }
  return { value, matches, meets, explained, nextChangeMs: next, contacts: counted };
}
