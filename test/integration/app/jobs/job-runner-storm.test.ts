import { Keyv } from "keyv";
import nock from "nock";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rapidRetryPolicy } from "../../../../src/adapters/hubspot-client/retry-policy.js";
import { createLocalJobQueue } from "../../../../src/adapters/queue/local-job-queue.js";
import { createKeyvJobStore } from "../../../../src/adapters/stores/keyv-job-store.js";
import { createJobRunner, type JobHandler } from "../../../../src/app/jobs/job-runner.js";
import { createScore } from "../../../../src/app/scores/save-score.js";
import { enableScore } from "../../../../src/app/scores/score-lifecycle.js";
import type { ScoresDeps } from "../../../../src/app/scores/scores-deps.js";
import { AppError } from "../../../../src/errors.js";
import type { Job, JobStore } from "../../../../src/ports/job-store.js";
import { createTestScoresDeps } from "../../../fixtures/app/create-test-scores-deps.js";
import { HUBSPOT } from "../../../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody, buildRecord } from "../../../fixtures/hubspot/crm-payloads.js";
import { type CrmWorld, meeting, mockCrmWorld } from "../../../fixtures/hubspot/mock-crm-world.js";
import { T0 } from "../../../fixtures/installation.js";
import { buildLeadScoreDraft, completedMeetingsGroup } from "../../../fixtures/score-drafts.js";
import { allowOnlyLocalhost } from "../../../support/allow-only-localhost.js";

// docs/decisions.md §Background jobs: an enable job meeting a 429 storm longer than the door's own
// retry budget (rapidRetryPolicy: 4 attempts a call) waits, honouring Retry-After, and resumes from
// its cursor instead of failing. The runner's sleep is injected and returns at once, so minutes of
// waiting take none; each wait is recorded with the job as it was saved meanwhile.

const PORTAL = 62515;
const BATCH_READ = "/crm/v3/objects/contacts/batch/read";

allowOnlyLocalhost();

let world: CrmWorld;
let deps: ScoresDeps;
let jobs: JobStore;
let runner: Awaited<ReturnType<typeof createTestScoresDeps>>["runner"];
let waits: { ms: number; job: Job | undefined }[];
let jobId: () => string;

beforeEach(async () => {
  world = {
    contacts: { "1": { jobtitle: "CTO" }, "2": {}, "3": {} },
    meetings: { m1: meeting("1", T0, 2), m2: meeting("2", T0, 1) },
    contactProperties: new Set(["jobtitle"]),
  };
  waits = [];
  let current = "";
  jobId = () => current;
  const setup = await createTestScoresDeps(PORTAL, {
    sleep: async (ms) => {
      waits.push({ ms, job: await jobs.get(PORTAL, current) });
    },
    random: () => 0.5,
  });
  ({ deps, jobs, runner } = setup);
  const start = deps.startJob;
  deps.startJob = async (...args) => {
    const job = await start(...args);
    current = job.id;
    return job;
  };
  await createScore(deps, PORTAL, buildLeadScoreDraft({ groups: [completedMeetingsGroup()] }), "test");
});
afterEach(() => nock.cleanAll());

/** `count` 429s on the batch read, ahead of the world that answers it afterwards. */
function storm(count: number, headers: Record<string, string> = {}) {
  return nock(HUBSPOT)
    .post(BATCH_READ)
    .times(count)
    .reply(429, buildErrorBody(429, "You have reached your ten_secondly_rolling limit."), headers);
}

describe("jobs outlive HubSpot rate-limit storms and outages", () => {
  it("waits out a 429 storm three times the door's retry budget and writes every record", async () => {
    const rateLimited = storm(rapidRetryPolicy.maxAttempts * 3);
    const crm = mockCrmWorld(world);
    await enableScore(deps, PORTAL, "lead", "test");
    await runner.onIdle();
    rateLimited.done();
    const job = await jobs.get(PORTAL, jobId());
    expect(job).toMatchObject({ status: "done", result: { evaluated: 3, updated: 3 } });
    expect(job?.waiting).toBeUndefined();
    expect(job?.error).toBeUndefined();
    for (const id of ["1", "2", "3"]) expect(world.contacts[id]?.ls_lead).toMatch(/^\d+$/);
    // Three waits growing 10 s → 20 s → 40 s (equal jitter at 0.5: three quarters of each ceiling).
    expect(waits.map((w) => w.ms)).toEqual([7_500, 15_000, 30_000]);
    // While waiting the job is running and says until when and why; its records are not yet written.
    expect(waits[0]?.job).toMatchObject({
      status: "running",
      waiting: { untilMs: T0 + 7_500, reason: "HubSpot's rate limit (429)" },
    });
    expect(crm.paths().filter((p) => p === `POST ${BATCH_READ}`)).toHaveLength(1);
  });

  it("waits as long as HubSpot's Retry-After asks when that is longer than its backoff", async () => {
    const rateLimited = storm(rapidRetryPolicy.maxAttempts, { "Retry-After": "120" });
    mockCrmWorld(world);
    await enableScore(deps, PORTAL, "lead", "test");
    await runner.onIdle();
    rateLimited.done();
    expect(waits.map((w) => w.ms)).toEqual([120_000]);
    expect(await jobs.get(PORTAL, jobId())).toMatchObject({ status: "done" });
  });

  it("waits out 5xx answers of an outage the same way, then resumes", async () => {
    const outage = nock(HUBSPOT)
      .post(BATCH_READ)
      .times(rapidRetryPolicy.maxAttempts * 2)
      .reply(503, buildErrorBody(503, "Service unavailable"));
    mockCrmWorld(world);
    await enableScore(deps, PORTAL, "lead", "test");
    await runner.onIdle();
    outage.done();
    expect(waits.map((w) => w.job?.waiting?.reason)).toEqual([
      "HubSpot answered 503",
      "HubSpot answered 503",
    ]);
    expect(await jobs.get(PORTAL, jobId())).toMatchObject({ status: "done", result: { updated: 3 } });
  });

  it("fails at once, saying why, on an error waiting cannot cure (403: a missing scope)", async () => {
    const refused = nock(HUBSPOT)
      .post(BATCH_READ)
      .reply(
        403,
        buildErrorBody(403, "This app hasn't been granted all required scopes", {
          category: "MISSING_SCOPES",
        }),
      );
    mockCrmWorld(world);
    await enableScore(deps, PORTAL, "lead", "test");
    await runner.onIdle();
    refused.done();
    expect(waits).toEqual([]);
    expect(await jobs.get(PORTAL, jobId())).toMatchObject({
      status: "failed",
      errorCode: "forbidden",
      error: expect.stringContaining("answered 403: This app hasn't been granted all required scopes"),
    });
  });
});

describe("a job waiting for HubSpot when the app stops", () => {
  const unreachable = () =>
    new AppError("upstream_failed", "HubSpot contacts list page for portal 7 failed: ECONNREFUSED", {
      status: null,
      retryable: true,
    });

  it("is left running with its wait and cursor, and the next start resumes it from that page", async () => {
    const store = createKeyvJobStore(new Keyv());
    const cursors: (string | null)[] = [];
    let reachable = false;
    // Page one succeeds; page two needs HubSpot, which is down until the restart.
    const handler: JobHandler = async (job, report) => {
      let { cursor } = job;
      let done = job.progress.done;
      do {
        cursors.push(cursor);
        if (cursor === "p2" && !reachable) throw unreachable();
        done += 100;
        cursor = cursor === null ? "p2" : null;
        await report({ progress: { done, total: 200 }, cursor });
      } while (cursor !== null);
      return { evaluated: done };
    };
    const runnerOn = (sleep: (ms: number, signal: AbortSignal) => Promise<void>) =>
      createJobRunner({
        jobs: store,
        handlers: { rescore: handler, preview: handler, performance: handler, suggest: handler },
        now: () => T0,
        logger: pino({ level: "silent" }),
        openQueue: (run) => createLocalJobQueue(run),
        sleep,
        random: () => 0.5,
      });
    let stop: () => Promise<void> = async () => {};
    // The first process stops while its job waits: the wait ends at once, nothing is marked failed.
    const first = runnerOn(async () => {
      await stop();
    });
    stop = () => first.close();
    const job = await first.start(7, "rescore", "lead");
    await first.onIdle();
    const saved = await store.get(7, job.id);
    expect(saved).toMatchObject({
      status: "running",
      cursor: "p2",
      progress: { done: 100 },
      waiting: { reason: "HubSpot could not be reached" },
    });
    expect((await store.unfinished()).map((j) => j.id)).toEqual([job.id]);

    reachable = true;
    cursors.length = 0;
    const second = runnerOn(async () => expect.unreachable("no wait once HubSpot answers"));
    expect(await second.resumeUnfinished()).toBe(1);
    await second.onIdle();
    expect(cursors).toEqual(["p2"]);
    const finished = await store.get(7, job.id);
    expect(finished).toMatchObject({ status: "done", progress: { done: 200 }, result: { evaluated: 200 } });
    expect(finished?.waiting).toBeUndefined();
  });
  it("fails, naming the listing, when HubSpot hands out the same paging cursor twice instead of looping", async () => {
    // Ahead of the world's own listing: every page says "more after p1".
    const repeating = nock(HUBSPOT)
      .get(/^\/crm\/v3\/objects\/contacts\?/)
      .times(2)
      .reply(200, { results: [buildRecord("1")], paging: { next: { after: "p1" } } });
    mockCrmWorld(world);
    await enableScore(deps, PORTAL, "lead", "test");
    await runner.onIdle();
    repeating.done();
    expect(waits).toEqual([]);
    expect(await jobs.get(PORTAL, jobId())).toMatchObject({
      status: "failed",
      error: expect.stringContaining('gave the paging cursor "p1" twice'),
    });
  });
});
