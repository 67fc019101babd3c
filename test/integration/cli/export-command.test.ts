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
import { CliError } from "../../../src/cli/cli-error.js";
import { registerExportCommand } from "../../../src/cli/export-command.js";
import { type ExportContext, openExportContext } from "../../../src/cli/open-export-context.js";
import type { Installation } from "../../../src/ports/installation-store.js";
import type { ScoreStore } from "../../../src/ports/score-store.js";
import { parseDefinition, parseSnapshot } from "../../../src/scoring/index.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { mockBatchRead, mockEngagements, mockListPage } from "../../fixtures/hubspot/mock-export-portal.js";
import {
  createDummyInstallation,
  createMemoryInstallationStore,
  T0,
  TEST_KEY,
} from "../../fixtures/installation.js";
import { captureStream } from "../../support/capture-stream.js";
import { definition, fitScore } from "../../support/scoring-builders.js";

// `lead-score export` through commander parsing, with the stores and the door of a test context,
// and once with the app's own wiring (config, SQLite stores, composeDoor) against nock.

const PORTAL = 62515;
const contactUs = {
  key: "conversion-1",
  type: "form_submission",
  occurredAt: "2026-09-01T00:00:00.000Z",
  properties: { form_id: "g-1", form_name: "Contact us", page_url: "https://acme.test/" },
};
const meta = { savedBy: "ops@example.com", savedAtMs: T0, change: "enable" };
const jobtitleScore = fitScore([{ property: "jobtitle", operator: "eq", value: "CTO", points: 5 }], {
  id: "fit",
  status: "enabled",
});

async function contextWith(installation: Installation | undefined, scores: ScoreStore) {
  const installations = createMemoryInstallationStore();
  if (installation) await installations.save(installation);
  const out = captureStream();
  const err = captureStream();
  let closed = false;
  const crm = createTestCrmClient().client;
  const feeds = createKeyvFeedEventStore(new Keyv());
  await feeds.add(PORTAL, "form_submissions", new Map([["8", [contactUs]]]));
  const context: ExportContext = {
    installations,
    scores,
    records: createKeyvRecordStore(new Keyv()),
    feeds,
    crmFor: () => crm,
    installUrl: "https://ls.example.com/oauth/install",
    out: out.stream,
    err: err.stream,
    close: async () => {
      closed = true;
    },
  };
  return { context, out, err, wasClosed: () => closed };
}

async function scoresOf(...defs: Record<string, unknown>[]): Promise<ScoreStore> {
  const store = createKeyvScoreStore(new Keyv({ namespace: "scores" }));
  for (const d of defs) await store.save(PORTAL, parseDefinition(d), meta);
  return store;
}

async function exportCli(context: ExportContext, ...args: string[]) {
  const program = new Command("lead-score").exitOverride();
  registerExportCommand(program, async () => context);
  return program.parseAsync(["export", ...args], { from: "user" });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("lead-score export (commander)", () => {
  it("reads the properties enabled scores need plus --properties, without events when --no-events", async () => {
    const scores = await scoresOf(jobtitleScore, definition({ id: "draft", property: { name: "ls_x" } }));
    const { context, out, err, wasClosed } = await contextWith(
      createDummyInstallation({ portalId: PORTAL }),
      scores,
    );
    const scopes = [
      mockListPage("contacts", null, ["1", "2"], null),
      mockBatchRead("contacts", ["1", "2"], ["city", "industry", "jobtitle"]),
    ];
    await exportCli(
      context,
      "--portal",
      "62515",
      "--object",
      "contacts",
      "--properties",
      "industry,city",
      "--no-events",
    );
    for (const scope of scopes) scope.done();
    const snapshots = out
      .text()
      .trim()
      .split("\n")
      .map((line) => parseSnapshot(JSON.parse(line)));
    expect(snapshots.map((s) => s.id)).toEqual(["1", "2"]);
    expect(err.text()).toBe("done: 2 contacts exported\n");
    expect(wasClosed()).toBe(true);
  });

  it("includes every engagement event and stored feed event of contacts by default", async () => {
    const { context, out } = await contextWith(
      createDummyInstallation({ portalId: PORTAL }),
      await scoresOf(jobtitleScore),
    );
    const scopes = [
      mockListPage("contacts", "7", ["8"], null),
      mockBatchRead("contacts", ["8"], ["jobtitle"]),
      mockEngagements("contacts", ["8"]),
    ];
    await exportCli(context, "--portal", "62515", "--object", "contacts", "--after", "7");
    for (const scope of scopes) scope.done();
    // With the form submission the app's poller stored for contact 8 (no HubSpot call for it).
    expect(parseSnapshot(JSON.parse(out.text())).events.map((e) => e.type)).toEqual([
      "form_submission",
      "note",
    ]);
  });

  it("says when no enabled score covers the object", async () => {
    const { context, err } = await contextWith(
      createDummyInstallation({ portalId: PORTAL }),
      await scoresOf(jobtitleScore),
    );
    const scopes = [mockListPage("companies", null, [], null)];
    await exportCli(context, "--portal", "62515", "--object", "companies");
    for (const scope of scopes) scope.done();
    expect(err.text()).toBe(
      "note: portal 62515 has no enabled companies score, so only HubSpot's default properties are read; name more with --properties\n" +
        "done: 0 companies exported\n",
    );
  });

  it("fails with a clear message when the portal is not installed, and closes the stores", async () => {
    const { context, wasClosed } = await contextWith(undefined, await scoresOf());
    const failure = exportCli(context, "--portal", "62515", "--object", "contacts");
    await expect(failure).rejects.toBeInstanceOf(CliError);
    await expect(failure).rejects.toMatchObject({
      exitCode: 1,
      lines: ["portal 62515 is not installed: install the app at https://ls.example.com/oauth/install"],
    });
    expect(wasClosed()).toBe(true);
  });

  it("fails with a clear message when the portal is disconnected", async () => {
    const installation = createDummyInstallation({
      portalId: PORTAL,
      status: "disconnected",
      disconnectedAtMs: T0,
      disconnectReason: "invalid_grant",
    });
    const { context } = await contextWith(installation, await scoresOf());
    await expect(exportCli(context, "--portal", "62515", "--object", "contacts")).rejects.toMatchObject({
      lines: [
        "portal 62515 is disconnected (invalid_grant) since 2026-11-23T12:00:00.000Z: reinstall the app at https://ls.example.com/oauth/install",
      ],
    });
  });

  it("rejects a bad --portal and an unknown --object through commander", async () => {
    const { context } = await contextWith(undefined, await scoresOf());
    const quiet = (program: Command) => program.configureOutput({ writeErr: () => {} });
    const parse = (...args: string[]) => {
      const program = quiet(new Command("lead-score").exitOverride());
      registerExportCommand(program, async () => context).exitOverride();
      quiet(program.commands[0] as Command);
      return program.parseAsync(["export", ...args], { from: "user" });
    };
    await expect(parse("--portal", "abc", "--object", "contacts")).rejects.toMatchObject({
      code: "commander.invalidArgument",
    });
    await expect(parse("--portal", "1", "--object", "tickets")).rejects.toMatchObject({
      code: "commander.invalidArgument",
    });
  });
});

describe("lead-score export with the app's wiring", () => {
  it("loads the config, opens the SQLite stores and exports through the door, with the stored resets", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "ls-export-")), "data");
    const env = {
      HUBSPOT_CLIENT_ID: "cid",
      HUBSPOT_CLIENT_SECRET: "csecret",
      PUBLIC_BASE_URL: "https://ls.example.com",
      ENCRYPTION_KEY: TEST_KEY,
      DATA_DIR: dataDir,
    };
    const uri = `sqlite://${dataDir}/lead-score.sqlite`;
    const installationsKeyv = await openKeyv<Installation>(uri, "installations");
    // A token valid for a day from now: the door must not need a refresh.
    await createKeyvInstallationStore(installationsKeyv).save(
      createDummyInstallation({
        portalId: PORTAL,
        accessToken: "at-sqlite",
        expiresAtMs: Date.now() + 86_400_000,
      }),
    );
    const scoresKeyv: Parameters<typeof createKeyvScoreStore>[0] = await openKeyv(uri, "scores");
    await createKeyvScoreStore(scoresKeyv).save(PORTAL, parseDefinition(jobtitleScore), meta);
    // A reset the running app stored, in the same database the export opens.
    const recordsKeyv: Parameters<typeof createKeyvRecordStore>[0] = await openKeyv(uri, "records");
    await createKeyvRecordStore(recordsKeyv).setReset(
      { portalId: PORTAL, object: "contacts", recordId: "5" },
      "fit",
      Date.parse("2026-10-15T00:00:00Z"),
    );
    await Promise.all([installationsKeyv.disconnect(), scoresKeyv.disconnect(), recordsKeyv.disconnect()]);

    const out = captureStream();
    const err = captureStream();
    const scope = nock(HUBSPOT, { reqheaders: { authorization: "Bearer at-sqlite" } })
      .get("/crm/v3/objects/contacts")
      .query({ limit: "100", properties: "hs_object_id", archived: "false" })
      .reply(200, {
        results: [
          { id: "5", properties: {}, createdAt: "2026-10-01T10:00:00Z", updatedAt: "2026-10-01T10:00:00Z" },
        ],
      })
      .post("/crm/v3/objects/contacts/batch/read", {
        inputs: [{ id: "5" }],
        properties: ["jobtitle"],
        propertiesWithHistory: [],
      })
      .reply(200, {
        status: "COMPLETE",
        results: [
          {
            id: "5",
            properties: { jobtitle: "CTO" },
            createdAt: "2026-10-01T10:00:00Z",
            updatedAt: "2026-10-01T10:00:00Z",
          },
        ],
        startedAt: "2026-10-01T10:00:00Z",
        completedAt: "2026-10-01T10:00:00Z",
      });
    const program = new Command("lead-score").exitOverride();
    registerExportCommand(program, () => openExportContext(env, { out: out.stream, err: err.stream }));
    await program.parseAsync(["export", "--portal", "62515", "--object", "contacts", "--no-events"], {
      from: "user",
    });
    scope.done();
    expect(JSON.parse(out.text())).toMatchObject({
      id: "5",
      object: "contacts",
      properties: { jobtitle: "CTO" },
      resets: { fit: "2026-10-15T00:00:00.000Z" },
    });
    expect(err.text()).toBe("done: 1 contacts exported\n");
  });
});
