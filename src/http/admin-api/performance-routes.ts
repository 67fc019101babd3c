import { z } from "zod";
import { type PerformanceDeps, scorePerformance } from "../../app/performance/score-performance.js";
import { defineRoute, FileReply, RouteReply } from "./define-route.js";
import { renderPerformanceCsv } from "./render-performance-csv.js";
import { performanceQuery, scoreParams } from "./request-schemas.js";

const rate = z.number().min(0).max(1).nullable();

/** The performance answer (src/app/performance/build-score-performance.ts). */
const performanceResponse = z.object({
  tiers: z.array(
    z.object({ tier: z.string(), records: z.number().int(), converted: z.number().int(), rate }),
  ),
  overTime: z.array(z.object({ date: z.string(), counts: z.record(z.string(), z.number().int()) })),
  lift: z.array(
    z.object({ decile: z.number().int(), records: z.number().int(), converted: z.number().int(), rate }),
  ),
  from: z.string(),
  until: z.string(),
});

/** GET /api/portals/:portalId/scores/:scoreId/performance — does the score predict a lifecycle stage? */
export const performanceRoutes = [
  defineRoute({
    method: "get",
    path: "/portals/:portalId/scores/:scoreId/performance",
    description:
      "The score's tiers day by day, and how many records of each tier and each score decile reached lifecycle stage `to` within `withinDays` (JSON, or CSV with format=csv); 202 with the job while the score's first snapshot is built (GET /jobs/:jobId), then ask again",
    request: { params: scoreParams, query: performanceQuery },
    response: performanceResponse,
    async handle(deps: PerformanceDeps, { params, query }) {
      const { format, ...asked } = query;
      const answer = await scorePerformance(deps, params.portalId, params.scoreId, asked);
      if ("building" in answer) return new RouteReply(202, { job: answer.building });
      const { performance } = answer;
      if (format === "json") return performance;
      return new FileReply(
        "text/csv",
        `${params.scoreId}-performance.csv`,
        renderPerformanceCsv(performance),
      );
    },
  }),
];
