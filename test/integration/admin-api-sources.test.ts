import express from "express";
import { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyvFeedEventStore } from "../../src/adapters/stores/keyv-feed-event-store.js";
import type { JobRunner } from "../../src/app/jobs/job-runner.js";
import { adminTokenPrincipal } from "../../src/http/admin-api/admin-auth.js";
import { createAdminApi } from "../../src/http/admin-api/create-admin-api.js";
import type { FeedEventStore } from "../../src/ports/feed-event-store.js";
import { createTestScoresDeps } from "../fixtures/app/create-test-scores-deps.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { mockCrmWorld } from "../fixtures/hubspot/mock-crm-world.js";
import { createTestCipher } from "../fixtures/installation.js";
import { buildLeadScoreDraft } from "../fixtures/score-drafts.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";
import { listenOnPort0 } from "../support/listen-on-port-0.js";

// docs/decisions.md §Sources status: GET /sources and the warnings of save, test, preview and enable, for a
// portal that granted no optional scope and is below Enterprise (HubSpot answers event analytics 403).

const ADMIN = "admin-token-0123456789";
const PORTAL = 62515;
const webAndTickets = buildLeadScoreDraft({
  property: { name: "ls_lead", label: "Lead score" },
  groups: [
    {
      name: "Web and support",
      kind: "engagement",
      rules: [
        { event: "page_view", points: 1, timeframe: { within: { amount: 30, unit: "days" } } },
        { event: "ticket", points: -5 },
        { event: "meeting", points: 10 },
      ],
    },
  ],
});

let base: string;
let close: () => Promise<void>;
let runner: JobRunner;
let feeds: FeedEventStore;

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}/api/portals/${PORTAL}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are walked freely; assertions check their shape.
  return { status: res.status, body: (await res.json()) as any };
};
const statusOf = async (eventType: string) =>
  ((await call("GET", "/sources")).body as { eventType: string; status: string; detail: string }[]).find(
    (row) => row.eventType === eventType,
  );

/** HubSpot below Enterprise and without the tickets scope: both sources answer 403. */
function hubspotRefusesWebAndTickets() {
  const forbidden = (message: string) => ({ status: "error", category: "MISSING_SCOPES", message });
  return nock(HUBSPOT)
    .persist()
    .get("/events/v3/events/event-types")
    .reply(403, forbidden("This API requires an Enterprise subscription"))
    .post("/crm/v4/associations/contacts/tickets/batch/read")
    .reply(403, forbidden("This app hasn't been granted all required scopes: tickets"))
    .post("/crm/v4/associations/contacts/meetings/batch/read")
    .reply(200, { status: "COMPLETE", results: [] });
}

allowOnlyLocalhost();

beforeEach(async () => {
  mockCrmWorld({ contacts: { "1": { jobtitle: "CTO" } }, meetings: {}, contactProperties: new Set() });
  const setup = await createTestScoresDeps(PORTAL);
  runner = setup.runner;
  feeds = createKeyvFeedEventStore(new Keyv());
  const app = express().use(
    "/api",
    createAdminApi({
      ...setup.deps,
      suggestions: setup.suggestions,
      feeds,
      jobs: setup.jobs,
      cipher: createTestCipher(),
      oauth: undefined,
      resolvePrincipal: adminTokenPrincipal(ADMIN),
    }),
  );
  ({ base, close: close } = await listenOnPort0(app));
});
afterEach(async () => {
  await runner.onIdle();
  await close();
  nock.cleanAll();
});

describe("GET /api/portals/:portalId/sources", () => {
  it("lists every event type with its source, and the optional scopes the portal did not grant", async () => {
    const { status, body } = await call("GET", "/sources");
    expect(status).toBe(200);
    const byType = new Map<string, { detail: string }>(
      body.map((row: { eventType: string; detail: string }) => [row.eventType, row]),
    );
    expect([...byType.keys()]).toEqual(
      expect.arrayContaining([
        "meeting",
        "email",
        "ticket",
        "form_submission",
        "marketing_email_open",
        "page_view",
      ]),
    );
    expect(byType.get("meeting")).toMatchObject({ source: "meetings", status: "available" });
    expect(byType.get("ticket")).toMatchObject({ source: "tickets", status: "missing_scope" });
    expect(byType.get("ticket")?.detail).toContain("tickets scope");
    expect(byType.get("email")).toMatchObject({ source: "emails", status: "missing_scope" });
    expect(byType.get("marketing_email_click")).toMatchObject({
      source: "marketing_email_events",
      status: "missing_scope",
    });
    expect(byType.get("page_view")).toMatchObject({ source: "event_analytics", status: "available" });
    expect(byType.get("page_view")?.detail).toContain("Enterprise");
    expect(byType.get("page_view")?.detail).toContain("portal-wide by the web events poll");
  });

  it("says web events are read per contact, and why, once HubSpot refused the portal-wide read", async () => {
    const refusal = { atMs: Date.UTC(2026, 10, 20), message: "HubSpot answered 400: objectId is required" };
    await feeds.setCursor(PORTAL, "web_events", {
      sinceMs: refusal.atMs,
      fromMs: refusal.atMs,
      lastError: null,
      lastSuccessMs: null,
      portalWideRefused: refusal,
    });
    const pageViews = await statusOf("page_view");
    expect(pageViews).toMatchObject({ status: "available" });
    expect(pageViews?.detail).toContain("one read per contact");
    expect(pageViews?.detail).toContain(
      "2026-11-20T00:00:00.000Z (HubSpot answered 400: objectId is required)",
    );
    expect((await statusOf("meeting"))?.detail).not.toContain("per contact");
  });
});

describe("warnings of a score whose rules read unavailable sources", () => {
  it("saves, tests, previews and enables, each answer carrying the unavailable types", async () => {
    hubspotRefusesWebAndTickets();
    const created = await call("POST", "/scores", webAndTickets);
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([
      expect.objectContaining({ code: "source_unavailable", eventType: "ticket", status: "missing_scope" }),
    ]);

    // Testing reads event analytics: HubSpot's 403 teaches the app the portal is below Enterprise.
    const tested = await call("POST", "/scores/lead/test", { recordId: "1" });
    expect(tested.status).toBe(200);
    expect(tested.body.result.score).toBe(0);
    expect(tested.body.warnings).toEqual([
      expect.objectContaining({
        code: "source_unavailable",
        eventType: "page_view",
        status: "needs_enterprise",
      }),
      expect.objectContaining({ code: "source_unavailable", eventType: "ticket", status: "missing_scope" }),
    ]);
    const pageViews = await statusOf("page_view");
    expect(pageViews).toMatchObject({ status: "needs_enterprise" });
    expect(pageViews?.detail).toContain("hs_analytics_num_page_views ≥ 5");
    expect(await statusOf("cta_click")).toMatchObject({ status: "needs_enterprise" });

    const preview = await call("POST", "/scores/lead/preview", { sample: 10 });
    expect(preview.status).toBe(200);
    expect(preview.body.warnings.map((w: { eventType: string }) => w.eventType)).toEqual([
      "page_view",
      "ticket",
    ]);

    const enabled = await call("POST", "/scores/lead/enable");
    expect(enabled.status).toBe(202);
    expect(enabled.body.warnings.map((w: { status: string }) => w.status)).toEqual([
      "needs_enterprise",
      "missing_scope",
    ]);
  });

  it("answers no warnings for a score whose sources the portal supplies", async () => {
    const meetingsOnly = buildLeadScoreDraft({
      property: { name: "ls_lead", label: "Lead score" },
      groups: [{ name: "Meetings", kind: "engagement", rules: [{ event: "meeting", points: 10 }] }],
    });
    const created = await call("POST", "/scores", meetingsOnly);
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([]);
  });
});
