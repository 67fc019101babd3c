import { buildWebhookEvent } from "./build-webhook-event.js";
import type { Change } from "./change-feed.js";
import { createSubscriptionFilter } from "./create-subscription-filter.js";
import type { WebhookSubscription } from "./parse-webhook-subscriptions.js";
import { type DeliveryFailure, postSignedWebhook } from "./post-signed-webhook.js";
import { retryDelayMs } from "./retry-delay-ms.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import type { WebhookTarget } from "./webhook-target.js";

// Webhooks as HubSpot delivers them (docs/hubspot.md §Webhook delivery): only what the app's subscriptions cover
// (docs/hubspot.md §Webhook subscriptions), batches under 100 events, at most 10 requests in flight, a retry on a connection failure,
// a timeout over 5 s or any non-2xx, up to 10 retries with growing delays and jitter, then the
// batch is dropped. Each attempt is signed anew (v3) with the sandbox clock's time, which the app's
// clock follows in sandbox mode.

/** "Under 100 notifications" (docs/hubspot.md §Webhook payloads) and "up to 100 events" (docs/hubspot.md §Webhook delivery): 99 satisfies both. */
export const MAX_EVENTS_PER_BATCH = 99;

export interface WebhookSenderOptions {
  portal: SandboxPortal;
  target: WebhookTarget;
  fetch?: typeof fetch;
  maxConcurrent?: number;
  /** Retries after the first attempt; HubSpot makes up to 10 (docs/hubspot.md §Webhook delivery). */
  maxRetries?: number;
  /** See retry-delay-ms.ts; the defaults (1 s doubling, at most 1 h) give up within minutes. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often the change feed is read when idle. */
  pollMs?: number;
  random?: () => number;
  /**
   * The app's webhook subscriptions: only the changes they cover are sent, in their form. Absent,
   * every change is sent as the change feed wrote it (the sandbox's tests rely on that).
   */
  subscriptions?: readonly WebhookSubscription[];
  /** While this answers true no attempt starts (clock-followers.ts: the app's clock is behind). */
  isHeld?: () => boolean;
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
  /** How many subscriptions choose what is sent; null when every change is. */
  subscriptions: number | null;
  /** Changes no subscription covers, skipped. */
  unsubscribedChanges: number;
  /** True while deliveries wait for the app's clock to catch up with the sandbox's. */
  held: boolean;
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
  const isHeld = options.isHeld ?? (() => false);
  const eventsOf = createSubscriptionFilter(options.subscriptions);
  const counts = { batches: 0, events: 0, failedAttempts: 0, droppedBatches: 0, unsubscribed: 0 };
  const batches: Batch[] = [];
  let readSeq = target.deliveredSeq();
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;

  // The cursor only passes a change once every batch up to it is finished, so a restart resends
  // what was in flight (HubSpot may deliver twice, docs/hubspot.md §Webhook payloads) and never skips anything.
  const saveCursor = () => {
    const oldest = batches[0]?.changes[0]?.seq;
    target.setDeliveredSeq(oldest === undefined ? readSeq : oldest - 1);
  };

  const readFeed = () => {
    if (target.url() === null) return;
    // The target may have been set (at install) since: start where it says delivery starts.
    if (batches.length === 0) readSeq = Math.max(readSeq, target.deliveredSeq());
    const startSeq = readSeq;
    const pageSize = MAX_EVENTS_PER_BATCH * maxConcurrent;
    // Several pages when few of their changes are subscribed to (a rescore's own score writes), so
    // such a burst is skipped in one go; a bounded number, so a huge backlog never blocks for long.
    for (let page = 0; page < 10 && batches.length < maxConcurrent * 4; page++) {
      const changes = portal.changes.read(readSeq, pageSize);
      const events = changes.flatMap((change) => {
        const sent = eventsOf(change);
        if (sent.length === 0) counts.unsubscribed++;
        return sent;
      });
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_BATCH)
        batches.push({
          changes: events.slice(i, i + MAX_EVENTS_PER_BATCH),
          attempt: 0,
          dueAtMs: 0,
          inFlight: false,
        });
      readSeq = changes.at(-1)?.seq ?? readSeq;
      if (changes.length < pageSize) break;
    }
    // Only skipped changes read: nothing will finish to move the cursor past them, so move it now.
    if (batches.length === 0 && readSeq !== startSeq) saveCursor();
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
      batch.dueAtMs =
        Date.now() +
        retryDelayMs(batch.attempt, { baseMs: options.retryBaseMs, maxMs: options.retryMaxMs }, random);
    }
  };

  /** Starts every attempt that may start now; each one that ends looks for more work. */
  const pump = () => {
    readFeed();
    const url = target.url();
    if (url === null || isHeld()) return;
    for (const batch of batches) {
      if (inFlight >= maxConcurrent) break;
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
      subscriptions: options.subscriptions?.length ?? null,
      unsubscribedChanges: counts.unsubscribed,
      held: isHeld(),
    }),
  };
}
