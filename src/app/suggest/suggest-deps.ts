import type { SuggestionRequest, SuggestionStore } from "../../ports/suggestion-store.js";
import type { JobHandlerDeps, ScoresDeps } from "../scores/scores-deps.js";

/** What the suggest job needs: the score use cases' dependencies and the suggestion store. */
export type SuggestJobDeps = JobHandlerDeps & { suggestions: SuggestionStore };

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
  /** The stages' labels ("Marketing Qualified Lead"), so the job's messages say them in words. */
  stages?: { from: string; to: string };
};
