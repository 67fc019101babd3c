import { z } from "zod";
import { readSuggestion, startSuggestion } from "../../app/suggest/start-suggestion.js";
import type { SuggestDeps } from "../../app/suggest/suggest-deps.js";
import { defineRoute, RouteReply } from "./define-route.js";
import { jobResponse } from "./job-response-schema.js";
import { portalParams, scoreParams } from "./request-schemas.js";
import { suggestBody, suggestionResponse } from "./suggestion-schemas.js";

/** Suggested scores (docs/decisions.md §Suggested scores from HubSpot): start one, read its evidence. */
export const suggestRoutes = [
  defineRoute({
    method: "post",
    path: "/portals/:portalId/scores/suggest",
    description:
      "Suggests a draft score from the portal's own conversions from lifecycle stage `from` to `to` within `withinDays`: a job (kind suggest) whose result is the draft's scoreId and the evidence",
    request: { params: portalParams, body: suggestBody },
    status: 202,
    response: z.object({ job: jobResponse }),
    async handle(deps: SuggestDeps, { params, body, principal }) {
      const job = await startSuggestion(deps, params.portalId, body, principal.name);
      return new RouteReply(202, { job });
    },
  }),
  defineRoute({
    method: "get",
    path: "/portals/:portalId/scores/:scoreId/suggestion",
    description:
      "What a suggested draft was suggested from: the request, its job, when, and the evidence (404 when the score was not suggested)",
    request: { params: scoreParams },
    response: suggestionResponse,
    async handle(deps: SuggestDeps, { params }) {
      const { createdAtMs, ...suggestion } = await readSuggestion(deps, params.portalId, params.scoreId);
      return { ...suggestion, createdAt: new Date(createdAtMs).toISOString() };
    },
  }),
];
