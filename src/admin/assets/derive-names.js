// A new score's id and property name are spelled from its name until the user types their own
// (docs/decisions.md §Builder inputs are never replaced): "Contact lead score" → id
// "contact-lead-score", property "ls_contact_lead_score", valid under docs/scoring.md §Properties.

/** The name's letters and digits in lowercase words, accents dropped: "Café Fit 2" → ["cafe", "fit", "2"]. */
const words = (/** @type {string} */ name) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");

/** A score id from its name: lowercase words joined by "-" (at most 64 characters), or "". */
export const deriveScoreId = (/** @type {string} */ name) =>
  words(name).join("-").slice(0, 64).replace(/-+$/, "");

/**
 * A property name from the score's name: "ls_" and its words joined by "_", within HubSpot's
 * pattern ^[a-z][a-z0-9_]{0,80}$; "" for a name without letters or digits.
 */
export function derivePropertyName(/** @type {string} */ name) {
  const joined = words(name).join("_");
  return joined ? `ls_${joined}`.slice(0, 81).replace(/_+$/, "") : "";
}

/**
 * Whether a field still follows the name: it is empty, or holds what the name before this edit gave;
 * once the user typed something else it is theirs.
 * @param {string | undefined} value
 * @param {string} previousName
 * @param {(name: string) => string} derive
 */
export const followsName = (value, previousName, derive) => !value || value === derive(previousName);
