// Lift by score decile from counts per score value (docs/scoring.md §Score performance): memory bounded
// by the distinct values, not by the records. Pure.

export type DecileRow = { decile: number; records: number; converted: number; rate: number | null };
export type ValueCounts = { records: number; converted: number };

export const rateOf = (converted: number, records: number) => (records === 0 ? null : converted / records);

/**
 * Ranks the records by value, highest first, and cuts them into ten deciles by rank (rank k of n in decile
 * ⌊10k/n⌋). Records of one value are not ordered among themselves: where a value straddles a decile
 * boundary, each decile gets its share of the value's records, and of its conversions in proportion
 * (largest remainder, the higher decile first on equal remainders).
 */
export function splitDeciles(byValue: ReadonlyMap<number, ValueCounts>): DecileRow[] {
  const rows = Array.from({ length: 10 }, (_, i) => ({ decile: i + 1, records: 0, converted: 0 }));
  let total = 0;
  for (const counts of byValue.values()) total += counts.records;
  const firstRank = (decile: number) => Math.ceil((decile * total) / 10);
  let rank = 0;
  for (const [, counts] of [...byValue].sort((a, b) => b[0] - a[0])) {
    const shares: { row: (typeof rows)[number]; records: number; converted: number; remainder: number }[] =
      [];
    for (let d = Math.floor((rank * 10) / total); d < 10 && firstRank(d) < rank + counts.records; d++) {
      const records = Math.min(rank + counts.records, firstRank(d + 1)) - Math.max(rank, firstRank(d));
      if (records <= 0) continue;
      // In whole numbers, so that equal remainders compare equal: converted × records / records of the value.
      const converted = Math.floor((counts.converted * records) / counts.records);
      const remainder = counts.converted * records - converted * counts.records;
      shares.push({ row: rows[d] as (typeof rows)[number], records, converted, remainder });
    }
    let left = counts.converted - shares.reduce((sum, s) => sum + s.converted, 0);
    for (const share of [...shares].sort((a, b) => b.remainder - a.remainder)) {
      if (left === 0) break;
      share.converted++;
      left--;
    }
    for (const share of shares) {
      share.row.records += share.records;
      share.row.converted += share.converted;
    }
    rank += counts.records;
  }
  return rows.map((row) => ({ ...row, rate: rateOf(row.converted, row.records) }));
}
