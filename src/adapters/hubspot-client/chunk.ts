/** Splits a list into runs of at most `size` (HubSpot's batch limits, docs/hubspot.md §Rate limits and batching). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let start = 0; start < items.length; start += size) runs.push(items.slice(start, start + size));
  return runs;
}
