// Words of spread text (docs/scoring.md §Suggested scores, "Features"): a job title says "VP", "Head" or
// "Director" across many distinct titles, none frequent alone, so the words that recur across values become
// `containsAny` features (substring, case-insensitive, as the engine matches them).

/** Words too common in names to say anything alone ("Head of Operations"). */
const fillerWords = new Set(["of", "and", "the", "for", "in", "at", "to", "a", "an", "on", "with", "de"]);
const mostWordsPerProperty = 12;

/** One word feature: the word the rule looks for (as first written) and the words that always came with it. */
export type WordFeature = { word: string; alongside: string[] };

/**
 * Frequent words of a text property: in at least two distinct values (a word of one value is that value's
 * `in` feature), matched by `support` records or more and lacked by as many. Words matched by exactly the
 * same records merge into one feature (the first written names it), so the model never weighs twins.
 */
export function frequentWords(recordValues: readonly string[][], support: number): WordFeature[] {
  const distinct = [...new Set(recordValues.flat())];
  const valuesPerWord = new Map<string, number>();
  const spelling = new Map<string, string>();
  for (const value of distinct) {
    for (const word of wordsOf(value))
      if (!spelling.has(word.toLowerCase())) spelling.set(word.toLowerCase(), word);
    for (const word of new Set(wordsOf(value).map((w) => w.toLowerCase())))
      valuesPerWord.set(word, (valuesPerWord.get(word) ?? 0) + 1);
  }
  const lowered = recordValues.map((values) => values.map((v) => v.toLowerCase()));
  const n = recordValues.length;
  const byRecords = new Map<string, { words: string[]; count: number }>();
  for (const [word, values] of valuesPerWord) {
    if (values < 2) continue;
    const matched = lowered.map((values) => values.some((v) => v.includes(word)));
    const count = matched.filter(Boolean).length;
    if (count < support || count > n - support) continue;
    const key = matched.map((m) => (m ? "1" : "0")).join("");
    const group = byRecords.get(key) ?? { words: [], count };
    group.words.push(word);
    byRecords.set(key, group);
  }
  return [...byRecords.values()]
    .sort((a, b) => b.count - a.count || (a.words[0] as string).localeCompare(b.words[0] as string))
    .slice(0, mostWordsPerProperty)
    .map(({ words }) => {
      // Words are met in reading order: "Chief" names the twins of "Chief ... Officer".
      const [word, ...alongside] = words;
      const spelled = (w: string) => spelling.get(w) ?? w;
      return { word: spelled(word as string), alongside: alongside.map(spelled) };
    });
}

/** The words of a value as written: letters and digits between anything else; fillers left out. */
export function wordsOf(value: string): string[] {
  return value
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && !fillerWords.has(word.toLowerCase()));
}
