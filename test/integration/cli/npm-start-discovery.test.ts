import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveAdminApi } from "../../../src/cli/admin-api-client.js";
import { openExportContext } from "../../../src/cli/open-export-context.js";
import { registerSandboxCommand } from "../../../src/cli/sandbox-command.js";
import { createHttpApp } from "../../../src/http/create-http-app.js";
import { type NpmStartRecord, writeNpmStartFile } from "../../../src/sandbox-mode/npm-start-file.js";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";
import { captureStream } from "../../support/capture-stream.js";

// The commands that talk to a portal find the sandbox and app of a running `npm start` in
// DATA_DIR/npm-start.json when no flag or variable names one, and say which they used; a record
// left by a start that is gone is an error naming what to pass instead.

let dataDir: string;
let sandbox: TestSandbox;
let app: Server;
let appUrl: string;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "lead-score-npm-start-"));
  sandbox = await startTestSandbox({ seed: "none" });
  app = createHttpApp({ version: "t" }).listen(0, "127.0.0.1");
  await new Promise((done) => app.once("listening", done));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await sandbox.close();
  await new Promise((done) => app.close(done));
  rmSync(dataDir, { recursive: true, force: true });
});

const record = (overrides: Partial<NpmStartRecord> = {}): NpmStartRecord => ({
  pid: process.pid,
  appUrl,
  sandboxUrl: sandbox.url,
  portalId: 90000001,
  adminToken: "recorded-admin-token-0123",
  startedAt: "2026-12-01T00:00:00.000Z",
  ...overrides,
});
const file = () => `${dataDir}/npm-start.json`;

async function sandboxCommand(args: string[], env: Record<string, string>) {
  const out = captureStream();
  const err = captureStream();
  const program = new Command("lead-score").exitOverride();
  registerSandboxCommand(program, { out: out.stream, err: err.stream, env });
  await program.parseAsync(["node", "lead-score", "sandbox", ...args]);
  return { out: out.text(), err: err.text() };
}

describe("lead-score sandbox with no --url or SANDBOX_URL", () => {
  it("acts on the sandbox npm start recorded and says so on stderr", async () => {
    writeNpmStartFile(dataDir, record());
    const { out, err } = await sandboxCommand(["advance-clock", "1d"], { DATA_DIR: dataDir });
    expect(out).toMatch(/^sandbox clock: /);
    expect(err).toBe(`using the sandbox of npm start at ${sandbox.url} (portal 90000001, from ${file()})\n`);
  });

  it("prefers SANDBOX_URL to the record", async () => {
    writeNpmStartFile(dataDir, record({ sandboxUrl: "http://127.0.0.1:1" }));
    const { err } = await sandboxCommand(["stats"], { DATA_DIR: dataDir, SANDBOX_URL: sandbox.url });
    expect(err).toBe("");
  });

  it("a record whose process is gone names the flag to pass", async () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    writeNpmStartFile(dataDir, record({ pid: gone }));
    await expect(sandboxCommand(["stats"], { DATA_DIR: dataDir })).rejects.toThrow(
      `${file()} names the sandbox of an npm start that has stopped (process ${gone} is gone): start npm start again, or pass --url or set SANDBOX_URL`,
    );
  });

  it("a record whose URL does not answer names the flag to pass", async () => {
    writeNpmStartFile(dataDir, record({ sandboxUrl: "http://127.0.0.1:1" }));
    await expect(sandboxCommand(["stats"], { DATA_DIR: dataDir })).rejects.toThrow(
      "does not answer at http://127.0.0.1:1: start npm start again, or pass --url or set SANDBOX_URL",
    );
  });

  it("with no record, asks for --url or SANDBOX_URL as before", async () => {
    await expect(sandboxCommand(["stats"], { DATA_DIR: dataDir })).rejects.toThrow(
      /pass --url .* or set SANDBOX_URL/,
    );
  });
});

describe("lead-score rescore and export with no flags or variables naming a portal", () => {
  it("rescore uses the recorded app, its admin token and portal", async () => {
    writeNpmStartFile(dataDir, record());
    const err = captureStream();
    expect(await resolveAdminApi({}, { env: { DATA_DIR: dataDir }, err: err.stream })).toEqual({
      url: appUrl,
      token: "recorded-admin-token-0123",
      portalId: 90000001,
    });
    expect(err.text()).toBe(`using the app of npm start at ${appUrl} (portal 90000001, from ${file()})\n`);
    // --url and --portal still win, and then the record is not read.
    const given = await resolveAdminApi(
      { url: "http://localhost:9", portal: 7, token: "t".repeat(16) },
      { env: { DATA_DIR: dataDir }, err: err.stream },
    );
    expect(given).toEqual({ url: "http://localhost:9", token: "t".repeat(16), portalId: 7 });
  });

  it("export reads the recorded sandbox's API and portal instead of api.hubapi.com", async () => {
    writeNpmStartFile(dataDir, record());
    const out = captureStream();
    const err = captureStream();
    const context = await openExportContext({ DATA_DIR: dataDir }, { out: out.stream, err: err.stream });
    try {
      expect(context.defaultPortalId).toBe(90000001);
      expect(context.installUrl).toBe(`${appUrl}/oauth/install`);
      expect(err.text()).toBe(
        `using the sandbox of npm start at ${sandbox.url} (portal 90000001, from ${file()})\n`,
      );
    } finally {
      await context.close();
    }
  });

  it("export with HUBSPOT_API_BASE_URL set does not read the record", async () => {
    writeNpmStartFile(dataDir, record({ pid: spawnSync(process.execPath, ["-e", ""]).pid }));
    const err = captureStream();
    const context = await openExportContext(
      { DATA_DIR: dataDir, HUBSPOT_API_BASE_URL: sandbox.url },
      { out: captureStream().stream, err: err.stream },
    );
    expect(context.defaultPortalId).toBeUndefined();
    await context.close();
    expect(err.text()).toBe("");
  });
});
