import { round2 } from "../scoring/index.js";

type Band = { lowest: number; records: number; converted: number };

/** The draft's thresholds: High, Medium and Low, or High and Low tiers when no medium band stands out. */
export type SuggestedThresholds =
  | { high: number; medium: number }
  | { tiers: [{ label: "High"; from: number }, { label: "Low" }] };

/**
 * Thresholds from the holdout (docs/scoring.md §Suggested scores, "Thresholds"): the holdout's scores
 * in about ten bands from the top (equal scores never split); `high` is the lowest score of the last
 * band, going down from the top, whose conversion is at least twice the base rate (the top band when
 * none is), `medium` the lowest of the following bands that still convert at least at the base rate.
 * When none does, a medium equal to high would name an empty tier: the draft has High and Low tiers.
 */
export function chooseThresholds(scores: readonly number[], labels: readonly boolean[]): SuggestedThresholds {
  const bands = bandsOf(scores, labels);
  const base = labels.filter(Boolean).length / Math.max(1, labels.length);
  const rate = (band: Band) => band.converted / band.records;
  let high = 0;
  while (
    high + 1 < bands.length &&
    rate(bands[high + 1] as Band) >= 2 * base &&
    rate(bands[high] as Band) >= 2 * base
  ) {
    high++;
  }
  let medium = high;
  while (medium + 1 < bands.length && rate(bands[medium + 1] as Band) >= base) medium++;
  const highFrom = round2((bands[high] as Band).lowest);
  if (medium === high) return { tiers: [{ label: "High", from: highFrom }, { label: "Low" }] };
  return { high: highFrom, medium: round2((bands[medium] as Band).lowest) };
}

function bandsOf(scores: readonly number[], labels: readonly boolean[]): Band[] {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const size = Math.max(1, Math.round(order.length / 10));
  const bands: Band[] = [];
  let current: Band | undefined;
  for (const i of order) {
    const score = scores[i] as number;
    if (current === undefined || (current.records >= size && score < current.lowest)) {
      current = { lowest: score, records: 0, converted: 0 };
      bands.push(current);
    }
    current.lowest = score;
    current.records++;
    if (labels[i]) current.converted++;
  }
  return bands.length > 0 ? bands : [{ lowest: 0, records: 1, converted: 0 }];
}
