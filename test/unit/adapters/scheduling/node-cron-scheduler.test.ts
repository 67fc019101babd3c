import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createNodeCronScheduler } from "../../../../src/adapters/scheduling/node-cron-scheduler.js";

// Fake timers move time here: node-cron and the intervals read the same faked clock and timers.

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-11-20T00:00:00.500Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createNodeCronScheduler", () => {
  it("fires a period every everyMs until cancelled", async () => {
    let fired = 0;
    const cancel = createNodeCronScheduler().schedule("poll", { everyMs: 1_000 }, () => {
      fired += 1;
    });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(fired).toBe(3);
    cancel();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(fired).toBe(3);
  });

  it("fires a cron expression at its wall-clock times until cancelled", async () => {
    const at: string[] = [];
    const cancel = createNodeCronScheduler().schedule("decay", { cron: "*/2 * * * * *" }, () => {
      at.push(new Date().toISOString().slice(17, 19));
    });
    await vi.advanceTimersByTimeAsync(5_000);
    cancel();
    const seen = at.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(at.length).toBe(seen);
    expect(at).toEqual(["02", "04"]);
  });
});
