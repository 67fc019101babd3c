import type { RecordSnapshot, ScoreDefinition } from "../scoring/index.js";

// What a suggested score is made from and what it answers (docs/scoring.md §Suggested scores): labelled
// records in, a draft definition with its evidence out. The same shapes serve the admin job and the
// offline `lead-score suggest`.

export type SuggestType = "engagement" | "fit";

/** How a property's values become features: by value, in quantile bins, or by its frequent values. */
export type PropertyKind = "enumeration" | "bool" | "number" | "text" | "date";

/** One labelled record: did it reach the end stage in time, judged from its decision instant. */
export type Outcome = {
  id: string;
  converted: boolean;
  /** The decision instant (ms): when the record reached the start stage. Only what was known then counts. */
  atMs: number;
};

/** What the portal says a property is: its kind, its label and its options' labels. */
export type PropertyDescription = {
  kind: PropertyKind;
  label?: string;
  options?: { value: string; label: string }[];
};

export type SuggestInput = {
  object: "contacts" | "companies";
  type: SuggestType;
  /** Snapshots of the labelled records (others are ignored), properties as of the decision instant where known. */
  records: readonly RecordSnapshot[];
  outcomes: readonly Outcome[];
  /** Fixes the 70/30 split (and anything else random): the same input and seed give the same draft. */
  seed: number;
  /**
   * What the portal says each property is, where known (the app reads HubSpot's property definitions);
   * properties not named here are judged from their values (the offline CLI). Labels name features in words.
   */
  properties?: Record<string, PropertyDescription>;
  /**
   * The same for the properties of associated companies (contacts only), which are described apart: a
   * company's `industry` is not the contact's. When absent, `properties` describes them too.
   */
  companyProperties?: Record<string, PropertyDescription>;
  /** The draft's id, name and property name; derived from the type and object when absent. */
  naming?: { id: string; name: string; propertyName: string };
};

/** Conversion among some records: how many, how many converted, the rate (null when none). */
export type Conversion = { records: number; converted: number; rate: number | null };

/** Why one suggested rule is there: the records that have its feature, and how they converted. */
export type RuleEvidence = {
  /** Position of the rule in the draft. */
  group: number;
  rule: number;
  /** The feature in words, e.g. "form_submission where form_name is Demo request, within 30 days". */
  feature: string;
  points: number;
  /** The model's weight of the feature (standardised), for readers who want it. */
  coefficient: number;
  /** Training and holdout records together. */
  withFeature: Conversion;
  withoutFeature: Conversion;
};

export type SuggestionEvidence = {
  metrics: {
    /** Area under the ROC curve of the draft's score on the holdout. */
    auc: number;
    labelled: number;
    converted: number;
    notConverted: number;
    training: number;
    holdout: number;
    /** Records given to the suggestion that could not be used (no snapshot, no outcome), by reason. */
    leftOut: Record<string, number>;
    /** The earliest and latest decision instants among the labelled records (ISO). */
    from: string;
    until: string;
    seed: number;
  };
  rules: RuleEvidence[];
  /** Holdout conversion per threshold tier of the draft, best tier first. */
  tiers: (Conversion & { tier: string })[];
  /** Holdout conversion per score decile, decile 1 the top tenth. */
  lift: (Conversion & { decile: number })[];
  /** Features the model weighed but the draft leaves out, and why (weak, did not hold up on the holdout...). */
  dropped: { feature: string; reason: string }[];
};

export type SuggestResult =
  | { ok: true; definition: ScoreDefinition; evidence: SuggestionEvidence }
  | { ok: false; counts: { labelled: number; converted: number; notConverted: number }; message: string };
