import { OPERATORS, operandOf } from "./builder-conditions.js";

// A rule in one line, as the folded builder shows it: "Meeting · outcome is Completed · +15 · at most
// 20", "Job title contains any of CEO, Founder · +10" (docs/decisions.md §Builder inputs are never
// replaced). Names are shown as a person reads them; the exact ones are in the unfolded rule.

/** @typedef {import("./types.js").DraftCondition} DraftCondition */
/**
 * HubSpot's own labels where the portal's catalogs gave them (picker-catalog.js catalogNames): a
 * property's, an option's, an event type's, a list's. Without them names are spelled out as below.
 * @typedef {import("./types.js").CatalogNames} CatalogNames
 */

// HubSpot's labels for the default properties rules most often read, where the internal name does not
// spell them ("jobtitle"); any other name is spelled out from its words.
/** @type {Record<string, string>} */
const PROPERTY_LABELS = {
  jobtitle: "Job title",
  numberofemployees: "Number of employees",
  annualrevenue: "Annual revenue",
  lifecyclestage: "Lifecycle stage",
  hs_lead_status: "Lead status",
  hubspot_owner_id: "Owner",
  dealstage: "Deal stage",
  dealname: "Deal name",
  closedate: "Close date",
  createdate: "Create date",
  firstname: "First name",
  lastname: "Last name",
  zip: "Postal code",
};

const MORE_THAN = 3;

/** "form_submission" → "Form submission". */
const spelled = (/** @type {string} */ name) => {
  const words = name.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * A property as a person reads it; an event's own properties drop their prefix
 * ("hs_meeting_outcome" on a meeting → "outcome").
 * @param {string} property
 * @param {string} [event]
 */
export function propertyLabel(property, event) {
  if (!property) return "(no property)";
  const prefix = event ? `hs_${event}_` : "";
  if (prefix && property.startsWith(prefix)) return property.slice(prefix.length).replace(/_/g, " ");
  return PROPERTY_LABELS[property] ?? spelled(property.replace(/^hs_/, ""));
}

/**
 * HubSpot's internal option values read as words ("NO_SHOW" → "No show", "COMPLETED" → "Completed");
 * short capitals are acronyms ("CEO") and stay, as does any value typed in another way.
 */
export const valueLabel = (/** @type {unknown} */ value) => spelledValue(value);

/** @param {unknown} value */
function spelledValue(value) {
  const text = String(value ?? "");
  const internal = /^[A-Z][A-Z0-9_]*$/.test(text) && (text.includes("_") || text.length >= 6);
  return internal ? spelled(text.toLowerCase()) : text;
}

/**
 * @param {readonly unknown[]} values
 * @param {(value: unknown) => string} [label]
 */
function listed(values, label = valueLabel) {
  const shown = values.slice(0, MORE_THAN).map(label).join(", ");
  return values.length > MORE_THAN ? `${shown} and ${values.length - MORE_THAN} more` : shown;
}

/**
 * "outcome is Completed", "Number of employees is between 50 and 5000".
 * @param {DraftCondition} condition
 * @param {string} [event]
 * @param {CatalogNames} [names]
 */
export function conditionSummary(condition, event, names = {}) {
  const who = names.property?.(condition.property) ?? propertyLabel(condition.property, event);
  const valueLabel = (/** @type {unknown} */ value) =>
    names.value?.(condition, String(value ?? "")) ?? spelledValue(value);
  const values = condition.values ?? [];
  const operand = operandOf(condition.operator);
  const label = OPERATORS.find(([op]) => op === condition.operator)?.[1] ?? condition.operator;
  // "is any of" one value, and "is equal to", read "is".
  if (condition.operator === "in" && values.length === 1) return `${who} is ${valueLabel(values[0])}`;
  if (condition.operator === "eq") return `${who} is ${valueLabel(condition.value ?? "…")}`;
  if (condition.operator === "neq") return `${who} is not ${valueLabel(condition.value ?? "…")}`;
  const verb = label.replace(/ \((numbers|dates?|ids)\)$/, "");
  if (operand === "none") return `${who} ${verb}`;
  const items = values.length ? listed(values, valueLabel) : "…";
  // A list rule reads no property (docs/scoring.md §Property rules): "Is in one of the lists Customers".
  if (condition.operator === "inList" || condition.operator === "notInList")
    return `${spelled(verb)} ${items}`;
  if (operand === "texts") return `${who} ${verb} ${items}`;
  if (operand === "numberRange" || operand === "dateRange")
    return `${who} ${verb} ${values[0] ?? "…"} and ${values[1] ?? "…"}`;
  return `${who} ${verb} ${condition.value === undefined || condition.value === "" ? "…" : valueLabel(condition.value)}`;
}

/** "+15", "−5", "+0". */
const signed = (/** @type {number} */ n) => (n < 0 ? `−${-n}` : `+${n}`);

/** @param {import("./types.js").DraftRule} rule */
function pointsSummary(rule) {
  if (rule.pointsByValue) {
    const all = Object.values(rule.pointsByValue);
    if (all.length === 0) return "points by value";
    const low = Math.min(...all);
    const high = Math.max(...all);
    return low === high ? `${signed(low)} each value` : `${signed(low)} to ${signed(high)} by value`;
  }
  return typeof rule.points === "number" ? signed(rule.points) : "no points";
}

/** @param {import("./types.js").DraftEventRule} rule */
function filtersSummary(rule) {
  const tf = rule.timeframe;
  const fq = rule.frequency;
  const times = (/** @type {number | undefined} */ n) => `${n ?? "…"} time${n === 1 ? "" : "s"}`;
  return [
    tf &&
      ("within" in tf
        ? `in the last ${tf.within.amount ?? "…"} ${tf.within.unit}`
        : "between" in tf
          ? `between ${tf.between[0] || "…"} and ${tf.between[1] || "…"}`
          : "before" in tf
            ? `before ${tf.before || "…"}`
            : `after ${tf.after || "…"}`),
    fq &&
      ("between" in fq
        ? `${fq.between[0] ?? "…"} to ${times(fq.between[1])}`
        : "exactly" in fq
          ? `exactly ${times(fq.exactly)}`
          : "atLeast" in fq
            ? `at least ${times(fq.atLeast)}`
            : "atMost" in fq && `at most ${times(fq.atMost)}`),
  ];
}

/**
 * The one line that stands for a rule in the folded builder, names spelled out from the rule alone.
 * @param {import("./types.js").DraftRule} rule
 */
export const ruleSummary = (rule) => namedRuleSummary(rule, () => ({}));

/**
 * The one line of a rule, with HubSpot's labels where the catalogs give them.
 * @param {import("./types.js").DraftRule} rule
 * @param {(source: import("./types.js").PropertySource) => CatalogNames} namesFor the catalogs' labels
 */
export function namedRuleSummary(rule, namesFor) {
  if ("event" in rule) {
    const event = rule.event || "(no event type)";
    const names = namesFor({ event: rule.event });
    return [
      names.event?.(rule.event) ?? spelled(event),
      ...(rule.where ?? []).map((c) => conditionSummary(c, rule.event, names)),
      ...filtersSummary(rule),
      pointsSummary(rule),
      rule.cap !== undefined && `at most ${rule.cap}`,
    ]
      .filter(Boolean)
      .join(" · ");
  }
  const of = rule.of && rule.of !== "self" ? `Associated ${rule.of.association}: ` : "";
  const names = namesFor({ object: rule.of && rule.of !== "self" ? rule.of.association : "self" });
  return `${of}${conditionSummary(rule, undefined, names)} · ${pointsSummary(rule)}`;
}
