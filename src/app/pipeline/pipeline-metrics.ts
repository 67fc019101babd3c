import type { HistoryCause } from "../../ports/record-store.js";

// Counters the pipeline keeps for /metrics (docs/decisions.md §Metrics); gauges are read at scrape time.

export type PipelineMetrics = {
  rescored: Map<HistoryCause, number>;
  updated: Map<HistoryCause, number>;
  /** Webhook events acknowledged and dropped, by reason. */
  dropped: Map<string, number>;
  failedBatches: number;
  /** Sum and count of receipt → written, for webhook events whose records were rescored. */
  webhookLagSumMs: number;
  webhookLagCount: number;
  lastWebhookLagMs: number | null;
};

export const createPipelineMetrics = (): PipelineMetrics => ({
  rescored: new Map(),
  updated: new Map(),
  dropped: new Map(),
  failedBatches: 0,
  webhookLagSumMs: 0,
  webhookLagCount: 0,
  lastWebhookLagMs: null,
});

export const increment = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
