import { fill, formatDate, h } from "./dom.js";

// "Test a record": the score and its breakdown down to each event, with decay (docs/scoring.md §Result).

/** @typedef {import("./types.js").ScoreResult} ScoreResult */

/**
 * A condition in words: "jobtitle in CTO, CEO", "phone known" (no operand).
 * @param {import("./types.js").DraftCondition} c
 */
const describeCondition = (c) =>
  [c.property, c.operator, c.values?.join(", ") ?? c.value ?? ""].filter((part) => part !== "").join(" ");

/**
 * A rule in a line: "meeting where hs_meeting_outcome in COMPLETED", "jobtitle in CTO, CEO".
 * @param {import("./types.js").DraftRule} rule
 */
export function describeRule(rule) {
  if (!("event" in rule)) return describeCondition(rule);
  const where = (rule.where ?? []).map(describeCondition);
  return `${rule.event}${where.length ? ` where ${where.join(" and ")}` : ""}`;
}

const num = (/** @type {number | null | undefined} */ v) => (v === null || v === undefined ? "—" : String(v));

/**
 * The facts above the breakdown, as [label, text]: score (or out of scope), threshold, a combined
 * score's parts, and when the value next changes with no new data.
 * @param {ScoreResult} r
 * @returns {[string, string][]}
 */
export function resultFacts(r) {
  return [
    ["Score", r.score === null ? "out of scope" : String(r.score)],
    ["Threshold", r.threshold ?? "—"],
    ...("engagement" in r
      ? /** @type {[string, string][]} */ ([
          ["Engagement part", num(r.engagement)],
          ["Fit part", num(r.fit)],
        ])
      : []),
    ["Next change", r.nextChangeAt ? formatDate(r.nextChangeAt) : "none without new data"],
  ];
}

/** @param {NonNullable<import("./types.js").RuleResult["events"]>} events */
function eventsTable(events) {
  return h(
    "table",
    { class: "events" },
    h("caption", {}, "Contributing events"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Event", "When", "Contact", "Points", "After decay"].map((c) => h("th", { scope: "col" }, c)),
      ),
    ),
    h(
      "tbody",
      {},
      events.map((e) =>
        h(
          "tr",
          {},
          h("td", {}, e.type),
          h("td", {}, formatDate(e.occurredAt)),
          h("td", {}, e.contact ?? "—"),
          h("td", {}, num(e.points)),
          h("td", {}, num(e.afterDecay)),
        ),
      ),
    ),
  );
}

/**
 * @param {import("./types.js").GroupResult} group
 * @param {import("./types.js").DraftGroup | undefined} definitionGroup
 */
function groupBlock(group, definitionGroup) {
  return h(
    "section",
    { class: "result-group" },
    h("h4", {}, `${group.name}: ${group.value}${group.limitHit ? " (limit reached)" : ""}`),
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Rule", "Matches", "Value"].map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h(
        "tbody",
        {},
        group.rules.map((r) => {
          const rule = definitionGroup?.rules[r.index];
          return [
            h(
              "tr",
              {},
              h("td", {}, rule ? describeRule(rule) : `rule ${r.index + 1}`),
              h("td", {}, `${r.matches}${r.contacts === undefined ? "" : ` (${r.contacts} contacts)`}`),
              h("td", {}, `${r.value}${r.capHit ? " (cap reached)" : ""}`),
            ),
            r.events?.length ? h("tr", {}, h("td", { colspan: 3 }, eventsTable(r.events))) : null,
          ];
        }),
      ),
    ),
  );
}

/**
 * @param {HTMLElement} container
 * @param {import("./types.js").TestResponse} response
 * @param {import("./types.js").DraftDefinition} definition
 */
export function renderTestResult(container, response, definition) {
  const r = response.result;
  const facts = resultFacts(r);
  fill(
    container,
    h("h3", {}, `Record ${r.id}`),
    h(
      "dl",
      { class: "facts", "data-testid": "test-facts" },
      facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))]),
    ),
    r.limitHit && h("p", {}, "The score's limits clamped it."),
    (response.warnings ?? []).map((w) =>
      h("p", { class: "warning" }, typeof w === "string" ? w : (w.message ?? JSON.stringify(w))),
    ),
    r.groups.map((g, i) => groupBlock(g, definition.groups[i])),
  );
}
