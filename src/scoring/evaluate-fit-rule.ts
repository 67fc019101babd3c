import type { Subject } from "./compile-condition.js";
import type { CompiledFitRule } from "./compiled-score.js";
import type { RecordSnapshot } from "./parse-snapshot.js";

/**
 * docs/scoring.md §Scoring several values (fit): `points` once if any value matches; `pointsByValue`
 * adds each matched value once. On associated records: matches once if any of them matches,
 * never when there is none (decided).
 */
export function evaluateFitRule(
  rule: CompiledFitRule,
  record: RecordSnapshot,
): { value: number; matches: number } {
  const subjects: Subject[] = rule.of === "self" ? [record] : associatedSubjects(rule.of, record);
  if (rule.pointsByValue) {
    const byValue = rule.pointsByValue;
    const matched = new Set(subjects.flatMap((s) => rule.condition.matchedValues(s)));
    let value = 0;
    for (const v of matched) value += byValue[v] ?? 0;
    return { value, matches: matched.size };
  }
  const hit = subjects.some((s) => rule.condition.test(s));
  return { value: hit ? (rule.points ?? 0) : 0, matches: hit ? 1 : 0 };
}

function associatedSubjects(of: Exclude<CompiledFitRule["of"], "self">, record: RecordSnapshot): Subject[] {
  const all = record.associations[of.association] ?? [];
  const { labels } = of;
  return labels === undefined ? all : all.filter((r) => r.labels.some((l) => labels.has(l)));
}
