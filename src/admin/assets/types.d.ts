// Types of the admin page's scripts, for their JSDoc (tsconfig.admin.json). Type-only: no script loads
// this file. The answers of the admin API are the server's own types where a pure module holds them;
// the definition the builder edits is looser than docs/scoring.md §Score definition, because the
// form holds it half-typed (an empty name, a rule without points) until the API checks it on save.

import type { StoredSuggestion, SuggestionRequest } from "../../ports/suggestion-store.js";
import type { Operator } from "../../scoring/condition-schema.js";
import type { ScoreResult } from "../../scoring/result.js";
import type { DistributionSummary } from "../../scoring/summarize-distribution.js";
import type { SuggestionEvidence } from "../../suggest/suggestion.js";

export type { Job } from "../../ports/job-store.js";
export type { HistoryEntry, HistoryReason } from "../../ports/record-store.js";
export type { ScoreRevision } from "../../ports/score-store.js";
/** A problem of a definition as the API reports it, with its field path ("groups[1].rules[0].points"). */
export type { FieldProblem } from "../../scoring/format-issues.js";
export type { GroupResult, RuleResult, ScoreResult } from "../../scoring/result.js";
export type { RuleEvidence, SuggestionEvidence } from "../../suggest/suggestion.js";
export type { DistributionSummary, Operator };

/** The body of POST /scores/suggest (docs/scoring.md §Suggested scores). */
export type SuggestRequest = SuggestionRequest;
/** GET /scores/:id/suggestion: what was asked, by which job, and the evidence, its time as ISO. */
export type Suggestion = Omit<StoredSuggestion, "createdAtMs"> & { createdAt: string };
/** A suggest job's result once done. */
export type SuggestJobResult = { scoreId: string; evidence: SuggestionEvidence };

export type ObjectType = "contacts" | "companies" | "deals";
export type ScoreType = "engagement" | "fit" | "combined";
export type GroupKind = "engagement" | "fit";
export type Scalar = string | number | boolean;

/** A property condition; a range's ends stay empty (undefined) until typed. */
export type DraftCondition = {
  property: string;
  operator: Operator;
  value?: Scalar;
  values?: (Scalar | undefined)[];
};

export type DraftTimeframe =
  | { within: { amount?: number; unit: "days" | "weeks" | "months" | "years" } }
  | { before: Scalar }
  | { after: Scalar }
  | { between: [Scalar, Scalar] };

export type DraftFrequency =
  | { exactly?: number }
  | { atLeast?: number }
  | { atMost?: number }
  | { between: [number | undefined, number | undefined] };

type Points = { points?: number; pointsByValue?: Record<string, number> };

export type DraftEventRule = Points & {
  event: string;
  where?: DraftCondition[];
  timeframe?: DraftTimeframe;
  frequency?: DraftFrequency;
  cap?: number;
};

export type AssociationTarget = { association: ObjectType; labels?: string[] };
export type DraftPropertyRule = Points & DraftCondition & { of?: "self" | AssociationTarget };
export type DraftRule = DraftEventRule | DraftPropertyRule;

export type DraftDecay = { percent?: number; everyMonths?: number; everyDays?: number };

type GroupBase = { name: string; limit?: number; rules: DraftRule[] };
/** A fit group has no decay; the API reports one given to it (docs/scoring.md §Decay). */
export type DraftGroup =
  | (GroupBase & { kind: "engagement"; decay?: DraftDecay })
  | (GroupBase & { kind: "fit"; decay?: unknown });

export type DraftLevels = { high?: number; medium?: number };
export type DraftTier = { label: string; from?: number; color?: string };
export type DraftThresholds = DraftLevels & {
  fit?: DraftLevels;
  engagement?: DraftLevels;
  tiers?: DraftTier[];
};

export type DraftDefinition = {
  id?: string;
  name?: string;
  status?: "draft" | "enabled" | "disabled";
  object: ObjectType;
  type: ScoreType;
  limits?: { min?: number; max?: number };
  records?: { mode: "all" | "lists"; include?: string[]; exclude?: string[] };
  thresholds?: DraftThresholds;
  property: { name: string; label?: string; description?: string };
  association?: {
    labels?: string[];
    where?: DraftCondition[];
    aggregation?: "sum" | "avg" | "min" | "max";
  };
  groups: DraftGroup[];
};

/** One of GET /properties/:objectType (the pickers' catalog, docs/decisions.md §Builder pickers). */
export type PickerProperty = {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  group: string;
  options: { value: string; label: string }[];
};
/** One of GET /event-types/:objectType. */
export type PickerEventType = {
  type: string;
  label: string;
  source: string;
  available: boolean;
  reason?: string;
  properties: PickerProperty[];
};
/** One of GET /lists. */
export type PickerList = { id: string; name: string; objectType: string; size: number | null };

/** A picker's catalog: asked and not answered yet, answered, failed, or none to ask (free text). */
export type CatalogState<T> =
  | { status: "loading" }
  | { status: "ready"; data: T }
  | { status: "failed"; message: string }
  | { status: "none" };

/** The portal's catalogs (picker-catalog.js); each is asked the first time it is read. */
export type Pickers = {
  scoredObject(): ObjectType;
  properties(objectType: string): CatalogState<PickerProperty[]>;
  eventTypes(): CatalogState<PickerEventType[]>;
  /** The lists of an object: the scored object's when none is named. */
  lists(objectType?: ObjectType): CatalogState<PickerList[]>;
};

/**
 * One choice of a picker: the internal value saved, the label shown, a hint beside it; `unavailable`
 * shows it greyed, still pickable (an event type whose events do not reach the app).
 */
export type PickOption = { value: string; label: string; hint?: string; unavailable?: boolean };

/** Labels the catalogs give, for the rules' one-line summaries (rule-summary.js); undefined: not known. */
export type CatalogNames = {
  property?(name: string): string | undefined;
  value?(condition: DraftCondition, value: string): string | undefined;
  event?(type: string): string | undefined;
};

/** Whose properties a condition names: an object's ("self": the scored one), or an event type's. */
export type PropertySource = { object: ObjectType | "self" } | { event: string };

/** What the form's parts see of the editor (builder-editor.js). */
export type FormContext = {
  readonly isSaved: boolean;
  /** The portal's catalogs for the pickers; absent where no portal is at hand (free text). */
  readonly pickers?: Pickers;
  /** A value changed: the JSON view follows and the score counts as unsaved. */
  changed(): void;
  /**
   * The shape changed (a select, a checkbox, a button): the form is rebuilt, focus going to the
   * control `focusKey` names. Never called for typed text, whose field must stay the one typed in.
   */
  rerender(focusKey: string): void;
  /** Folding or unfolding (view): the form is drawn again, the definition is unchanged. */
  redraw(focusKey: string): void;
  /** What is folded and unfolded in the builder (not part of the definition). */
  readonly view: BuilderView;
  /**
   * A part drawn from the definition that follows every edit in place (a summary, a warning, a
   * derived id): run now and after each changed(), until the next render.
   */
  live(refresh: () => void): void;
  /**
   * A suggested score's evidence for the rule at a path ("groups[0].rules[1]"), or that it was edited
   * since (rule-evidence.js); absent when the score was not suggested.
   */
  readonly ruleEvidence?: (path: string) => import("./rule-evidence.js").RuleEvidenceState;
};

/**
 * What the builder shows unfolded, by object identity so it survives a clone or a deletion before it:
 * one rule open for editing at a time, and the groups folded to their heading.
 */
export type BuilderView = { openRule: DraftRule | null; closedGroups: WeakSet<DraftGroup> };

/**
 * What h() and s() append (dom.js): nodes, text, and nested lists of them; null, undefined and false
 * are skipped so a part can be written `condition && h(...)`.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes of h() (dom.js): `on*` listeners, `class`, `for`, `value`, `checked`, `dataset`, others. */
export type Attrs = {
  [key: `on${string}`]: ((event: Event) => void) | undefined;
  dataset?: Record<string, string | undefined>;
  [key: string]: unknown;
};

/** A call of the admin API under /api/portals/:portalId (api.js). */
export type PortalCall = (method: string, path: string, body?: unknown) => Promise<unknown>;

/** POST /scores/:id/test. */
export type TestResponse = {
  result: ScoreResult;
  warnings?: (string | { message?: string })[];
};

/** POST /scores/:id/preview. */
export type PreviewResponse = {
  sampled: number;
  skipped?: unknown[];
  /** Rules on event types the portal cannot supply, and what the read met (docs/decisions.md §Sources status). */
  warnings?: { message?: string }[];
  distribution: DistributionSummary;
  impact?: {
    compared: number;
    moved: number;
    byChange: Record<string, number>;
    moves: {
      id: string;
      from: string | null;
      to: string | null;
      scoreFrom: number | null;
      scoreTo: number | null;
    }[];
  };
};

/** One entry of GET /parked. */
export type ParkedEvent = {
  subscriptionType: string;
  objectType: string;
  objectId: string | number;
  occurredAt: string;
  parkedAt: string;
  attempts: number;
  error: string | null;
};

/** One record of GET /records/:objectType/names. */
export type NamedRecord = { id: string; name: string; label: string };

/** One match of GET /records/:objectType/search. */
export type FoundRecord = { id: string; label: string };

/** One row of GET /api/portals/:portalId/sources (src/app/sources/source-statuses.ts). */
export type SourceStatusRow = {
  eventType: string;
  source: string;
  status: "available" | "missing_scope" | "needs_enterprise" | "failing";
  detail: string;
};
