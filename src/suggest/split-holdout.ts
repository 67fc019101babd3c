import { seededRandom } from "./seeded-random.js";

/** The share of labelled records held out to check the draft (docs/scoring.md §Suggested scores). */
export const holdoutShare = 0.3;

/**
 * A stratified 70/30 split fixed by `seed`: converted and not converted records are shuffled apart,
 * and 30 % of each is held out, so both parts keep the base rate. Returns the indices of each part.
 */
export function splitHoldout(
  labels: readonly boolean[],
  seed: number,
): { training: number[]; holdout: number[] } {
  const random = seededRandom(seed);
  const training: number[] = [];
  const holdout: number[] = [];
  for (const wanted of [true, false]) {
    const indices = labels.flatMap((label, i) => (label === wanted ? [i] : []));
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
    }
    const held = Math.round(indices.length * holdoutShare);
    holdout.push(...indices.slice(0, held));
    training.push(...indices.slice(held));
  }
  const ascending = (a: number, b: number) => a - b;
  return { training: training.sort(ascending), holdout: holdout.sort(ascending) };
}
