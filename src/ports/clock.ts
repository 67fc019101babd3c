// The app's time (docs/architecture.md §Tests: clocks are injected). Synchronous, because the engine, decay and
// timeframes read it in hot paths; an adapter that reads a remote clock caches it (adapters/clock).

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
