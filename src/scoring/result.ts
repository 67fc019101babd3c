// The Result format of docs/scoring.md §Result: the public contract of the engine.

/** An event that contributed to a rule, shown with --explain (points before and after decay). */
export type ExplainedEvent = {
  type: string;
  occurredAt: string;
  /** The associated contact whose event this is (company and deal scores). */
  contact?: string;
  points: number;
  afterDecay: number;
};

export type RuleResult = {
  index: number;
  value: number;
  matches: number;
  /** Company and deal engagement rules: how many associated contacts met the rule's criteria. */
  contacts?: number;
  /** Present (true) when the rule's cap clamped its value. */
  capHit?: true;
  events?: ExplainedEvent[];
};

export type GroupResult = {
  name: string;
  value: number;
  /** Present (true) when the group's limit clamped its value. */
  limitHit?: true;
  rules: RuleResult[];
};

export type ScoreResult = {
  id: string;
  /** null when the record is out of the score's scope (docs/scoring.md §Scopes). */
  score: number | null;
  /** Combined scores only: the parts, not clamped by the limits. */
  engagement?: number | null;
  fit?: number | null;
  threshold: string | null;
  /** Present (true) when limits.min/max clamped the score. */
  limitHit?: true;
  groups: GroupResult[];
  /** The earliest future instant (ISO) at which the result changes with no new data, or null. */
  nextChangeAt: string | null;
};
