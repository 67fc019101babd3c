import { fill, formatDate, h } from "./dom.js";
import { recordName } from "./record-names.js";

// "Test a record": the score and its breakdown down to each event, with decay (docs/scoring.md §Result).

/** @typedef {import("./types.js").ScoreResult} ScoreResult */
/** @typedef {import("./record-names.js").RecordNames} RecordNames */
/**
 * The names of the tested record and of the contacts whose events count (company and deal scores).
 * @typedef {{record: RecordNames, contacts: RecordNames}} TestNames
 */
/** @type {TestNames} */
const NO_NAMES = { record: new Map(), contacts: new Map() };

/**
 * The ids a result shows: the record, and every contact whose events it lists.
 * @param {ScoreResult} r
 */
export function testedIds(r) {
  const contacts = r.groups.flatMap((g) =>
    g.rules.flatMap((rule) => (rule.events ?? []).map((e) => e.contact)),
  );
  return { record: r.id, contacts: [...new Set(contacts.filter((c) => c !== undefined))] };
}

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

/**
 * @param {NonNullable<import("./types.js").RuleResult["events"]>} events
 * @param {RecordNames} contactNames
 */
function eventsTable(events, contactNames) {
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
          h("td", {}, e.contact === undefined ? "—" : recordName(e.contact, contactNames)),
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
 * @param {RecordNames} contactNames
 */
function groupBlock(group, definitionGroup, contactNames) {
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
            r.events?.length
              ? h("tr", {}, h("td", { colspan: 3 }, eventsTable(r.events, contactNames)))
              : null,
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
 * @param {TestNames} [names]
 */
export function renderTestResult(container, response, definition, names = NO_NAMES) {
  const r = response.result;
  const facts = resultFacts(r);
  fill(
    container,
    h(
      "h3",
      { "data-testid": "tested-record" },
      recordName(r.id, names.record),
      " ",
      h("small", { class: "hint" }, `#${r.id}`),
    ),
    h(
      "dl",
      { class: "facts", "data-testid": "test-facts" },
      facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))]),
    ),
    r.limitHit && h("p", {}, "The score's limits clamped it."),
    (response.warnings ?? []).map((w) =>
      h("p", { class: "warning" }, typeof w === "string" ? w : (w.message ?? JSON.stringify(w))),
    ),
    r.groups.map((g, i) => groupBlock(g, definition.groups[i], names.contacts)),
  );
}
