import { h } from "./dom.js";
import { rulePlace } from "./rule-evidence.js";
import { ruleEvidenceDetail, ruleEvidenceText } from "./suggest-sentences.js";

// A suggested rule's evidence under its one-line summary (docs/decisions.md §Evidence beside suggested
// rules): "212 contacts · 41 % vs 12 % converted" while it is as suggested, "edited since suggested" once
// it is not; it follows every edit in place, as the summary does.

/**
 * The evidence line of the rule at `path`, or null where the score was not suggested or the suggestion
 * has no rule there.
 * @param {import("./types.js").FormContext} ctx
 * @param {string} path "groups[0].rules[1]"
 */
export function ruleEvidenceNote(ctx, path) {
  const evidenceOf = ctx.ruleEvidence;
  if (!evidenceOf || !rulePlace(path) || evidenceOf(path) === null) return null;
  const note = h("p", { class: "rule-evidence" });
  ctx.live(() => {
    const state = evidenceOf(path);
    if (state && "evidence" in state) {
      note.textContent = ruleEvidenceText(state.evidence, state.object);
      note.title = `Suggested: ${state.evidence.feature}. ${ruleEvidenceDetail(state.evidence, state.object)}.`;
      note.dataset.state = "suggested";
    } else {
      note.textContent = "edited since suggested";
      note.title = "The evidence was for the rule as suggested; this rule has changed since.";
      note.dataset.state = "edited";
    }
  });
  return note;
}
