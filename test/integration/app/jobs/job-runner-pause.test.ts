import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rapidRetryPolicy } from "../../../../src/adapters/hubspot-client/retry-policy.js";
import { createLocalJobQueue } from "../../../../src/adapters/queue/local-job-queue.js";
import { createKeyvJobStore } from "../../../../src/adapters/stores/keyv-job-store.js";
import { openKeyv } from "../../../../src/adapters/stores/open-keyv.js";
import { createJobRunner, type JobHandler } from "../../../../src/app/jobs/job-runner.js";
import { composeDoor } from "../../../../src/compose/compose-door.js";
import { loadConfig } from "../../../../src/config.js";
import { AppError } from "../../../../src/errors.js";
import { createLogger } from "../../../../src/logger.js";
import type { Job, JobStore } from "../../../../src/ports/job-store.js";
import {
  createDummyInstallation,
  createMemoryInstallationStore,
  createTestCipher,
  TEST_KEY,
} from "../../../fixtures/installation.js";

// docs/decisions.md §Disconnected portals pause: "invalid_grant ... pauses that portal's work without
// dropping it". A job whose handler meets a disconnected portal is saved as paused, with its cursor, on the
// real SQLite job store.

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const disconnected = (portalId: number) =>
  new AppError("disconnected", `portal ${portalId} is disconnected (invalid_grant): reinstall`, {
    portalId,
    reason: "invalid_grant",
  });

let dir: string;
let keyv: Keyv<Job | string[]>;
let jobs: JobStore;
let logLines: Record<string, unknown>[];

function runnerWith(rescore: JobHandler) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return createJobRunner({
    jobs,
    handlers: {
      rescore,
      preview: async () => ({}),
      performance: async () => ({}),
      suggest: async () => ({}),
    },
    now: () => T0,
    logger: createLogger("info", sink),
    openQueue: (run) => createLocalJobQueue(run),
  });
}

/** Two pages, then the portal disconnects while `connected` is false; resumes from the saved cursor. */
function pagedHandler(state: { connected: boolean; cursors: (string | null)[] }): JobHandler {
  return async (job, report) => {
    let { cursor } = job;
    let done = job.progress.done;
    do {
      state.cursors.push(cursor);
      if (!state.connected && cursor === "p2") throw disconnected(job.portalId);
      done += 100;
      cursor = cursor === null ? "p2" : cursor === "p2" ? "p3" : null;
      await report({ progress: { done, total: null }, cursor });
    } while (cursor !== null);
    return { evaluated: done };
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "ls-jobs-"));
  keyv = await openKeyv<Job | string[]>(`sqlite://${join(dir, "db.sqlite")}`, "jobs");
  jobs = createKeyvJobStore(keyv);
  logLines = [];
});
afterEach(async () => {
  nock.cleanAll();
  await keyv.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("job runner and disconnected portals", () => {
  it("saves the job as paused with its cursor, keeps it unfinished and logs why", async () => {
    const state = { connected: false, cursors: [] as (string | null)[] };
    const runner = runnerWith(pagedHandler(state));
    const job = await runner.start(7, "rescore", "lead");
    await runner.onIdle();
    const saved = await jobs.get(7, job.id);
    expect(saved).toMatchObject({
      status: "paused",
      cursor: "p2",
      progress: { done: 100, total: null },
      error: expect.stringContaining("disconnected"),
    });
    expect((await jobs.unfinished()).map((j) => j.id)).toEqual([job.id]);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        level: 40,
        portalId: 7,
        jobId: job.id,
        cursor: "p2",
        reason: "invalid_grant",
        msg: expect.stringContaining("job paused"),
      }),
    );
    expect(logLines.some((line) => line.msg === "job failed")).toBe(false);
  });

  it("resumePortal re-queues only that portal's paused jobs, from their cursor, once", async () => {
    const state = { connected: false, cursors: [] as (string | null)[] };
    const runner = runnerWith(pagedHandler(state));
    const paused = await runner.start(7, "rescore", "lead");
    const other = await runner.start(8, "rescore", "lead");
    await runner.onIdle();
    state.connected = true;
    state.cursors = [];

    const counts = await Promise.all([runner.resumePortal(7), runner.resumePortal(7)]);
    await runner.onIdle();
    expect(counts.sort()).toEqual([0, 1]);
    expect(state.cursors).toEqual(["p2", "p3"]);
    const done = await jobs.get(7, paused.id);
    expect(done).toMatchObject({ status: "done", progress: { done: 300 }, result: { evaluated: 300 } });
    expect(done?.error).toBeUndefined();
    expect((await jobs.get(8, other.id))?.status).toBe("paused");
    expect((await jobs.unfinished()).map((j) => j.id)).toEqual([other.id]);
  });

  it("resumes paused jobs after a restart (a new runner on the same store)", async () => {
    const state = { connected: false, cursors: [] as (string | null)[] };
    const first = runnerWith(pagedHandler(state));
    const job = await first.start(7, "rescore", "lead");
    await first.onIdle();

    state.connected = true;
    const restarted = runnerWith(pagedHandler(state));
    expect(await restarted.resumeUnfinished()).toBe(1);
    await restarted.onIdle();
    expect((await jobs.get(7, job.id))?.status).toBe("done");
    expect(await jobs.unfinished()).toEqual([]);
  });

  it("still fails a job on any other error", async () => {
    const runner = runnerWith(async () => {
      throw new AppError("forbidden", "HubSpot answered 403");
    });
    const job = await runner.start(7, "rescore", "lead");
    await runner.onIdle();
    expect(await jobs.get(7, job.id)).toMatchObject({ status: "failed", error: "HubSpot answered 403" });
    expect(await jobs.unfinished()).toEqual([]);
  });

  it("pauses a job whose portal HubSpot disconnects mid-run (invalid_grant on refresh, through the door)", async () => {
    nock.disableNetConnect();
    const api = "https://api.hubapi.com";
    const config = loadConfig({
      HUBSPOT_CLIENT_ID: "cid",
      HUBSPOT_CLIENT_SECRET: "csecret",
      PUBLIC_BASE_URL: "https://ls.example.com",
      ENCRYPTION_KEY: TEST_KEY,
    });
    const installations = createMemoryInstallationStore();
    // The token expires within the refresh margin, so the first CRM call refreshes it.
    await installations.save(createDummyInstallation({ portalId: 7, expiresAtMs: T0 + 60_000 }));
    const door = composeDoor({
      config,
      installations,
      logger: createLogger("silent"),
      cipher: createTestCipher(),
      now: () => T0,
      pacing: { policy: rapidRetryPolicy, sleep: async () => {}, random: () => 0.5 },
    });
    const scope = nock(api)
      .post("/oauth/2026-03/token")
      .reply(400, { error: "invalid_grant", error_description: "refresh token revoked" });
    const runner = runnerWith(async (job) => door.crmFor(job.portalId).listRecordIds("contacts", job.cursor));
    const job = await runner.start(7, "rescore", "lead");
    await runner.onIdle();
    scope.done();
    expect(await jobs.get(7, job.id)).toMatchObject({ status: "paused" });
    expect(await installations.get(7)).toMatchObject({
      status: "disconnected",
      disconnectReason: "invalid_grant",
    });
  });
});
