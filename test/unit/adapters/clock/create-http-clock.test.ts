import { describe, expect, it } from "vitest";
import { createHttpClock } from "../../../../src/adapters/clock/create-http-clock.js";

// The app's clock in sandbox mode: synchronous now() from the last offset read, the remote time
// taken at the middle of the round trip.

function remote(nowMs: () => number, local: { ms: number }, roundTripMs = 0) {
  return (async () => {
    local.ms += roundTripMs;
    return new Response(JSON.stringify({ nowMs: nowMs() }));
  }) as unknown as typeof fetch;
}

describe("createHttpClock", () => {
  it("follows the remote clock, moved by the local time elapsed since the last read", async () => {
    const local = { ms: 1_000_000 };
    let remoteMs = 5_000_000;
    const clock = await createHttpClock({
      url: "http://sandbox/__sandbox/clock",
      fetch: remote(() => remoteMs, local),
      localNow: () => local.ms,
    });
    expect(clock.now()).toBe(5_000_000);
    local.ms += 250;
    expect(clock.now()).toBe(5_000_250);
    remoteMs += 86_400_000;
    await clock.refresh();
    expect(clock.now()).toBe(remoteMs);
    clock.stop();
  });

  it("takes the remote time as read at the middle of the round trip", async () => {
    const local = { ms: 0 };
    const clock = await createHttpClock({
      url: "http://x",
      fetch: remote(() => 10_000, local, 100),
      localNow: () => local.ms,
    });
    // Sent at 0, answered at 100: the remote 10,000 was our 50, so now (100) is 10,050.
    expect(clock.now()).toBe(10_050);
    clock.stop();
  });

  it("refuses to start without a first reading, and keeps the last offset when a refresh fails", async () => {
    const failing = (async () => new Response("nope", { status: 503 })) as unknown as typeof fetch;
    await expect(createHttpClock({ url: "http://x", fetch: failing })).rejects.toThrow(/answered 503/);
    const local = { ms: 0 };
    let up = true;
    const flaky = (async () =>
      up
        ? new Response(JSON.stringify({ nowMs: 42 }))
        : new Response("", { status: 500 })) as unknown as typeof fetch;
    const clock = await createHttpClock({ url: "http://x", fetch: flaky, localNow: () => local.ms });
    up = false;
    await expect(clock.refresh()).rejects.toThrow();
    expect(clock.now()).toBe(42);
    clock.stop();
  });
});
