import { Router } from "express";
import type { PipelineMetrics } from "../app/pipeline/pipeline-metrics.js";
import type { DueIndex } from "../ports/due-index.js";
import type { Inbox } from "../ports/inbox.js";
import { type MetricFamily, renderPrometheus } from "./render-prometheus.js";

export type MetricsRoutesDeps = {
  inbox: Pick<Inbox, "counts" | "oldestOpenReceivedAtMs">;
  dueIndex: Pick<DueIndex, "count">;
  metrics: PipelineMetrics;
  /** Records held by the worker's coalescing window. */
  held: () => number;
  /** 429s seen by the door since start (portal-pacer.ts onRateLimited), when counted. */
  rateLimited?: () => number;
  /** HubSpot calls aborted at HUBSPOT_TIMEOUT_MS since start (portal-pacer.ts onTimeout), when counted. */
  timeouts?: () => number;
  now: () => number;
};

const byLabel = (label: string, map: Map<string, number>) =>
  [...map].map(([key, value]) => ({ labels: { [label]: key }, value }));

/**
 * GET /metrics (docs/decisions.md §Metrics): queue depth, lag, parked, 429s, rescore rate; no secrets, no
 * ids.
 */
export function createMetricsRoutes(deps: MetricsRoutesDeps): Router {
  const router = Router();
  router.get("/metrics", async (_req, res) => {
    const [counts, oldest, due] = await Promise.all([
      deps.inbox.counts(),
      deps.inbox.oldestOpenReceivedAtMs(),
      deps.dueIndex.count(),
    ]);
    const m = deps.metrics;
    const families: MetricFamily[] = [
      {
        name: "lead_score_inbox_entries",
        help: "Webhook inbox entries by status: events; with REDIS_URL deliveries, except parked (events).",
        type: "gauge",
        samples: Object.entries(counts).map(([status, value]) => ({ labels: { status }, value })),
      },
      {
        name: "lead_score_inbox_oldest_open_age_seconds",
        help: "Age of the oldest webhook event not yet processed (lag).",
        type: "gauge",
        samples: [{ value: oldest === null ? 0 : Math.max(0, (deps.now() - oldest) / 1000) }],
      },
      {
        name: "lead_score_parked_events",
        help: "Webhook events parked after their last attempt (GET /parked).",
        type: "gauge",
        samples: [{ value: counts.parked }],
      },
      {
        name: "lead_score_held_records",
        help: "Records waiting out the coalescing window.",
        type: "gauge",
        samples: [{ value: deps.held() }],
      },
      {
        name: "lead_score_due_records",
        help: "Records in the decay due-index.",
        type: "gauge",
        samples: [{ value: due }],
      },
      {
        name: "lead_score_hubspot_rate_limited_total",
        help: "429 answers from HubSpot.",
        type: "counter",
        samples: [{ value: deps.rateLimited?.() ?? 0 }],
      },
      {
        name: "lead_score_hubspot_timeouts_total",
        help: "HubSpot calls aborted after HUBSPOT_TIMEOUT_MS without an answer (each is retried like a 5xx).",
        type: "counter",
        samples: [{ value: deps.timeouts?.() ?? 0 }],
      },
      {
        name: "lead_score_records_rescored_total",
        help: "Records evaluated, by cause (rate() gives the rescore rate).",
        type: "counter",
        samples: byLabel("cause", m.rescored),
      },
      {
        name: "lead_score_records_updated_total",
        help: "Records whose score properties were written, by cause.",
        type: "counter",
        samples: byLabel("cause", m.updated),
      },
      {
        name: "lead_score_webhook_events_dropped_total",
        help: "Webhook events acknowledged and dropped, by reason.",
        type: "counter",
        samples: byLabel("reason", m.dropped),
      },
      {
        name: "lead_score_rescore_batches_failed_total",
        help: "Rescore batches that failed (retried per record).",
        type: "counter",
        samples: [{ value: m.failedBatches }],
      },
      {
        name: "lead_score_webhook_to_written_seconds",
        help: "Webhook receipt to scores written.",
        type: "summary",
        samples: [
          { suffix: "_sum", value: m.webhookLagSumMs / 1000 },
          { suffix: "_count", value: m.webhookLagCount },
        ],
      },
    ];
    res.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8").send(renderPrometheus(families));
  });
  return router;
}
