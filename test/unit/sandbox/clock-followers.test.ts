import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  createClockFollowers,
  FOLLOWER_MAX_WAIT_MS,
  FOLLOWER_SETTLE_MS,
} from "../../../src/sandbox/clock-followers.js";
import { createSandboxClock } from "../../../src/sandbox/sandbox-clock.js";

// When the webhook sender waits for the app's clock to see a move of the sandbox clock.

function setUp() {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const clock = createSandboxClock(db, () => 1_700_000_000_000);
  const real = { nowMs: 0 };
  const followers = createClockFollowers(clock, () => real.nowMs);
  return { clock, real, followers };
}

describe("clock followers", () => {
  it("hold nothing when nobody follows the clock, however it moves", () => {
    const { clock, followers } = setUp();
    clock.advance(86_400_000);
    expect(followers.areBehind()).toBe(false);
  });

  it("are behind from a move until a follower's next read, and its answer has had a moment to land", () => {
    const { clock, real, followers } = setUp();
    followers.recordRead();
    expect(followers.areBehind()).toBe(false);
    clock.advance(86_400_000);
    expect(followers.areBehind()).toBe(true);
    real.nowMs += 900;
    followers.recordRead();
    expect(followers.areBehind()).toBe(true);
    real.nowMs += FOLLOWER_SETTLE_MS;
    expect(followers.areBehind()).toBe(false);
  });

  it("take a follower that stops reading for gone, and hold nothing until it reads again", () => {
    const { clock, real, followers } = setUp();
    followers.recordRead();
    clock.advance(60_000);
    expect(followers.areBehind()).toBe(true);
    real.nowMs += FOLLOWER_MAX_WAIT_MS;
    expect(followers.areBehind()).toBe(false);
    clock.advance(60_000);
    expect(followers.areBehind()).toBe(false);
    followers.recordRead();
    clock.advance(60_000);
    expect(followers.areBehind()).toBe(true);
  });
});
