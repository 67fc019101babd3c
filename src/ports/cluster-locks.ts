// What several app instances (REDIS_URL, docs/decisions.md §Several instances) must not do twice at once.
// With one instance the in-process versions (the scheduler's no-overlap rule, the worker's busy set) are
// enough, and these are absent.

export interface TaskLocks {
  /**
   * Runs `task` unless another instance is running the task of this name, or started it less than
   * `minGapMs` ago (two instances' timers both firing for one period); resolves true when it ran.
   */
  runAlone(name: string, minGapMs: number, task: () => Promise<unknown>): Promise<boolean>;
}

export interface RecordLocks {
  /** Takes, for `ttlMs`, those of `keys` no other instance holds; returns the keys taken. */
  take(keys: readonly string[], ttlMs: number): Promise<string[]>;
  /** Gives back keys taken by this instance. */
  release(keys: readonly string[]): Promise<void>;
}
