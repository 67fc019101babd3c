import { buildWebhookEvent } from "./build-webhook-event.js";
import type { Change } from "./change-feed.js";
import { type DeliveryFailure, postSignedWebhook } from "./post-signed-webhook.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import type { WebhookTarget } from "./webhook-target.js";

// Webhooks as HubSpot delivers them (HUBSPOT.md §3.5): batches under 100 events, at most 10
// requests in flight, a retry on a connection failure, a timeout over 5 s or any non-2xx, up to 10
// retries with growing delays and jitter, then the batch is dropped. Each attempt is signed anew
// (v3) with the sandbox clock's time, which the app's clock follows in sandbox mode.

/** "Under 100 notifications" (§3.4) and "up to 100 events" (§3.5): 99 satisfies both. */
export const MAX_EVENTS_PER_BATCH = 99;

export interface WebhookSenderOptions {
  portal: SandboxPortal;
  target: WebhookTarget;
  fetch?: typeof fetch;
  maxConcurrent?: number;
  /** Retries after the first attempt; HubSpot makes up to 10 (§3.5). */
  maxRetries?: number;
  /**
   * Delay before retry n is baseMs · 2^(n-1), capped at maxMs, times a jitter in [0.5, 1). HubSpot
   * spreads its retries over 24 hours; the defaults (1 s doubling) give up within minutes, as suits a
   * development portal.
   */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often the change feed is read when idle. */
  pollMs?: number;
  random?: () => number;
  /** Failed attempts and dropped batches (the sandbox has no logger of its own). */
  onFailure?: (failure: { attemptNumber: number; dropped: boolean; status?: number; error?: string }) => void;
}

export interface WebhookSenderStats {
  targetUrl: string | null;
  deliveredSeq: number;
  pendingBatches: number;
  delivered: { batches: number; events: number };
  failedAttempts: number;
  droppedBatches: number;
}

export interface WebhookSender {
  start(): void;
  /** Stops reading the feed; resolves once the attempts in flight have ended. */
  stop(): Promise<void>;
  /** Reads the feed and sends until every change so far is delivered or dropped. */
  drain(): Promise<void>;
  stats(): WebhookSenderStats;
}

interface Batch {
  changes: Change[];
  attempt: number;
  dueAtMs: number;
  inFlight: boolean;
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const { portal, target } = options;
  const send = options.fetch;
  const maxConcurrent = options.maxConcurrent ?? 10;
  const maxRetries = options.maxRetries ?? 10;
  const random = options.random ?? Math.random;
  const counts = { batches: 0, events: 0, failedAttempts: 0, droppedBatches: 0 };
  const batches: Batch[] = [];
  let readSeq = target.deliveredSeq();
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;

  // The cursor only passes a change once every batch up to it is finished, so a restart resends
  // what was in flight (HubSpot may deliver twice, §3.4) and never skips anything.
  const saveCursor = () => {
    const oldest = batches[0]?.changes[0]?.seq;
    target.setDeliveredSeq(oldest === undefined ? readSeq : oldest - 1);
  };

  const readFeed = () => {
    if (target.url() === null || batches.length >= maxConcurrent * 4) return;
    // The target may have been set (at install) since: start where it says delivery starts.
    if (batches.length === 0) readSeq = Math.max(readSeq, target.deliveredSeq());
    const changes = portal.changes.read(readSeq, MAX_EVENTS_PER_BATCH * maxConcurrent);
    for (let i = 0; i < changes.length; i += MAX_EVENTS_PER_BATCH)
      batches.push({
        changes: changes.slice(i, i + MAX_EVENTS_PER_BATCH),
        attempt: 0,
        dueAtMs: 0,
        inFlight: false,
      });
    readSeq = changes.at(-1)?.seq ?? readSeq;
  };

  const deliver = async (batch: Batch, url: string) => {
    const origin = { portalId: portal.portalId, appId: portal.app.appId };
    const body = JSON.stringify(batch.changes.map((c) => buildWebhookEvent(c, origin, batch.attempt)));
    const failure: DeliveryFailure | null = await postSignedWebhook({
      url,
      body,
      clientSecret: portal.app.clientSecret,
      timestampMs: portal.clock.nowMs(),
      fetch: send,
    });
    const dropped = failure !== null && batch.attempt >= maxRetries;
    if (failure === null || dropped) {
      batches.splice(batches.indexOf(batch), 1);
      if (failure === null) {
        counts.batches++;
        counts.events += batch.changes.length;
      } else counts.droppedBatches++;
      saveCursor();
    }
    if (failure !== null) {
      counts.failedAttempts++;
      options.onFailure?.({ attemptNumber: batch.attempt, dropped, ...failure });
      batch.attempt++;
      const delayMs = Math.min(
        options.retryMaxMs ?? 3_600_000,
        (options.retryBaseMs ?? 1_000) * 2 ** (batch.attempt - 1),
      );
      batch.dueAtMs = Date.now() + delayMs * (0.5 + random() / 2);
    }
  };

  /** Starts every attempt that may start now; each one that ends looks for more work. */
  const pump = () => {
    readFeed();
    const url = target.url();
    for (const batch of batches) {
      if (url === null || inFlight >= maxConcurrent) break;
      if (batch.inFlight || batch.dueAtMs > Date.now()) continue;
      batch.inFlight = true;
      inFlight++;
      void deliver(batch, url).finally(() => {
        batch.inFlight = false;
        inFlight--;
        if (timer !== undefined) pump();
      });
    }
  };

  const loop = () => {
    pump();
    if (timer !== undefined) timer = setTimeout(loop, options.pollMs ?? 250);
  };

  return {
    start() {
      if (timer === undefined) timer = setTimeout(loop, 0);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      // Attempts in flight end within DELIVERY_TIMEOUT_MS; they write the cursor, so wait for them.
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async drain() {
      for (;;) {
        pump();
        if (target.url() === null) return;
        if (batches.length === 0 && portal.changes.read(readSeq, 1).length === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    stats: () => ({
      targetUrl: target.url(),
      deliveredSeq: target.deliveredSeq(),
      pendingBatches: batches.length,
      delivered: { batches: counts.batches, events: counts.events },
      failedAttempts: counts.failedAttempts,
      droppedBatches: counts.droppedBatches,
    }),
  };
}
