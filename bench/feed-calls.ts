import { Keyv } from "keyv";
import pino from "pino";
import { createLocalRecordLocks } from "../src/adapters/coordination/local-record-locks.js";
import { createKeyvFeedEventStore } from "../src/adapters/stores/keyv-feed-event-store.js";
import { createKeyvRecordStore } from "../src/adapters/stores/keyv-record-store.js";
import { readEmailEventWindow, readFormSubmissionWindow } from "../src/app/feeds/read-feed-windows.js";
import { storeAddressedEvents } from "../src/app/feeds/store-addressed-events.js";
import { rescore } from "../src/app/rescore/rescore.js";
import { parseDefinition } from "../src/scoring/index.js";
import { createFeedPortalClient } from "./feed-portal-client.js";

// docs/decisions.md §Portal-wide feeds: what the marketing email and form feeds cost in HubSpot calls.
// The backfill reads the portal-wide logs once (calls per contact fall as the portal grows); a full
// rescore then takes every contact's feed events from the store: the goal is at most 0.25 calls per
// contact for these sources, and the figure is 0 by construction. Counted on an in-process portal
// (feed-portal-client.ts) through the app's own feed reading, matching and rescore path.

const DAY_MS = 86_400_000;

const definition = parseDefinition({
  id: "feeds",
  name: "Feeds",
  object: "contacts",
  type: "engagement",
  status: "enabled",
  property: { name: "ls_feeds" },
  groups: [
    {
      name: "Marketing",
      kind: "engagement",
      rules: [
        { event: "marketing_email_open", points: 2, timeframe: { within: { amount: 90, unit: "days" } } },
        { event: "marketing_email_click", points: 5, timeframe: { within: { amount: 90, unit: "days" } } },
        { event: "form_submission", points: 10, timeframe: { within: { amount: 90, unit: "days" } } },
      ],
    },
  ],
});

export async function measureFeedCalls(options: { contacts: number; emailsPerContact: number }) {
  const nowMs = Date.UTC(2026, 11, 1);
  const portal = createFeedPortalClient({ ...options, nowMs });
  const crm = portal.client;
  const feeds = createKeyvFeedEventStore(new Keyv());
  const storeDeps = { crm, feeds, now: () => nowMs };
  const window = { startMs: nowMs - 90 * DAY_MS, endMs: nowMs };
  // As a poll does (poll-feeds.ts): pending addresses retried once, each address looked up once.
  for (const [feed, read] of [
    ["email_events", readEmailEventWindow],
    ["form_submissions", readFormSubmissionWindow],
  ] as const) {
    let retryPending = true;
    const known = new Map<string, string[]>();
    await read(crm, window, async (page) => {
      await storeAddressedEvents(storeDeps, 1, feed, page, { retryPending, known });
      retryPending = false;
    });
  }
  const backfill = new Map(portal.calls);
  portal.calls.clear();

  const ids = Array.from({ length: options.contacts }, (_, i) => String(i + 1));
  const deps = {
    crmFor: () => crm,
    records: createKeyvRecordStore(new Keyv()),
    logger: pino({ level: "silent" }),
    now: () => nowMs,
    dueIndex: { set: async () => {}, lower: async () => {}, remove: async () => {} },
    recordLocks: createLocalRecordLocks(),
    feeds,
  };
  // Passes of 1,000 ids, as the rescore job reads them.
  for (let at = 0; at < ids.length; at += 1_000)
    await rescore(deps, {
      portalId: 1,
      object: "contacts",
      ids: ids.slice(at, at + 1_000),
      definitions: [definition],
      cause: "update",
      busy: "wait",
      due: "lower",
    });
  return { ...options, events: portal.events, backfill, rescore: new Map(portal.calls) };
}

export function formatFeedCalls(figures: Awaited<ReturnType<typeof measureFeedCalls>>): string[] {
  const per = (n: number) => (n / figures.contacts).toFixed(3);
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const feedMethods = [
    "email events page",
    "email campaign",
    "forms page",
    "form submissions page",
    "contacts by email",
  ];
  const feedCallsInRescore = feedMethods.reduce((n, m) => n + (figures.rescore.get(m) ?? 0), 0);
  return [
    `backfill of ${figures.events.toLocaleString("en-US")} email events and ${figures.contacts.toLocaleString("en-US")} submissions: ${total(figures.backfill)} calls, ${per(total(figures.backfill))} per contact`,
    ...[...figures.backfill].map(([method, n]) => `  ${method}: ${n} (${per(n)} per contact)`),
    `full rescore of ${figures.contacts.toLocaleString("en-US")} contacts: ${total(figures.rescore)} calls, ${per(total(figures.rescore))} per contact; marketing email and form sources: ${feedCallsInRescore} (${per(feedCallsInRescore)} per contact, goal ≤ 0.25: ${feedCallsInRescore / figures.contacts <= 0.25 ? "met" : "MISSED"})`,
    ...[...figures.rescore].map(([method, n]) => `  ${method}: ${n} (${per(n)} per contact)`),
  ];
}
