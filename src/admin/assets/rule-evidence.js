// Which suggested rules still carry their evidence in the builder (docs/decisions.md §Evidence beside
// suggested rules): the evidence names a rule by its place (group, rule); it holds while the rule at that
// place is the one suggested (the score's first revision), and once edited the rule says so instead.
// Pure, so it is tested without a DOM.

/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */
/** @typedef {import("./types.js").RuleEvidence} RuleEvidence */
/** @typedef {{evidence: RuleEvidence, object: string} | {edited: true} | null} RuleEvidenceState */
/**
 * A suggested score as the builder holds it: the evidence, the draft as suggested (its first revision) and
 * the object it scores.
 * @typedef {{evidence: {rules: readonly RuleEvidence[]}, suggested: DraftDefinition, object: string}} HeldSuggestion
 */

/**
 * JSON with keys sorted at every depth, so two rules compare by content, not by key order.
 * @param {unknown} value
 * @returns {string}
 */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The rule at a place in canonical JSON; an empty `where`, which the form adds to an opened rule, is none.
 * @param {DraftDefinition} definition
 * @param {number} group
 * @param {number} rule
 */
function ruleAt(definition, group, rule) {
  const found = definition.groups[group]?.rules[rule];
  if (found === undefined) return undefined;
  if ("where" in found && found.where?.length === 0) return canonical({ ...found, where: undefined });
  return canonical(found);
}

/**
 * The evidence of the rule at `groups[group].rules[rule]`: the suggestion's, while the rule is as
 * suggested; `{edited: true}` once it differs; null where the suggestion has no rule.
 * @param {HeldSuggestion} suggestion
 * @param {DraftDefinition} current
 * @param {number} group
 * @param {number} rule
 * @returns {RuleEvidenceState}
 */
export function ruleEvidenceAt(suggestion, current, group, rule) {
  const evidence = suggestion.evidence.rules.find((r) => r.group === group && r.rule === rule);
  if (!evidence) return null;
  const suggested = ruleAt(suggestion.suggested, group, rule);
  return suggested !== undefined && suggested === ruleAt(current, group, rule)
    ? { evidence, object: suggestion.object }
    : { edited: true };
}

/**
 * The place a rule's path names: "groups[1].rules[0]" → [1, 0]; null for any other path.
 * @param {string} path
 * @returns {[number, number] | null}
 */
export function rulePlace(path) {
  const match = /^groups\[(\d+)\]\.rules\[(\d+)\]$/.exec(path);
  return match ? [Number(match[1]), Number(match[2])] : null;
}
