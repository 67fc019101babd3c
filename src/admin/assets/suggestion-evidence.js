import { bandFill } from "./chart-parts.js";
import { formatCount } from "./describe-job.js";
import { h } from "./dom.js";
import { barChart } from "./performance-panel.js";
import {
  aucDetail,
  aucSentence,
  labelledText,
  leftOutText,
  percent,
  ruleEvidenceDetail,
  spanText,
  splitText,
} from "./suggest-sentences.js";

// A suggestion's evidence (docs/scoring.md §Suggested scores), as the suggest page shows it when its job
// ends and the builder above a suggested draft: the holdout AUC in words, the counts, the time span,
// conversion per tier and per decile as bars with their numbers, the rules' evidence, the features
// left out (folded).

/** @typedef {import("./types.js").SuggestionEvidence} SuggestionEvidence */
/** @typedef {import("./types.js").SuggestRequest} SuggestRequest */

/** "1 suggested rule", "3 suggested rules". */
const plural = (/** @type {number} */ n, /** @type {string} */ noun) =>
  `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;

/** "+15", "−5". */
const signed = (/** @type {number} */ n) => (n < 0 ? `−${-n}` : `+${n}`);

/**
 * The overall figures: what the AUC means, then the counts and the time span as facts.
 * @param {SuggestionEvidence} evidence
 * @param {SuggestRequest} request
 * @param {(stage: string) => string} labelOf
 */
export function evidenceSummary(evidence, request, labelOf) {
  const m = evidence.metrics;
  return [
    h("p", { class: "auc" }, h("strong", {}, aucSentence(m.auc)), ` (${aucDetail(m, request.object)}).`),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Labelled"),
      h("dd", {}, labelledText(m, request.object)),
      h("dt", {}, "Checked on"),
      h("dd", {}, splitText(m)),
      h("dt", {}, "Left out"),
      h("dd", {}, leftOutText(m.leftOut, request, labelOf)),
      h("dt", {}, "Time span"),
      h("dd", {}, spanText(m, labelOf(request.from))),
    ),
  ];
}

/**
 * Holdout conversion per tier (best first) and per score decile, as bars with their percentages, side by
 * side where there is room.
 * @param {SuggestionEvidence} evidence
 */
export const evidenceCharts = (evidence) => [
  h(
    "figure",
    { class: "evidence-chart" },
    h("figcaption", {}, "Conversion by tier, on the held-out records"),
    barChart(
      evidence.tiers,
      (r) => r.tier,
      (r) => bandFill({}, evidence.tiers.indexOf(r)),
      "Tier",
    ),
  ),
  h(
    "figure",
    { class: "evidence-chart" },
    h("figcaption", {}, "Lift by score decile, on the held-out records"),
    barChart(
      evidence.lift,
      (r) => `D${r.decile}`,
      () => "#0b5cad",
      "Decile of the draft's score (D1 highest)",
    ),
  ),
];

/**
 * Each suggested rule with its points and what it is based on.
 * @param {SuggestionEvidence} evidence
 * @param {string} object
 */
export function rulesTable(evidence, object) {
  return h(
    "table",
    { class: "evidence-rules" },
    h("caption", {}, plural(evidence.rules.length, "suggested rule")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        [
          "Feature",
          "Points",
          `${object === "companies" ? "Companies" : "Contacts"} with it`,
          "Converted with",
          "without",
        ].map((title) => h("th", { scope: "col" }, title)),
      ),
    ),
    h(
      "tbody",
      {},
      evidence.rules.map((rule) =>
        h(
          "tr",
          { title: ruleEvidenceDetail(rule, object) },
          h("td", {}, rule.feature),
          h("td", { class: "number" }, signed(rule.points)),
          h("td", { class: "number" }, formatCount(rule.withFeature.records)),
          h("td", { class: "number" }, rule.withFeature.rate === null ? "—" : percent(rule.withFeature.rate)),
          h(
            "td",
            { class: "number" },
            rule.withoutFeature.rate === null ? "—" : percent(rule.withoutFeature.rate),
          ),
        ),
      ),
    ),
  );
}

/**
 * The features the model weighed that the draft leaves out, and why; folded.
 * @param {SuggestionEvidence} evidence
 * @param {string} object
 */
export const droppedFeatures = (evidence, object) =>
  evidence.dropped.length > 0 &&
  h(
    "details",
    { class: "dropped" },
    h(
      "summary",
      {},
      `${plural(evidence.dropped.length, "feature")} left out of the draft (weighed, but they did not tell ${object} apart well enough)`,
    ),
    h(
      "ul",
      {},
      evidence.dropped.map((d) => h("li", {}, `${d.feature}: ${d.reason}`)),
    ),
  );
