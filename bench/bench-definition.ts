import type { ScoreDefinitionInput } from "../src/scoring/index.js";

// The benchmark's score (docs/decisions.md §Benchmarks): 20 event rules with where-filters, timeframes,
// caps, frequencies and decay, plus 3 fit rules, as a combined contact score.

const rule = (event: string, extra: Record<string, unknown>) => ({ event, ...extra });
const where = (property: string, operator: string, values: unknown[]) => ({ property, operator, values });

export const benchDefinition: ScoreDefinitionInput = {
  id: "bench-lead",
  name: "Benchmark lead score",
  object: "contacts",
  type: "combined",
  limits: { max: 100, min: -50 },
  records: { mode: "all", exclude: ["99"] },
  thresholds: { fit: { high: 25, medium: 10 }, engagement: { high: 40, medium: 15 } },
  property: { name: "ls_bench_lead" },
  groups: [
    {
      name: "Sales",
      kind: "engagement",
      limit: 60,
      decay: { percent: 25, everyMonths: 3 },
      rules: [
        rule("meeting", { where: [where("hs_meeting_outcome", "in", ["COMPLETED"])], points: 20, cap: 40 }),
        rule("meeting", {
          where: [where("hs_meeting_outcome", "in", ["SCHEDULED"])],
          points: 10,
          timeframe: { within: { amount: 90, unit: "days" } },
        }),
        rule("call", {
          where: [
            where("hs_call_disposition", "in", ["connected"]),
            { property: "hs_call_duration", operator: "gte", value: 60000 },
          ],
          points: 8,
          cap: 24,
        }),
        rule("email", { points: 2, timeframe: { within: { amount: 60, unit: "days" } }, cap: 10 }),
        rule("note", { points: 1, cap: 5 }),
        rule("task", { points: 3, frequency: { atLeast: 3 } }),
        rule("meeting", { points: 5, frequency: { between: [2, 5] } }),
      ],
    },
    {
      name: "Marketing",
      kind: "engagement",
      limit: 40,
      decay: { percent: 50, everyDays: 45 },
      rules: [
        rule("form_submission", {
          where: [where("form_name", "in", ["Contact us", "Demo request", "Newsletter"])],
          pointsByValue: { "Contact us": 10, "Demo request": 15, Newsletter: 2 },
          cap: 30,
        }),
        rule("form_submission", {
          where: [where("page_url", "containsAny", ["/pricing", "/demo"])],
          points: 5,
          timeframe: { after: "2025-06-01" },
        }),
        rule("page_view", {
          where: [where("url", "containsAny", ["/pricing"])],
          points: 3,
          timeframe: { within: { amount: 30, unit: "days" } },
          cap: 15,
        }),
        rule("page_view", { where: [where("url", "containsAny", ["/careers"])], points: -5, cap: 10 }),
        rule("page_view", { where: [where("url", "containsAny", ["/blog/"])], points: 0.5, cap: 5 }),
        rule("page_view", {
          where: [where("title", "containsAny", ["Case study"])],
          points: 2,
          timeframe: { between: ["2025-01-01", "2026-12-31"] },
        }),
        rule("marketing_email_open", {
          points: 1,
          timeframe: { within: { amount: 90, unit: "days" } },
          cap: 10,
        }),
        rule("marketing_email_click", {
          where: [where("campaign", "containsAny", ["Launch", "Webinar"])],
          points: 4,
          cap: 20,
        }),
        rule("marketing_email_click", { where: [where("url", "containsAny", ["unsubscribe"])], points: -10 }),
        rule("cta_click", { points: 3, timeframe: { within: { amount: 6, unit: "months" } }, cap: 12 }),
      ],
    },
    {
      name: "Recent intent",
      kind: "engagement",
      rules: [
        rule("page_view", {
          where: [where("url", "containsAny", ["/pricing", "/demo"])],
          points: 5,
          frequency: { atLeast: 3 },
          timeframe: { within: { amount: 2, unit: "weeks" } },
        }),
        rule("form_submission", { points: 2, timeframe: { before: "2025-01-01" }, cap: 4 }),
        rule("webinar_attended", { points: 6, cap: 12 }),
      ],
    },
    {
      name: "Fit",
      kind: "fit",
      rules: [
        {
          property: "jobtitle",
          operator: "containsAny",
          values: ["CEO", "CTO", "VP", "Director", "Head"],
          points: 15,
        },
        { property: "numberofemployees", operator: "between", values: [50, 5000], points: 10 },
        {
          property: "state",
          operator: "in",
          values: ["Northeast", "Midwest", "West"],
          pointsByValue: { Northeast: 5, Midwest: 3, West: 4 },
        },
      ],
    },
  ],
};
