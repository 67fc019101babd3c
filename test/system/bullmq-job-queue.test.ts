import { randomUUID } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { Keyv } from "keyv";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createBullmqJobQueue } from "../../src/adapters/queue/bullmq-job-queue.js";
import { createKeyvJobStore } from "../../src/adapters/stores/keyv-job-store.js";
import { createJobRunner, type JobHandler, type JobRunner } from "../../src/app/jobs/job-runner.js";
import type { JobKind } from "../../src/ports/job-store.js";
import { jobQueueContract } from "../support/job-queue-contract.js";
import { useRedisServer } from "./support/start-redis.js";

// The job queue with REDIS_URL (docs/decisions.md §Background jobs): the contract every job queue keeps,
// then two instances' runners on one BullMQ queue and one job store. A job started on either runs once,
// on one of them; a job whose instance died moves on.

const server = useRedisServer();
const closing: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close().catch(() => undefined);
});

const logger = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two instances: each its own runner and BullMQ worker, sharing Redis and one job store. */
function twoInstances(handler: (instance: string) => JobHandler) {
  const { url } = server();
  const prefix = `t-${randomUUID()}`;
  const jobs = createKeyvJobStore(new Keyv());
  const instance = (name: string): JobRunner => {
    const handlers = { rescore: handler(name), preview: handler(name) } as Record<JobKind, JobHandler>;
    const runner = createJobRunner({
      jobs,
      handlers,
      now: Date.now,
      logger,
      openQueue: (run) => createBullmqJobQueue({ url, prefix, lockMs: 600, stalledCheckMs: 200 }, run),
    });
    closing.push(() => runner.close());
    return runner;
  };
  return { jobs, prefix, a: instance("a"), b: instance("b") };
}

describe("BullMQ job queue: the job queue contract", { timeout: 30_000 }, () => {
  jobQueueContract(() => {
    const prefix = `contract-${randomUUID()}`;
    return (run, { concurrency }) =>
      createBullmqJobQueue({ url: server().url, prefix, concurrency, idlePollMs: 10 }, run);
  });
});

describe("BullMQ job queue: two instances", { timeout: 30_000 }, () => {
  it("runs each job once, spread over both instances, and onIdle waits for all of them", async () => {
    const ranOn: string[] = [];
    const { jobs, a, b } = twoInstances((name) => async (job, report) => {
      await sleep(50);
      ranOn.push(name);
      await report({ progress: { done: 1, total: 1 }, cursor: null });
      return { ranOn: name, scoreId: job.scoreId };
    });
    const started = [];
    for (let i = 0; i < 8; i++) started.push(await (i % 2 ? a : b).start(7, "rescore", `s${i}`));
    await a.onIdle();
    await b.onIdle();
    expect(ranOn).toHaveLength(8);
    expect(new Set(ranOn)).toEqual(new Set(["a", "b"]));
    for (const job of started)
      expect(await jobs.get(7, job.id)).toMatchObject({ status: "done", result: { scoreId: job.scoreId } });
    // A finished job queued again (a resume) does not run again: the stored job says done.
    expect(await a.resumeUnfinished()).toBe(0);
  });

  it("hands a running job of an instance that died to another, which resumes it from its saved page", async () => {
    const { url } = server();
    const prefix = `t-${randomUUID()}`;
    const jobs = createKeyvJobStore(new Keyv());
    const job = {
      id: randomUUID(),
      portalId: 7,
      kind: "rescore" as const,
      scoreId: "s1",
      status: "running" as const,
      progress: { done: 1, total: 2 },
      cursor: "page-1",
      createdAtMs: Date.now(),
      updatedAtMs: Date.now(),
    };
    await jobs.save(job);
    // What kill -9 leaves: the job taken by an instance's worker, which saved a page and vanished.
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue("jobs", { connection, prefix });
    await queue.add("run", { portalId: 7, jobId: job.id }, { jobId: job.id });
    const dying = new Worker("jobs", null, { connection, prefix, autorun: false, lockDuration: 600 });
    expect(await dying.getNextJob(randomUUID(), { block: false })).toBeDefined();
    connection.disconnect();

    const resumedFrom: unknown[] = [];
    const survivor = createJobRunner({
      jobs,
      handlers: {
        rescore: async (running, report) => {
          resumedFrom.push(running.cursor);
          await report({ progress: { done: 2, total: 2 }, cursor: null });
          return { evaluated: 2 };
        },
      } as Partial<Record<JobKind, JobHandler>> as Record<JobKind, JobHandler>,
      now: Date.now,
      logger,
      openQueue: (run) => createBullmqJobQueue({ url, prefix, lockMs: 600, stalledCheckMs: 200 }, run),
    });
    closing.push(() => survivor.close());
    await survivor.onIdle();
    expect(resumedFrom).toEqual(["page-1"]);
    expect(await jobs.get(7, job.id)).toMatchObject({ status: "done", result: { evaluated: 2 } });
  });
});
