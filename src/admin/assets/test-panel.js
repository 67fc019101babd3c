import { fill, formatDate, h } from "./dom.js";

// "Test a record": the score and its breakdown down to each event, with decay (SCORING.md §Result).

function describeRule(rule) {
  if ("event" in rule) {
    const where = (rule.where ?? []).map(
      (c) => `${c.property} ${c.operator} ${c.values?.join(", ") ?? c.value ?? ""}`,
    );
    return `${rule.event}${where.length ? ` where ${where.join(" and ")}` : ""}`;
  }
  return `${rule.property} ${rule.operator} ${rule.values?.join(", ") ?? rule.value ?? ""}`;
}

const num = (v) => (v === null || v === undefined ? "—" : String(v));

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

export function renderTestResult(container, response, definition) {
  const r = response.result;
  const facts = [
    ["Score", r.score === null ? "out of scope" : r.score],
    ["Threshold", r.threshold ?? "—"],
    ...("engagement" in r
      ? [
          ["Engagement part", num(r.engagement)],
          ["Fit part", num(r.fit)],
        ]
      : []),
    ["Next change", r.nextChangeAt ? formatDate(r.nextChangeAt) : "none without new data"],
  ];
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
