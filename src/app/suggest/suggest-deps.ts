import type { SuggestionRequest, SuggestionStore } from "../../ports/suggestion-store.js";
import type { SuggestInput, SuggestResult } from "../../suggest/suggestion.js";
import type { JobHandlerDeps, ScoresDeps } from "../scores/scores-deps.js";

/** The suggestion core (src/suggest/): labelled records in, a draft with its evidence out. */
export type SuggestScore = (input: SuggestInput) => SuggestResult;

/** What the suggest job needs: the score use cases' dependencies, the suggestion store and the core. */
export type SuggestJobDeps = JobHandlerDeps & { suggestions: SuggestionStore; suggestScore: SuggestScore };

/** What starting a suggestion and reading one back need (the admin API). */
export type SuggestDeps = Pick<ScoresDeps, "scores" | "installations" | "crmFor" | "startJob" | "logger"> & {
  suggestions: SuggestionStore;
};

/** What a suggest job carries from its start (Job.input). */
export type SuggestJobInput = {
  request: SuggestionRequest;
  /** Who asked: the draft is saved by them. */
  author: string;
  naming: { id: string; name: string; propertyName: string };
};
