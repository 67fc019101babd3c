import { pino } from "pino";
import { describe, expect, it } from "vitest";
import {
  createPipelineScheduler,
  type ScheduledJob,
} from "../../../../src/app/pipeline/pipeline-scheduler.js";
import type { TaskLocks } from "../../../../src/ports/cluster-locks.js";
import type { Scheduler, Trigger } from "../../../../src/ports/scheduler.js";

// The scheduler decides what runs when a trigger fires; the Scheduler port owns the timers, so a
// fake one fires triggers by hand here and no test waits for a clock.

const logger = pino({ level: "silent" });

/** A Scheduler whose triggers fire when the test says; `active` lists what is scheduled now. */
function manualScheduler() {
  const active = new Map<string, { trigger: Trigger; fire: () => void }>();
  const scheduler: Scheduler = {
    schedule(name, trigger, fire) {
      active.set(name, { trigger, fire });
      return () => active.delete(name);
    },
  };
  const fire = (name: string) => active.get(name)?.fire();
  return { scheduler, active, fire };
}

/** A task whose runs stay pending until released, counting how many started. */
function gatedTask() {
  const state = { started: 0, release: () => {} };
  const run = () => {
    state.started += 1;
    return new Promise<void>((resolve) => {
      state.release = resolve;
    });
  };
  return { state, run };
}

/** One gated task on a manual Scheduler, started: the test fires its trigger and releases its runs. */
function startedGatedTask(name: string) {
  const { scheduler, fire } = manualScheduler();
  const task = gatedTask();
  const pipeline = createPipelineScheduler([{ name, everyMs: 1_000, run: task.run }], { scheduler, logger });
  pipeline.start();
  return { pipeline, task, fire: () => fire(name) };
}

describe("createPipelineScheduler", () => {
  it("hands each task's trigger to the Scheduler on start and cancels them all on stop", async () => {
    const { scheduler, active } = manualScheduler();
    const jobs: ScheduledJob[] = [
      { name: "decay", cron: "* * * * *", periodMs: 60_000, run: async () => undefined },
      { name: "poll-modified", everyMs: 300_000, run: async () => undefined },
    ];
    const pipeline = createPipelineScheduler(jobs, { scheduler, logger });
    expect(active.size).toBe(0);
    pipeline.start();
    expect(Object.fromEntries([...active].map(([name, { trigger }]) => [name, trigger]))).toEqual({
      decay: { cron: "* * * * *" },
      "poll-modified": { everyMs: 300_000 },
    });
    await pipeline.stop();
    expect(active.size).toBe(0);
  });

  it("never overlaps a task with itself: a trigger during a run joins it, the next one runs again", async () => {
    const { pipeline, task, fire } = startedGatedTask("sweep");
    fire();
    fire();
    const joined = pipeline.run("sweep");
    expect(task.state.started).toBe(1);
    task.state.release();
    await joined;
    fire();
    expect(task.state.started).toBe(2);
    task.state.release();
    await pipeline.stop();
  });

  it("stop waits for the run in progress", async () => {
    const { pipeline, task, fire } = startedGatedTask("purge");
    fire();
    let stopped = false;
    const stopping = pipeline.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    task.state.release();
    await stopping;
    expect(stopped).toBe(true);
  });

  it("with TaskLocks runs each task through runAlone, with half its period as the gap", async () => {
    const { scheduler } = manualScheduler();
    const calls: [string, number][] = [];
    const locks: TaskLocks = {
      async runAlone(name, minGapMs, task) {
        calls.push([name, minGapMs]);
        await task();
        return true;
      },
    };
    const ran: string[] = [];
    const pipeline = createPipelineScheduler(
      [
        { name: "sweep", cron: "17 3 * * *", periodMs: 86_400_000, run: async () => ran.push("sweep") },
        { name: "poll-lists", everyMs: 900_000, run: async () => ran.push("poll-lists") },
      ],
      { scheduler, logger, locks },
    );
    await pipeline.run("sweep");
    await pipeline.run("poll-lists");
    expect(calls).toEqual([
      ["sweep", 43_200_000],
      ["poll-lists", 450_000],
    ]);
    expect(ran).toEqual(["sweep", "poll-lists"]);
  });

  it("logs a failing run instead of throwing, and rejects an unknown task", async () => {
    const { scheduler } = manualScheduler();
    const pipeline = createPipelineScheduler(
      [
        {
          name: "compact-history",
          everyMs: 1_000,
          run: async () => {
            throw new Error("disk full");
          },
        },
      ],
      { scheduler, logger },
    );
    await expect(pipeline.run("compact-history")).resolves.toBeUndefined();
    await expect(pipeline.run("nope")).rejects.toThrow("no scheduled job named nope");
  });
});
