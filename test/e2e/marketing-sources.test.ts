import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAndEvaluate } from "./support/export-and-evaluate.js";
import {
  logMarketingActivity,
  type PortalEvent,
  portalNow,
  readPortalMarketingEvents,
} from "./support/marketing-activity.js";
import { seededIds } from "./support/portal-reads.js";
import { type E2eApp, startE2eApp } from "./support/start-e2e-app.js";
import { waitFor } from "./support/wait-for.js";

// Marketing and web engagement end to end (docs/scoring.md §Event types): the sandbox-mode app on the
// small seed, marketing email events and form submissions reaching scores through the feed pollers, page
// views and CTA clicks through event analytics, each contact's value checked against its events as
// the portal publishes them. The feed polls run on their shortest interval (10 s); waits are for a
// condition, with a budget of several polls (docs/decisions.md §End-to-end suite).

const points: Record<string, number> = {
  form_submission: 10,
  marketing_email_open: 2,
  marketing_email_click: 5,
  page_view: 1,
  cta_click: 6,
};
const marketing = {
  id: "e2e-marketing",
  name: "E2E marketing and web",
  object: "contacts",
  type: "engagement",
  limits: { max: 1000 },
  property: { name: "ls_e2e_marketing" },
  groups: [
    {
      name: "Marketing and web",
      kind: "engagement",
      rules: Object.entries(points).map(([event, value]) => ({ event, points: value })),
    },
  ],
};
const PROPERTY = "ls_e2e_marketing";
const FEED_POLLS = { EMAIL_EVENTS_POLL_MS: "10000", FORM_SUBMISSIONS_POLL_MS: "10000" };
const SEVERAL_POLLS = { timeoutMs: 90_000, intervalMs: 500 };

/** docs/scoring.md §Rules by hand: every event up to now gives its rule's points (no caps, decay or limits). */
function expectedValue(events: readonly PortalEvent[], nowMs: number): number {
  return events.filter((e) => e.occurredAtMs <= nowMs).reduce((sum, e) => sum + (points[e.type] ?? 0), 0);
}

/** Each contact's written score, as the portal shows it. */
async function propertyOf(app: E2eApp, ids: readonly string[]): Promise<Record<string, number>> {
  const values = await Promise.all(
    ids.map(async (id) => Number((await app.record("contacts", id))[PROPERTY])),
  );
  return Object.fromEntries(ids.map((id, i) => [id, values[i] as number]));
}

async function enable(app: E2eApp) {
  expect((await app.api("POST", "/scores", marketing)).status).toBe(201);
  const enabled = await app.api("POST", `/scores/${marketing.id}/enable`);
  expect(enabled.status).toBe(202);
  expect(await app.finished(enabled.body.job.id)).toMatchObject({ status: "done" });
  return enabled.body;
}

describe("marketing and web events on an Enterprise portal", { timeout: 180_000 }, () => {
  let app: E2eApp;
  let contactIds: string[];
  beforeAll(async () => {
    app = await startE2eApp({ sandboxRatePer10s: 100_000, env: FEED_POLLS });
    contactIds = await seededIds(app, "contacts", 12);
    await logMarketingActivity(app, contactIds);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("gives every contact the points its opens, clicks, submissions, page views and CTA clicks are worth", async () => {
    const { warnings } = await enable(app);
    expect(warnings).toEqual([]);
    const published = await readPortalMarketingEvents(app);
    // Not vacuous: each of the five types is in the portal, for several contacts.
    const types = new Set([...published.values()].flat().map((e) => e.type));
    expect([...types].sort()).toEqual(Object.keys(points).sort());
    const nowMs = await portalNow(app);
    const expected = Object.fromEntries(
      contactIds.map((id) => [id, expectedValue(published.get(id) ?? [], nowMs)]),
    );
    expect(Object.values(expected).filter((v) => v > 0).length).toBeGreaterThanOrEqual(8);
    const written = await waitFor(
      () => propertyOf(app, contactIds),
      (values) => contactIds.every((id) => values[id] === expected[id]),
      SEVERAL_POLLS,
    );
    expect(written).toEqual(expected);
  });

  it("moves a contact's score when the contact submits a form in the portal", async () => {
    const [quiet] = contactIds as [string];
    const before = Number((await app.record("contacts", quiet))[PROPERTY]);
    await app.sandbox.call("POST", "/__sandbox/form-submissions", {
      contact: quiet,
      pageUrl: "https://www.example.com/demo",
    });
    const after = await waitFor(
      async () => Number((await app.record("contacts", quiet))[PROPERTY]),
      (value) => value === before + 10,
      SEVERAL_POLLS,
    );
    expect(after).toBe(before + 10);
  });

  it("exports contacts with these events so that `lead-score evaluate` gives what the portal shows", async () => {
    const ids = contactIds.slice(0, 6);
    const { lines, results } = await exportAndEvaluate(app, marketing, "contacts", ids);
    const exportedTypes = new Set(
      lines.flatMap((line) => JSON.parse(line).events.map((e: { type: string }) => e.type)),
    );
    // The scored five are there (beside the sales engagements a contacts export carries by default).
    expect([...exportedTypes]).toEqual(expect.arrayContaining(Object.keys(points)));
    const shown = await Promise.all(
      ids.map(async (id) => Number((await app.record("contacts", id))[PROPERTY])),
    );
    expect(results.map((r) => [r.id, r.score])).toEqual(ids.map((id, i) => [id, shown[i]]));
  });
});

describe("marketing and web events on a Professional portal", { timeout: 180_000 }, () => {
  let app: E2eApp;
  let contactIds: string[];
  beforeAll(async () => {
    app = await startE2eApp({
      sandboxRatePer10s: 100_000,
      env: { ...FEED_POLLS, SANDBOX_TIER: "professional" },
    });
    contactIds = await seededIds(app, "contacts", 6);
    await logMarketingActivity(app, contactIds);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("flags the page view and CTA click rules (source_unavailable, needs_enterprise) and scores the rest", async () => {
    const unavailable = (warnings: { code: string; eventType: string; status: string }[]) =>
      warnings
        .filter((w) => w.code === "source_unavailable")
        .map((w) => [w.eventType, w.status])
        .sort();
    const webRules = [
      ["cta_click", "needs_enterprise"],
      ["page_view", "needs_enterprise"],
    ];
    expect((await app.api("POST", "/scores", marketing)).status).toBe(201);
    const tested = await app.api("POST", `/scores/${marketing.id}/test`, { recordId: contactIds[1] });
    expect(tested.status).toBe(200);
    expect(unavailable(tested.body.warnings)).toEqual(webRules);
    const preview = await app.api("POST", `/scores/${marketing.id}/preview`, { sample: 5 });
    expect(preview.status).toBe(200);
    expect(unavailable(preview.body.warnings)).toEqual(webRules);
    const enabled = await app.api("POST", `/scores/${marketing.id}/enable`);
    expect(enabled.status).toBe(202);
    expect(unavailable(enabled.body.warnings)).toEqual(webRules);
    expect(await app.finished(enabled.body.job.id)).toMatchObject({ status: "done" });

    const sources = await app.api("GET", "/sources");
    expect(sources.status).toBe(200);
    const statusOf = (type: string) =>
      (sources.body as unknown as { eventType: string; status: string }[]).find((s) => s.eventType === type)
        ?.status;
    expect([statusOf("page_view"), statusOf("cta_click")]).toEqual(["needs_enterprise", "needs_enterprise"]);
    expect([statusOf("form_submission"), statusOf("marketing_email_open"), statusOf("meeting")]).toEqual([
      "available",
      "available",
      "available",
    ]);

    // The email events and form submissions still count: each contact gets exactly their points.
    const published = await readPortalMarketingEvents(app, { eventAnalytics: false });
    const nowMs = await portalNow(app);
    const expected = Object.fromEntries(
      contactIds.map((id) => [id, expectedValue(published.get(id) ?? [], nowMs)]),
    );
    expect(Object.values(expected).filter((v) => v > 0).length).toBeGreaterThanOrEqual(4);
    const written = await waitFor(
      () => propertyOf(app, contactIds),
      (values) => contactIds.every((id) => values[id] === expected[id]),
      SEVERAL_POLLS,
    );
    expect(written).toEqual(expected);
  });
});
