import type { ScoreDefinition } from "../scoring/index.js";

// A candidate is one rule of docs/scoring.md that a feature stands for (docs/scoring.md §Suggested scores):
// the model weighs its value, and a kept candidate becomes a draft rule with points. Candidates of one
// family are steps or values of one thing (one property, one event count).

type Group = ScoreDefinition["groups"][number];
export type EventRule = Extract<Group, { kind: "engagement" }>["rules"][number];
export type PropertyRule = Extract<Group, { kind: "fit" }>["rules"][number];

export type Candidate = {
  family: string;
  /** The feature in words, e.g. "jobtitle is CTO" or "form_submission where form_name is Demo, at least 2 within 30 days". */
  feature: string;
  /** The rule without points; the draft adds them. */
  rule: EventRule | PropertyRule;
};

/** At least this many training records must have a feature, and as many lack it, for it to be weighed. */
export function minimumSupport(trainingRecords: number): number {
  return Math.max(10, Math.ceil(trainingRecords * 0.02));
}
