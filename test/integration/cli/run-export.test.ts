import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createKeyvRecordStore } from "../../../src/adapters/stores/keyv-record-store.js";
import type { SnapshotNeeds } from "../../../src/app/snapshot-needs.js";
import { CliError } from "../../../src/cli/cli-error.js";
import { runExport } from "../../../src/cli/export-command.js";
import type { RecordStore } from "../../../src/ports/record-store.js";
import { parseSnapshot } from "../../../src/scoring/index.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import {
  ids,
  mockBatchRead,
  mockEngagements,
  mockListPage,
} from "../../fixtures/hubspot/mock-export-portal.js";
import { captureStream } from "../../support/capture-stream.js";

// `lead-score export` streams docs/scoring.md snapshots page by page and prints where to resume.

const PORTAL = 62515;

async function exportWith(
  options: Parameters<typeof runExport>[0],
  needs: SnapshotNeeds = { properties: ["jobtitle"] },
  records: RecordStore = createKeyvRecordStore(new Keyv()),
) {
  const out = captureStream();
  const err = captureStream();
  const run = runExport(options, {
    crm: createTestCrmClient().client,
    needs,
    resets: (recordIds) => records.resets(PORTAL, options.object, recordIds),
    out: out.stream,
    err: err.stream,
  });
  const result = await run.then(
    (summary) => ({ summary, error: undefined }),
    (error: unknown) => ({ summary: undefined, error }),
  );
  const lines = out.text().split("\n").filter(Boolean);
  return { ...result, lines, snapshots: lines.map((l) => parseSnapshot(JSON.parse(l))), stderr: err.text() };
}

function idsFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "ls-export-")), "ids.txt");
  writeFileSync(path, content);
  return path;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("runExport over every record", () => {
  it("reads pages of 100 ids, writes one snapshot per line and prints the cursor after each page", async () => {
    const scopes = [
      mockListPage("contacts", null, ids(1, 100), "101"),
      mockBatchRead("contacts", ids(1, 100), ["jobtitle"]),
      mockListPage("contacts", "101", ids(101, 150), null),
      mockBatchRead("contacts", ids(101, 150), ["jobtitle"]),
    ];
    const run = await exportWith({ object: "contacts" });
    for (const scope of scopes) scope.done();
    expect(run.summary).toEqual({ exported: 150, missing: 0 });
    expect(run.snapshots.map((s) => s.id)).toEqual(ids(1, 150));
    expect(run.snapshots[0]).toMatchObject({ object: "contacts", properties: { jobtitle: "title 1" } });
    expect(run.stderr).toBe("next: --after 101  (100 contacts so far)\ndone: 150 contacts exported\n");
  });

  it("writes each record's resets as the app holds them, score id to ISO instant, and none for a record never reset", async () => {
    // docs/scoring.md §Resets: without them an export evaluates events the portal's value ignores.
    const records = createKeyvRecordStore(new Keyv());
    const resetAtMs = Date.parse("2026-11-02T09:30:00Z");
    await records.setReset({ portalId: PORTAL, object: "contacts", recordId: "2" }, "lead", resetAtMs);
    await records.setReset({ portalId: PORTAL, object: "contacts", recordId: "2" }, "fit", resetAtMs + 1);
    // The same record id of another portal or object is another record.
    await records.setReset({ portalId: PORTAL + 1, object: "contacts", recordId: "1" }, "lead", resetAtMs);
    await records.setReset({ portalId: PORTAL, object: "companies", recordId: "1" }, "lead", resetAtMs);
    const scopes = [
      mockListPage("contacts", null, ["1", "2"], null),
      mockBatchRead("contacts", ["1", "2"], ["jobtitle"]),
    ];
    const run = await exportWith({ object: "contacts" }, { properties: ["jobtitle"] }, records);
    for (const scope of scopes) scope.done();
    const [first, second] = run.lines.map((line) => JSON.parse(line));
    expect(first).not.toHaveProperty("resets");
    expect(second.resets).toEqual({ lead: "2026-11-02T09:30:00.000Z", fit: "2026-11-02T09:30:00.001Z" });
    expect(run.snapshots[1]?.resets).toEqual({ lead: resetAtMs, fit: resetAtMs + 1 });
  });

  it("continues with --after from the printed cursor, without the first page", async () => {
    const scopes = [
      mockListPage("companies", "101", ids(101, 150), null),
      mockBatchRead("companies", ids(101, 150), ["jobtitle"]),
    ];
    const run = await exportWith({ object: "companies", after: "101" });
    for (const scope of scopes) scope.done();
    expect(run.snapshots.map((s) => s.id)).toEqual(ids(101, 150));
    expect(run.stderr).toBe("done: 50 companies exported\n");
  });

  it("includes engagement events when the needs ask for them", async () => {
    const scopes = [
      mockListPage("contacts", null, ["1", "2"], null),
      mockBatchRead("contacts", ["1", "2"], ["jobtitle"]),
      mockEngagements("contacts", ["1", "2"]),
    ];
    const run = await exportWith({ object: "contacts" }, { properties: ["jobtitle"], events: {} });
    for (const scope of scopes) scope.done();
    expect(run.snapshots.map((s) => s.events)).toEqual([
      [{ type: "note", atMs: Date.parse("2026-10-02T00:00:00Z"), properties: expect.any(Object) }],
      [{ type: "note", atMs: Date.parse("2026-10-02T00:00:00Z"), properties: expect.any(Object) }],
    ]);
  });

  it("stops on a HubSpot error with the --after that repeats no page, keeping what was written", async () => {
    const scopes = [
      mockListPage("contacts", null, ids(1, 100), "101"),
      mockBatchRead("contacts", ids(1, 100), ["jobtitle"]),
      mockListPage("contacts", "101", ids(101, 110), null),
      nock(HUBSPOT)
        .post("/crm/v3/objects/contacts/batch/read")
        .reply(403, buildErrorBody(403, "This app hasn't been granted all required scopes")),
    ];
    const run = await exportWith({ object: "contacts" });
    for (const scope of scopes) scope.done();
    expect(run.lines).toHaveLength(100);
    expect(run.error).toBeInstanceOf(CliError);
    expect((run.error as CliError).lines).toEqual([
      expect.stringMatching(/^export stopped: HubSpot contacts batch read for portal 123 answered 403/),
      "to continue, run the same command with --after 101",
    ]);
  });
});

describe("runExport --ids FILE", () => {
  const file = () => idsFile(`${ids(1, 250).join("\n")}\n\n`);

  it("reads the file in chunks of 100, reporting the number of ids done as the cursor", async () => {
    const scopes = [
      mockBatchRead("deals", ids(1, 100), ["jobtitle"]),
      mockBatchRead("deals", ids(101, 200), ["jobtitle"]),
      mockBatchRead("deals", ids(201, 250), ["jobtitle"], ["249", "250"]),
    ];
    const run = await exportWith({ object: "deals", idsFile: file() });
    for (const scope of scopes) scope.done();
    expect(run.snapshots).toHaveLength(248);
    expect(run.summary).toEqual({ exported: 248, missing: 2 });
    expect(run.stderr).toBe(
      [
        "next: --after 100  (100 deals so far)",
        "next: --after 200  (200 deals so far)",
        "warning: not in HubSpot (deleted or wrong id): 249, 250",
        "done: 248 deals exported",
        "",
      ].join("\n"),
    );
  });

  it("resumes after the given number of ids", async () => {
    const scope = mockBatchRead("deals", ids(201, 250), ["jobtitle"]);
    const run = await exportWith({ object: "deals", idsFile: file(), after: "200" });
    scope.done();
    expect(run.snapshots.map((s) => s.id)).toEqual(ids(201, 250));
  });

  it("rejects a line that is not a record id and a cursor that is not a count, before any call", async () => {
    const bad = await exportWith({ object: "deals", idsFile: idsFile("1\nabc\n3\n") });
    expect((bad.error as CliError).lines).toEqual([
      expect.stringMatching(/ids\.txt:2: "abc" is not a HubSpot record id$/),
    ]);
    const cursor = await exportWith({ object: "deals", idsFile: file(), after: "MTAx" });
    expect((cursor.error as CliError).lines).toEqual([
      '--after: with --ids, expected the number of ids already exported, got "MTAx"',
    ]);
    const missing = await exportWith({ object: "deals", idsFile: "/nonexistent/ids.txt" });
    expect((missing.error as CliError).lines).toEqual(["/nonexistent/ids.txt: file not found"]);
  });
});
