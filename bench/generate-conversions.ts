import { createPrng, pick } from "./prng.js";

// Labelled records from a known logistic process (docs/scoring.md §Suggested scores): a few property
// values and event counts raise or lower the log-odds of converting; noise properties and events do not;
// leaky properties (lifecycle stage, its dates, an old score) and events after the decision instant give
// the label away and must be ignored. The quality tests and `npm run bench` share it.

export type ConversionProcess = "fit" | "engagement";
export type GeneratedOutcome = { id: string; converted: boolean; at: string };
export type GeneratedRecords = {
  snapshots: Record<string, unknown>[];
  outcomes: GeneratedOutcome[];
  /** The true log-odds of each record, the best any model can rank by. */
  logOdds: number[];
};

const dayMs = 86_400_000;
const firstDecisionMs = Date.parse("2026-01-01T00:00:00Z");
const industryEffect: Record<string, number> = {
  Software: 1.2,
  Finance: 0.6,
  Retail: -0.7,
  Health: 0,
  Education: 0,
};
const seniorityEffect: Record<string, number> = {
  VP: 1,
  Director: 0.6,
  Manager: 0,
  Engineer: 0,
  Student: -1.1,
};
/** Job titles spread over many values: a senior word (VP, Head, Chief) raises the odds, none frequent alone. */
export const seniorTitles = [
  "VP Sales",
  "VP of Marketing",
  "VP Engineering",
  "Head of Sales",
  "Head of Product",
  "Chief Executive Officer",
  "Chief Technology Officer",
];
export const otherTitles = [
  "Sales Manager",
  "Marketing Manager",
  "Product Manager",
  "Software Engineer",
  "Account Executive",
  "Data Analyst",
  "Sales Representative",
  "Consultant",
  "Office Manager",
];
const seniorTitleEffect = 0.9;
/** The process's planted signals, as the property names and event kinds a draft should read. */
export const plantedSignals = {
  fit: ["industry", "seniority", "numberofemployees", "jobtitle"],
  engagement: ["Demo request", "/pricing", "meeting"],
};
/** Noise: never in the process. */
export const noiseSignals = {
  fit: ["favorite_color", "shoe_size", "newsletter_opt_in", "city"],
  engagement: ["Newsletter", "/blog", "marketing_email_open"],
};

export function generateConversions(options: {
  records: number;
  seed: number;
  process: ConversionProcess;
  firstId?: number;
  /** One decision instant for every record (to score them all with one `--now`); default: spread over 2026. */
  decisionAt?: string;
}): GeneratedRecords {
  const random = createPrng(options.seed);
  const poisson = (mean: number) => {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  };
  const out: GeneratedRecords = { snapshots: [], outcomes: [], logOdds: [] };
  for (let n = 0; n < options.records; n++) {
    const id = String((options.firstId ?? 1) + n);
    const spreadMs = firstDecisionMs + Math.floor(random() * 270) * dayMs + Math.floor(random() * dayMs);
    const atMs = options.decisionAt === undefined ? spreadMs : Date.parse(options.decisionAt);
    const before = (maxDays: number) => new Date(atMs - random() * maxDays * dayMs).toISOString();
    const properties: Record<string, unknown> = {
      favorite_color: pick(random, ["Red", "Green", "Blue", "Yellow"]),
      shoe_size: 35 + Math.floor(random() * 12),
      newsletter_opt_in: random() < 0.5,
      city: pick(random, ["Oslo", "Lyon", "Porto", "Gent", "Cork", "Graz", "Turku", "Malmo"]),
      email: `person${id}@example.com`,
      firstname: `Name${Math.floor(random() * 1e6)}`,
    };
    const events: Record<string, unknown>[] = [];
    const add = (count: number, type: string, maxDays: number, props: Record<string, unknown> = {}) => {
      for (let k = 0; k < count; k++) events.push({ type, occurredAt: before(maxDays), properties: props });
    };
    let logOdds: number;
    if (options.process === "fit") {
      const industry = pick(random, Object.keys(industryEffect));
      const seniority = pick(random, Object.keys(seniorityEffect));
      const employees = Math.floor(10 ** (1 + 3 * random()));
      Object.assign(properties, { industry, seniority, numberofemployees: String(employees) });
      logOdds =
        -2.3 +
        (industryEffect[industry] ?? 0) +
        (seniorityEffect[seniority] ?? 0) +
        0.7 * Math.log10(employees);
      const jobtitle = pick(random, [...seniorTitles, ...otherTitles]);
      properties.jobtitle = jobtitle;
      if (seniorTitles.includes(jobtitle)) logOdds += seniorTitleEffect;
      add(poisson(2), "page_view", 60, { path: "/pricing" });
    } else {
      const demos = poisson(0.5);
      const pricing = poisson(1.5);
      const meetings = poisson(0.4);
      add(demos, "form_submission", 30, { form_name: "Demo request" });
      add(pricing, "page_view", 30, { path: "/pricing" });
      add(meetings, "meeting", 90, { hs_meeting_outcome: "COMPLETED" });
      add(poisson(1), "form_submission", 90, { form_name: "Newsletter" });
      add(poisson(3), "page_view", 90, { path: "/blog" });
      add(poisson(2), "marketing_email_open", 90, { campaign_name: "Autumn" });
      // Older than every window: counts nowhere.
      add(poisson(2), "page_view", 400, { path: "/pricing" });
      logOdds = -1.9 + 0.9 * demos + 0.35 * pricing + 1 * meetings;
      Object.assign(properties, { industry: pick(random, Object.keys(industryEffect)) });
    }
    const converted = random() < 1 / (1 + Math.exp(-logOdds));
    // Leaks: known only after the decision instant, or the label itself.
    properties.lifecyclestage = converted ? "salesqualifiedlead" : "marketingqualifiedlead";
    if (converted)
      properties.hs_v2_date_entered_salesqualifiedlead = new Date(atMs + 5 * dayMs).toISOString();
    properties.ls_old_score = converted ? 80 + Math.floor(random() * 20) : Math.floor(random() * 40);
    properties.ls_old_score_threshold = converted ? "high" : "low";
    if (converted)
      events.push({ type: "meeting", occurredAt: new Date(atMs + 2 * dayMs).toISOString(), properties: {} });
    out.snapshots.push({ id, object: "contacts", properties, events });
    out.outcomes.push({ id, converted, at: new Date(atMs).toISOString() });
    out.logOdds.push(logOdds);
  }
  return out;
}
