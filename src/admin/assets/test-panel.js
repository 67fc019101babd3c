import { fill, formatDate, h } from "./dom.js";
import { recordName } from "./record-names.js";
import { namedRuleSummary } from "./rule-summary.js";

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
 * HubSpot's labels for a rule's names, from the builder's catalogs (picker-catalog.js catalogNames).
 * @typedef {(source: import("./types.js").PropertySource) => import("./types.js").CatalogNames} RuleNames
 */
/** @type {RuleNames} */
const NO_LABELS = () => ({});

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

const plural = (/** @type {number} */ n, /** @type {string} */ noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** How an aggregated rule's value comes from its contacts' (docs/scoring.md §Companies and deals). */
const AGGREGATED = { avg: "the average", min: "the lowest", max: "the highest" };

/**
 * The Matches cell: how many events matched (over how many contacts), and why fewer events are listed
 * than matched. A frequency rule gives its points once, for the latest match, and none when the count
 * misses (docs/scoring.md §Frequency); a company or deal rule's value may be one contact's, or an
 * average, rather than the sum of the events listed (docs/scoring.md §Companies and deals).
 * @param {import("./types.js").RuleResult} result
 * @param {import("./types.js").DraftRule | undefined} rule
 * @param {import("./types.js").DraftDefinition["association"]} [association]
 */
export function matchesText(result, rule, association) {
  const perContact = result.contacts !== undefined;
  const notes = [`${result.matches}${perContact ? ` (${plural(result.contacts ?? 0, "contact")})` : ""}`];
  const listed = result.events?.length;
  if (listed !== undefined && listed < result.matches && rule && "event" in rule && rule.frequency)
    notes.push(
      listed === 0
        ? "frequency not met: no points"
        : perContact
          ? "points once per contact meeting the frequency, for its latest match"
          : "points once, for the latest match",
    );
  const aggregation = association?.aggregation;
  if (perContact && result.contacts && aggregation && aggregation !== "sum")
    notes.push(`value is ${AGGREGATED[aggregation]} of the contacts'`);
  return notes.join("; ");
}

/**
 * The Value cell, with the cap that clamped it (docs/scoring.md §Cap).
 * @param {import("./types.js").RuleResult} result
 * @param {import("./types.js").DraftRule | undefined} rule
 */
export function valueText(result, rule) {
  if (!result.capHit) return String(result.value);
  const cap = rule && "cap" in rule ? rule.cap : undefined;
  return `${result.value} (${cap === undefined ? "cap" : `cap of ${cap}`} reached)`;
}

/**
 * The events table's columns: a contact score's events are all its own, so only a company or deal score
 * (its associated contacts' events) names each event's contact.
 * @param {boolean} perContact
 */
export const eventColumns = (perContact) => [
  "Event",
  "When",
  ...(perContact ? ["Contact"] : []),
  "Points",
  "After decay",
];

/**
 * An event's type by the label the event type picker shows ("Call"), its internal name until loaded.
 * @param {string} type
 * @param {RuleNames} [ruleNames]
 */
export const eventLabel = (type, ruleNames = NO_LABELS) => ruleNames({ event: type }).event?.(type) ?? type;

/**
 * @param {NonNullable<import("./types.js").RuleResult["events"]>} events
 * @param {RecordNames} contactNames
 * @param {boolean} perContact
 * @param {RuleNames} ruleNames
 */
function eventsTable(events, contactNames, perContact, ruleNames) {
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
        eventColumns(perContact).map((c) => h("th", { scope: "col" }, c)),
      ),
    ),
    h(
      "tbody",
      {},
      events.map((e) =>
        h(
          "tr",
          {},
          h("td", {}, eventLabel(e.type, ruleNames)),
          h("td", {}, formatDate(e.occurredAt)),
          perContact && h("td", {}, e.contact === undefined ? "—" : recordName(e.contact, contactNames)),
          h("td", {}, num(e.points)),
          h("td", {}, num(e.afterDecay)),
        ),
      ),
    ),
  );
}

/**
 * A rule's line: the builder's folded summary with HubSpot's labels where the catalogs are loaded
 * (rule-summary.js namedRuleSummary), so the panel and the builder name a rule alike.
 * @param {import("./types.js").DraftRule | undefined} rule
 * @param {number} index
 * @param {RuleNames} [ruleNames]
 */
export const ruleLine = (rule, index, ruleNames = NO_LABELS) =>
  rule ? namedRuleSummary(rule, ruleNames) : `rule ${index + 1}`;

/**
 * @param {import("./types.js").GroupResult} group
 * @param {import("./types.js").DraftGroup | undefined} definitionGroup
 * @param {{contacts: RecordNames, ruleNames: RuleNames, association: import("./types.js").DraftDefinition["association"]}} seen
 */
function groupBlock(group, definitionGroup, seen) {
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
              h("td", {}, ruleLine(rule, r.index, seen.ruleNames)),
              h("td", {}, matchesText(r, rule, seen.association)),
              h("td", {}, valueText(r, rule)),
            ),
            r.events?.length
              ? h(
                  "tr",
                  {},
                  h(
                    "td",
                    { colspan: 3 },
                    eventsTable(r.events, seen.contacts, r.contacts !== undefined, seen.ruleNames),
                  ),
                )
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
 * @param {RuleNames} [ruleNames] HubSpot's labels for the rules' names, from the builder's catalogs
 */
export function renderTestResult(container, response, definition, names = NO_NAMES, ruleNames = NO_LABELS) {
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
    r.groups.map((g, i) =>
      groupBlock(g, definition.groups[i], {
        contacts: names.contacts,
        ruleNames,
        association: definition.association,
      }),
    ),
  );
}
