import type { Database } from "better-sqlite3";

// The sandbox's own time (docs/decisions.md §Sandbox clock): the real (or injected) time plus an offset that
// POST /__sandbox/clock advances. The offset lives in SQLite, so a restarted sandbox keeps the
// time it was moved to. Timestamps the sandbox writes (hs_lastmodifieddate, token expiry, the
// rate-limit windows) all read this clock, so tests move time instead of sleeping.

export interface SandboxClock {
  nowMs(): number;
  /** How far the clock has been moved ahead of the real time, in milliseconds. */
  offsetMs(): number;
  /** Moves the clock forward; a negative amount is refused (HubSpot's time never runs back). */
  advance(ms: number): number;
}

export function createSandboxClock(db: Database, base: () => number = Date.now): SandboxClock {
  const read = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'clock_offset_ms'");
  const write = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_offset_ms', ?)");
  let offsetMs = Number(read.get()?.value ?? 0);
  return {
    nowMs: () => base() + offsetMs,
    offsetMs: () => offsetMs,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`the clock only moves forward; got ${ms} ms`);
      offsetMs += ms;
      write.run(String(offsetMs));
      return base() + offsetMs;
    },
  };
}
