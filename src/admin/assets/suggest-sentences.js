import { formatCount } from "./describe-job.js";

// What a suggestion says in words (docs/scoring.md §Suggested scores): what will happen before it runs,
// and its evidence once it has: the holdout AUC as the chance of ranking a converter first, the counts,
// and each rule's records with conversion with and without its feature. Pure, so it is tested without a DOM.

/** @typedef {import("./types.js").SuggestRequest} SuggestRequest */
/** @typedef {import("./types.js").SuggestionEvidence} SuggestionEvidence */

/** A percentage as the page writes it: "41 %", the sign kept on its number's line. */
export const percent = (/** @type {number} */ share) => `${Math.round(share * 100)}\u00a0%`;

/**
 * "contact"/"contacts", "company"/"companies".
 * @param {"contacts" | "companies" | string} object
 * @param {number} n
 */
export function recordWord(object, n) {
  if (object === "companies") return n === 1 ? "company" : "companies";
  if (object === "contacts") return n === 1 ? "contact" : "contacts";
  return n === 1 ? "record" : "records";
}

/** "30 days", "1 day". */
const days = (/** @type {number} */ n) => `${n} day${n === 1 ? "" : "s"}`;

/**
 * What a suggestion will do, said before it runs: which records it compares, what it reads of them,
 * and what it needs; stages by their labels.
 * @param {SuggestRequest} request
 * @param {(stage: string) => string} labelOf
 */
export function suggestionSentence(request, labelOf) {
  const { object, type, withinDays } = request;
  const from = labelOf(request.from);
  const to = labelOf(request.to);
  if (request.from === request.to) return `Choose a stage to reach other than ${from}.`;
  const within = Number.isInteger(withinDays) && withinDays >= 1 ? days(withinDays) : "the days you give";
  const read =
    type === "fit"
      ? `their properties${object === "contacts" ? " and their companies'" : ""} as they were when they reached ${from}`
      : `how often each kind of activity happened in the 7, 30 and 90 days before they reached ${from}`;
  return (
    `lead-score compares the ${object} that went from ${from} to ${to} within ${within} with those that did not, ` +
    `and drafts ${type === "fit" ? "a fit" : "an engagement"} score from what tells them apart: ${read}. ` +
    `${object === "companies" ? "Companies" : "Contacts"} still within their ${within} are left out; ` +
    "it needs at least 50, of which 25 converted and 25 did not. " +
    "The draft changes nothing in HubSpot until you enable it."
  );
}

/**
 * The holdout AUC as a reader takes it: how often the draft ranks a converter above a non-converter.
 * @param {number} auc
 */
export const aucSentence = (auc) => `Ranks a converter above a non-converter ${percent(auc)} of the time`;

/**
 * "AUC 0.78 on 312 held-out contacts; 50 % is a coin toss".
 * @param {SuggestionEvidence["metrics"]} metrics
 * @param {string} object
 */
export const aucDetail = (metrics, object) =>
  `AUC ${metrics.auc.toFixed(2)} on ${formatCount(metrics.holdout)} held-out ${recordWord(object, metrics.holdout)}; 50\u00a0% is a coin toss`;

/**
 * "1,040 contacts: 312 converted, 728 did not".
 * @param {SuggestionEvidence["metrics"]} metrics
 * @param {string} object
 */
export const labelledText = (metrics, object) =>
  `${formatCount(metrics.labelled)} ${recordWord(object, metrics.labelled)}: ${formatCount(metrics.converted)} converted, ${formatCount(metrics.notConverted)} did not`;

/**
 * "728 to learn from, 312 held out to check it".
 * @param {SuggestionEvidence["metrics"]} metrics
 */
export const splitText = (metrics) =>
  `${formatCount(metrics.training)} to learn from, ${formatCount(metrics.holdout)} held out to check it`;

/** "repeatedRecord" → "repeated record", "other_object" → "other object". */
const reasonWords = (/** @type {string} */ reason) =>
  reason
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();

/**
 * A reason a record was left out, in words: the labelling's own reasons (docs/scoring.md §Suggested
 * scores) with the request's stages and days; any other spelled out.
 * @param {string} reason
 * @param {SuggestRequest} request
 * @param {(stage: string) => string} labelOf
 */
function reasonText(reason, request, labelOf) {
  // The labelling's reasons are camelCase (src/suggest/label-outcomes.ts); snake_case reads the same.
  const key = reason.replace(/[_-]/g, "").toLowerCase();
  if (key === "neverreachedstart") return `never reached ${labelOf(request.from)}`;
  if (key === "insidetimeframe") return `still inside their ${days(request.withinDays)}`;
  if (key === "reachedendfirst") return `reached ${labelOf(request.to)} before ${labelOf(request.from)}`;
  if (key === "nosnapshot") return "could not be read";
  return reasonWords(reason);
}

/**
 * The records the suggestion could not use, by reason, most first: "40 never reached Marketing Qualified
 * Lead, 3 still inside their 30 days"; "none".
 * @param {Record<string, number>} leftOut
 * @param {SuggestRequest} request
 * @param {(stage: string) => string} labelOf
 */
export function leftOutText(leftOut, request, labelOf) {
  const rows = Object.entries(leftOut).filter(([, n]) => n > 0);
  if (rows.length === 0) return "none";
  return rows
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([reason, n]) => `${formatCount(n)} ${reasonText(reason, request, labelOf)}`)
    .join(", ");
}

/**
 * "reached Marketing Qualified Lead from 2026-05-02 to 2026-11-01 (UTC)".
 * @param {SuggestionEvidence["metrics"]} metrics
 * @param {string} fromLabel
 */
export const spanText = (metrics, fromLabel) =>
  `reached ${fromLabel} from ${metrics.from.slice(0, 10)} to ${metrics.until.slice(0, 10)} (UTC)`;

/** @param {number | null} rate */
const rateOrDash = (rate) => (rate === null ? "—" : percent(rate));

/**
 * A rule's evidence in one line: "212 contacts · 41 % vs 12 % converted" (with the feature vs without).
 * @param {import("./types.js").RuleEvidence} evidence
 * @param {string} object
 */
export const ruleEvidenceText = (evidence, object) =>
  `${formatCount(evidence.withFeature.records)} ${recordWord(object, evidence.withFeature.records)} · ${rateOrDash(evidence.withFeature.rate)} vs ${rateOrDash(evidence.withoutFeature.rate)} converted`;

/**
 * The same at length, for a tooltip: "212 of 1,040 contacts have it: 87 of them converted (41 %), 100 of
 * the other 828 (12 %)".
 * @param {import("./types.js").RuleEvidence} evidence
 * @param {string} object
 */
export function ruleEvidenceDetail(evidence, object) {
  const w = evidence.withFeature;
  const wo = evidence.withoutFeature;
  const all = w.records + wo.records;
  return `${formatCount(w.records)} of ${formatCount(all)} ${recordWord(object, all)} have it: ${formatCount(w.converted)} of them converted (${rateOrDash(w.rate)}), ${formatCount(wo.converted)} of the other ${formatCount(wo.records)} (${rateOrDash(wo.rate)})`;
}

/**
 * What to try when too few records were labelled; the job's error names the counts found.
 * @param {SuggestRequest} request
 * @param {(stage: string) => string} labelOf
 */
export const tooFewLabelsAdvice = (request, labelOf) =>
  `Try a longer time frame than ${days(request.withinDays)}, or other stages: a start stage more ${request.object} reach than ${labelOf(request.from)}, or an end stage more of them go on to than ${labelOf(request.to)}.`;

/**
 * What to try when enough records were labelled but nothing the suggestion weighed tells them apart.
 * @param {SuggestRequest} request
 */
export const noSignalAdvice = (request) =>
  `Try ${request.type === "fit" ? "an engagement" : "a fit"} score for the same stages, or other stages: what the ${request.object} ${request.type === "fit" ? "were" : "did"} before does not foretell this move.`;
