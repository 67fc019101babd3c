import { h } from "./dom.js";

// The lifecycle stages a suggestion starts from and reaches (docs/scoring.md §Suggested scores): the
// portal's own options of `lifecyclestage` by label, from the pickers' properties catalog; HubSpot's
// default eight when the portal's cannot be read (docs/hubspot.md §Lifecycle stage history).

/** @typedef {{value: string, label: string}} StageOption */

/** @type {readonly StageOption[]} */
export const DEFAULT_STAGES = [
  { value: "subscriber", label: "Subscriber" },
  { value: "lead", label: "Lead" },
  { value: "marketingqualifiedlead", label: "Marketing Qualified Lead" },
  { value: "salesqualifiedlead", label: "Sales Qualified Lead" },
  { value: "opportunity", label: "Opportunity" },
  { value: "customer", label: "Customer" },
  { value: "evangelist", label: "Evangelist" },
  { value: "other", label: "Other" },
];

/**
 * The options of the object's `lifecyclestage` property, in the portal's order; the default eight when
 * the catalog has no such property or it has no options.
 * @param {readonly {name: string, options?: readonly StageOption[]}[] | undefined} properties
 * @returns {readonly StageOption[]}
 */
export function stageOptions(properties) {
  const options = properties?.find((p) => p.name === "lifecyclestage")?.options ?? [];
  if (options.length === 0) return DEFAULT_STAGES;
  // An option "labelled" with its internal name has no label a person gave it: a default stage gets HubSpot's.
  const labelOf = (/** @type {StageOption} */ o) =>
    (o.label === o.value && DEFAULT_STAGES.find((d) => d.value === o.value)?.label) || o.label;
  return options.map((o) => ({ value: o.value, label: labelOf(o) }));
}

/**
 * A stage's label among the options; its internal value when the portal no longer has it.
 * @param {readonly StageOption[]} options
 * @param {string} value
 */
export const stageLabel = (options, value) => options.find((o) => o.value === value)?.label ?? value;

/**
 * Fills a select with the stages by label, keeping its choice (or `preferred`) when the stages hold it.
 * @param {Element | null} select
 * @param {readonly StageOption[]} stages
 * @param {string} preferred
 */
export function fillStageSelect(select, stages, preferred) {
  if (!(select instanceof HTMLSelectElement)) return;
  const chosen = select.value || preferred;
  select.replaceChildren(...stages.map((s) => h("option", { value: s.value }, s.label)));
  select.value = stages.some((s) => s.value === chosen) ? chosen : (stages[0]?.value ?? "");
}
