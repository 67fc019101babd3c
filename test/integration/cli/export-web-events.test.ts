import { Command } from "commander";
import { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeAll, expect, it } from "vitest";
import { createKeyvFeedEventStore } from "../../../src/adapters/stores/keyv-feed-event-store.js";
import { createKeyvRecordStore } from "../../../src/adapters/stores/keyv-record-store.js";
import { createKeyvScoreStore } from "../../../src/adapters/stores/keyv-score-store.js";
import { registerExportCommand } from "../../../src/cli/export-command.js";
import type { ExportContext } from "../../../src/cli/open-export-context.js";
import type { FeedEvent } from "../../../src/ports/feed-event-store.js";
import { parseDefinition } from "../../../src/scoring/index.js";
import { createTestCrmClient } from "../../fixtures/hubspot/create-test-crm-client.js";
import { mockBatchRead, mockListPage } from "../../fixtures/hubspot/mock-export-portal.js";
import { mockPortalWebEvents } from "../../fixtures/hubspot/mock-portal-web-events.js";
import { createDummyInstallation, createMemoryInstallationStore, T0 } from "../../fixtures/installation.js";
import { captureStream } from "../../support/capture-stream.js";

// `lead-score export` takes contacts' web events from the web events feed's store, as the app's
// rescores do (docs/decisions.md §Web events feed): no event analytics read per contact, only the
// portal's event type list.

const PORTAL = 62515;
const ctaClick: FeedEvent = {
  key: "e_clicked_cta:c-1",
  type: "cta_click",
  occurredAt: "2026-11-03T10:00:00.000Z",
  properties: { cta_name: "Book a demo", url: "https://acme.test/pricing" },
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

it("exports the stored CTA clicks without reading event analytics per contact", async () => {
  const installations = createMemoryInstallationStore();
  await installations.save(createDummyInstallation({ portalId: PORTAL }));
  const scores = createKeyvScoreStore(new Keyv({ namespace: "scores" }));
  const score = parseDefinition({
    id: "web",
    name: "Web",
    object: "contacts",
    type: "engagement",
    status: "enabled",
    property: { name: "ls_web" },
    groups: [{ name: "Web", kind: "engagement", rules: [{ event: "cta_click", points: 6 }] }],
  });
  await scores.save(PORTAL, score, { savedBy: "ops@example.com", savedAtMs: T0, change: "enable" });
  const feeds = createKeyvFeedEventStore(new Keyv());
  await feeds.add(PORTAL, "web_events", new Map([["8", [ctaClick]]]));
  await feeds.setCursor(PORTAL, "web_events", {
    sinceMs: T0,
    fromMs: T0 - 86_400_000,
    lastError: null,
    lastSuccessMs: T0,
  });
  const calls: string[] = [];
  mockPortalWebEvents(calls, () => []);
  const reads = [mockListPage("contacts", null, ["8"], null), mockBatchRead("contacts", ["8"], [])];
  const out = captureStream();
  const context: ExportContext = {
    installations,
    scores,
    records: createKeyvRecordStore(new Keyv()),
    feeds,
    crmFor: () => createTestCrmClient().client,
    installUrl: "https://ls.example.com/oauth/install",
    out: out.stream,
    err: captureStream().stream,
    close: async () => {},
  };
  const program = new Command("lead-score").exitOverride();
  registerExportCommand(program, async () => context);
  await program.parseAsync(["export", "--portal", String(PORTAL), "--object", "contacts", "--no-events"], {
    from: "user",
  });

  for (const scope of reads) scope.done();
  expect(calls).toEqual(["/events/v3/events/event-types"]);
  expect(JSON.parse(out.text()).events).toEqual([
    { type: "cta_click", occurredAt: ctaClick.occurredAt, properties: ctaClick.properties },
  ]);
});
