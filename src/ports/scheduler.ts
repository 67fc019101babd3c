// When timed work fires (the pipeline's decay cron, polls, sweep and purges). Use cases say what
// runs and how often; the adapter (src/adapters/scheduling/node-cron-scheduler.ts) owns the timers.

/** A wall-clock cron expression (six fields: seconds first), or a fixed period in milliseconds. */
export type Trigger = { cron: string } | { everyMs: number };

export interface Scheduler {
  /** Calls `fire` at every trigger until the returned function is called. */
  schedule(name: string, trigger: Trigger, fire: () => void): () => void;
}
