import type { SuggestionEvidence } from "../suggest/suggestion.js";

// Where a suggested score's evidence is kept beside its draft (docs/decisions.md §Suggested scores from
// HubSpot): what was asked, by which job, when, and what the suggestion found. Deleted with the score and
// with the portal.

/** What a person asked to be suggested (POST /scores/suggest). */
export type SuggestionRequest = {
  object: "contacts" | "companies";
  type: "engagement" | "fit";
  from: string;
  to: string;
  withinDays: number;
};

export type StoredSuggestion = {
  request: SuggestionRequest;
  jobId: string;
  createdAtMs: number;
  evidence: SuggestionEvidence;
};

export interface SuggestionStore {
  get(portalId: number, scoreId: string): Promise<StoredSuggestion | undefined>;
  save(portalId: number, scoreId: string, suggestion: StoredSuggestion): Promise<void>;
  /** True when there was one to delete. */
  delete(portalId: number, scoreId: string): Promise<boolean>;
  deletePortal(portalId: number): Promise<void>;
}
