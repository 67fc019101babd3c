import { groupsSection } from "./builder-groups.js";
import { association, scope } from "./builder-scope.js";
import { basics } from "./builder-score-fields.js";
import { thresholds } from "./builder-thresholds.js";

// The score-level settings (docs/scoring.md §Score definition), then the groups.

/**
 * The whole form for a definition, section by section (a section may be absent: null).
 * @param {import("./types.js").DraftDefinition} d
 * @param {import("./types.js").FormContext} ctx
 */
export function renderDefinitionForm(d, ctx) {
  return [basics(d, ctx), thresholds(d, ctx), scope(d, ctx), association(d, ctx), groupsSection(d, ctx)];
}
