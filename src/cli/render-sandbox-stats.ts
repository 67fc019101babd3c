// `lead-score sandbox stats`: calls per endpoint and 429s served (docs/decisions.md §Sandbox portal), plus
// the webhook sender's counts. Pure, for a snapshot test.

export type SandboxStatsView = {
  sinceMs: number;
  total: number;
  calls: Record<string, number>;
  statuses: Record<string, number>;
  rateLimited: Record<string, number>;
};

export type WebhookStatsView = {
  targetUrl: string | null;
  pendingBatches: number;
  delivered: { batches: number; events: number };
  failedAttempts: number;
  droppedBatches: number;
  /** How many subscriptions choose what is sent; null when every change is. */
  subscriptions: number | null;
  unsubscribedChanges: number;
};

export function renderSandboxStats(stats: SandboxStatsView, webhooks: WebhookStatsView): string[] {
  const rows = Object.entries(stats.calls).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const width = Math.max(8, ...rows.map(([, n]) => String(n).length));
  const served429 = Object.values(stats.rateLimited).reduce((sum, n) => sum + n, 0);
  const limits = Object.entries(stats.rateLimited).map(([policy, n]) => `${policy} ${n}`);
  return [
    `API calls since ${new Date(stats.sinceMs).toISOString()}: ${stats.total}`,
    ...rows.map(([endpoint, n]) => `  ${String(n).padStart(width)}  ${endpoint}`),
    `statuses: ${
      Object.entries(stats.statuses)
        .map(([s, n]) => `${s} ×${n}`)
        .join(", ") || "none"
    }`,
    `429s served: ${served429}${limits.length > 0 ? ` (${limits.join(", ")})` : ""}`,
    `webhooks to ${webhooks.targetUrl ?? "(no target: the app is not installed yet)"}: ${webhooks.delivered.batches} batches, ${webhooks.delivered.events} events delivered; ${webhooks.failedAttempts} failed attempts, ${webhooks.droppedBatches} dropped, ${webhooks.pendingBatches} pending`,
    webhooks.subscriptions === null
      ? "webhooks sent for every change (the sandbox was given no subscriptions)"
      : `webhooks sent for what ${webhooks.subscriptions} subscriptions cover; ${webhooks.unsubscribedChanges} other changes skipped`,
  ];
}
