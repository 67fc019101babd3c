// Values that convert better together (docs/scoring.md §Suggested scores, "Value groups"): seven senior
// job titles, each too rare to be significant alone, are one `in` rule of all seven. The group is chosen
// from the labels, so it is chosen cautiously: a value joins only when it converts above the base rate in
// both halves of the training records, so a value that is above it by chance in one half stays out.

/** The fewest training records of a value for its conversion to say anything. */
const leastPerValue = 10;

/**
 * The values of a property that convert above the base rate in both halves of the training records
 * (alternate records), in at least `support` records and lacked by as many; null when fewer than two
 * values qualify (one value is its own `in` feature).
 */
export function convertingValueGroup(
  recordValues: readonly string[][],
  converted: readonly boolean[],
  support: number,
): string[] | null {
  const base = [0, 1].map((half) => rateOf(converted.filter((_, i) => i % 2 === half)));
  const perValue = new Map<string, { records: number[]; converted: number[] }>();
  recordValues.forEach((values, i) => {
    for (const value of new Set(values)) {
      const entry = perValue.get(value) ?? { records: [0, 0], converted: [0, 0] };
      const half = i % 2;
      entry.records[half] = (entry.records[half] as number) + 1;
      if (converted[i]) entry.converted[half] = (entry.converted[half] as number) + 1;
      perValue.set(value, entry);
    }
  });
  const group = [...perValue.entries()]
    .filter(([, entry]) =>
      [0, 1].every((half) => {
        const records = entry.records[half] as number;
        const rate = (entry.converted[half] as number) / Math.max(1, records);
        return records * 2 >= leastPerValue && rate > (base[half] as number);
      }),
    )
    .map(([value]) => value)
    .sort();
  if (group.length < 2) return null;
  const members = new Set(group);
  const count = recordValues.filter((values) => values.some((v) => members.has(v))).length;
  return count >= support && count <= recordValues.length - support ? group : null;
}

function rateOf(labels: readonly boolean[]): number {
  return labels.filter(Boolean).length / Math.max(1, labels.length);
}
