import type { GroupPoints } from "../../ports/record-store.js";
import type { GroupResult } from "../../scoring/index.js";

/** A result's groups as history keeps them: each group's points and the rules that gave any (docs/decisions.md §Record card). */
export function summarizeGroupPoints(groups: readonly GroupResult[]): GroupPoints[] {
  return groups.map((group) => ({
    name: group.name,
    value: group.value,
    rules: group.rules
      .filter((rule) => rule.value !== 0)
      .map((rule) => ({ index: rule.index, value: rule.value })),
  }));
}
