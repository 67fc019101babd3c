/** mulberry32: a tiny seeded PRNG, so every run generates the same export. Values in [0, 1). */
export { seededRandom as createPrng } from "../src/suggest/seeded-random.js";

/** One item of `items`, uniformly. */
export const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;
