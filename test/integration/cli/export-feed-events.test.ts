import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createKeyvFeedEventStore } from "../../../src/adapters/stores/keyv-feed-event-store.js";
import { createKeyvInstallationStore } from "../../../src/adapters/stores/keyv-installation-store.js";
import { createKeyvRecordStore } from "../../../src/adapters/stores/keyv-record-store.js";
import { createKeyvScoreStore } from "../../../src/adapters/stores/keyv-score-store.js";
import { openKeyv } from "../../../src/adapters/stores/open-keyv.js";
import { registerExportCommand } from "../../../src/cli/export-command.js";
import { type ExportContext, openExportContext } from "../../../src/cli/open-export-context.js";
import type { FeedEvent, FeedEventStore } from "../../../src/ports/feed-event-store.js";
import type { Installation } from "../../../src/ports/installation-store.js";
import { parseDefinition, parseSnapshot } from "../../../src/scoring/index.js";
import { createTestCrmClient } from "../../fixtures/hubspot/create-test-crm-client.js";
import { mockBatchRead, mockEngagements, mockListPage } from "../../fixtures/hubspot/mock-export-portal.js";
import {
  createDummyInstallation,
  createMemoryInstallationStore,
  T0,
  TEST_KEY,
} from "../../fixtures/installation.js";
import { captureStream } from "../../support/capture-stream.js";
import { definition } from "../../support/scoring-builders.js";

// `lead-score export` carries contacts' marketing email events and form submissions as the app's feed
// pollers stored them (docs/decisions.md §Portal-wide feeds), so an exported file scores offline as the
// portal does: with the default engagement events, with --no-events, and with the app's own SQLite store.

const PORTAL = 62515;
const meta = { savedBy: "ops@example.com", savedAtMs: T0, change: "enable" };
const formScore = definition({
  id: "forms",
  status: "enabled",
  property: { name: "ls_forms" },
  groups: [
    {
      name: "Forms and notes",
      kind: "engagement",
      rules: [
        { event: "form_submission", points: 10 },
        { event: "note", points: 1 },
      ],
    },
  ],
});
const demoRequest: FeedEvent = {
  key: "conversion-1",
  type: "form_submission",
  occurredAt: "2026-11-01T10:00:00.000Z",
  properties: { form_id: "form-1", form_name: "Demo request", page_url: "https://www.example.com/demo" },
};
const emailOpen: FeedEvent = {
  key: "open-1:1762000000000",
  type: "marketing_email_open",
  occurredAt: "2026-11-02T10:00:00.000Z",
  properties: { campaign: "7", campaign_name: "News", email_name: "News", subject: "News" },
};

/** Contact 8's stored feed events: a submission, and an email open the enabled score does not count. */
async function storeFeedEvents(feeds: FeedEventStore): Promise<void> {
  await feeds.add(PORTAL, "form_submissions", new Map([["8", [demoRequest]]]));
  await feeds.add(PORTAL, "email_events", new Map([["8", [emailOpen]]]));
}

async function exportedEvents(
  context: ExportContext,
  out: ReturnType<typeof captureStream>,
  ...args: string[]
) {
  const program = new Command("lead-score").exitOverride();
  registerExportCommand(program, async () => context);
  await program.parseAsync(["export", "--portal", String(PORTAL), "--object", "contacts", ...args], {
    from: "user",
  });
  const line = JSON.parse(out.text());
  expect(parseSnapshot(line).id).toBe("8");
  return (line.events as { type: string; occurredAt: string }[]).map((e) => [e.type, e.occurredAt]);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("lead-score export of contacts' feed events", () => {
  it("merges the stored feed events with the engagement events, oldest first; --no-events keeps only what scores read", async () => {
    const installations = createMemoryInstallationStore();
    await installations.save(createDummyInstallation({ portalId: PORTAL }));
    const scores = createKeyvScoreStore(new Keyv({ namespace: "scores" }));
    await scores.save(PORTAL, parseDefinition(formScore), meta);
    const feeds = createKeyvFeedEventStore(new Keyv());
    await storeFeedEvents(feeds);
    const crm = createTestCrmClient().client;
    const run = async (...args: string[]) => {
      const out = captureStream();
      const context: ExportContext = {
        installations,
        scores,
        records: createKeyvRecordStore(new Keyv()),
        feeds,
        crmFor: () => crm,
        installUrl: "https://ls.example.com/oauth/install",
        out: out.stream,
        err: captureStream().stream,
        close: async () => {},
      };
      return exportedEvents(context, out, ...args);
    };

    // Default for contacts: every engagement object and every stored feed event.
    const everyEngagement = [
      mockListPage("contacts", null, ["8"], null),
      mockBatchRead("contacts", ["8"], []),
      mockEngagements("contacts", ["8"]),
    ];
    expect(await run()).toEqual([
      ["note", "2026-10-02T00:00:00Z"],
      ["form_submission", "2026-11-01T10:00:00.000Z"],
      ["marketing_email_open", "2026-11-02T10:00:00.000Z"],
    ]);
    for (const scope of everyEngagement) scope.done();

    // --no-events keeps what the score counts: notes and the stored submission, not the email open.
    const scoredOnly = [
      mockListPage("contacts", null, ["8"], null),
      mockBatchRead("contacts", ["8"], []),
      mockEngagements("contacts", ["8"]),
    ];
    expect(await run("--no-events")).toEqual([
      ["note", "2026-10-02T00:00:00Z"],
      ["form_submission", "2026-11-01T10:00:00.000Z"],
    ]);
    for (const scope of scoredOnly.slice(0, 2)) scope.done();
  });

  it("reads the feed events the running app stored in DATA_DIR's database", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "ls-export-feeds-")), "data");
    const uri = `sqlite://${dataDir}/lead-score.sqlite`;
    const installationsKeyv = await openKeyv<Installation>(uri, "installations");
    await createKeyvInstallationStore(installationsKeyv).save(
      createDummyInstallation({
        portalId: PORTAL,
        accessToken: "at-feeds",
        expiresAtMs: Date.now() + 86_400_000,
      }),
    );
    const scoresKeyv: Parameters<typeof createKeyvScoreStore>[0] = await openKeyv(uri, "scores");
    await createKeyvScoreStore(scoresKeyv).save(
      PORTAL,
      parseDefinition({
        ...formScore,
        groups: [{ name: "Forms", kind: "engagement", rules: [{ event: "form_submission", points: 10 }] }],
      }),
      meta,
    );
    const feedsKeyv: Parameters<typeof createKeyvFeedEventStore>[0] = await openKeyv(uri, "feed-events");
    await storeFeedEvents(createKeyvFeedEventStore(feedsKeyv));
    await Promise.all([installationsKeyv.disconnect(), scoresKeyv.disconnect(), feedsKeyv.disconnect()]);

    // The score counts no engagement object: the only HubSpot reads are the list and the properties.
    const scopes = [mockListPage("contacts", null, ["8"], null), mockBatchRead("contacts", ["8"], [])];
    const out = captureStream();
    const env = {
      HUBSPOT_CLIENT_ID: "cid",
      HUBSPOT_CLIENT_SECRET: "csecret",
      PUBLIC_BASE_URL: "https://ls.example.com",
      ENCRYPTION_KEY: TEST_KEY,
      DATA_DIR: dataDir,
    };
    const program = new Command("lead-score").exitOverride();
    registerExportCommand(program, () =>
      openExportContext(env, { out: out.stream, err: captureStream().stream }),
    );
    await program.parseAsync(["export", "--portal", String(PORTAL), "--object", "contacts", "--no-events"], {
      from: "user",
    });
    for (const scope of scopes) scope.done();
    expect(JSON.parse(out.text()).events).toEqual([
      { type: "form_submission", occurredAt: demoRequest.occurredAt, properties: demoRequest.properties },
    ]);
  });
});
