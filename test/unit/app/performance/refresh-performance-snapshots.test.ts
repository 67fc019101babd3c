import { describe, expect, it } from "vitest";
import { refreshPerformanceSnapshots } from "../../../../src/app/performance/refresh-performance-snapshots.js";
import { scorePerformance } from "../../../../src/app/performance/score-performance.js";
import { parseDefinition } from "../../../../src/scoring/index.js";
import { createTestScoresDeps } from "../../../fixtures/app/create-test-scores-deps.js";
import { historyOf } from "../../../fixtures/performance-seed.js";
import { buildLeadScoreDraft } from "../../../fixtures/score-drafts.js";

// The daily "performance-snapshots" task (docs/decisions.md §Score performance): a first build for an
// enabled contact or company score without a snapshot, a refresh of what was written since for one with.

const PORTAL = 62515;
const DAY = 86_400_000;

async function setUp() {
  const { deps, jobs, runner, clock } = await createTestScoresDeps(PORTAL);
  const { records, performanceSnapshots } = deps;
  if (!performanceSnapshots) throw new Error("createTestScoresDeps keeps performance snapshots");
  const all = { ...deps, performanceSnapshots, jobs };
  const save = (overrides: Record<string, unknown>) =>
    deps.scores.save(PORTAL, parseDefinition({ ...buildLeadScoreDraft(), ...overrides }), {
      savedBy: "test",
      savedAtMs: clock.nowMs,
      change: "create",
    });
  await save({ status: "enabled" });
  await save({ id: "paused", property: { name: "ls_paused" }, status: "disabled" });
  return { all, runner, clock, records, performanceSnapshots };
}

describe("refreshPerformanceSnapshots", () => {
  it("starts the first build of each enabled contact or company score, then refreshes only what was written since", async () => {
    const { all, runner, clock, records, performanceSnapshots } = await setUp();
    for (const id of ["1", "2", "3"])
      await records.appendHistory(
        { portalId: PORTAL, object: "contacts", recordId: id },
        historyOf([[clock.nowMs - DAY, 50, "medium"]]),
      );
    clock.nowMs += 3_600_000;
    expect(await refreshPerformanceSnapshots(all)).toEqual({ refreshed: 0, reread: 0, builds: 1 });
    // The build runs as a "performance" job.
    await runner.onIdle();
    expect(await performanceSnapshots.head(PORTAL, "lead")).toMatchObject({
      object: "contacts",
      property: "ls_lead",
    });

    clock.nowMs += DAY;
    await records.appendHistory(
      { portalId: PORTAL, object: "contacts", recordId: "2" },
      historyOf([[clock.nowMs, 80, "high"]]),
    );
    expect(await refreshPerformanceSnapshots(all)).toEqual({ refreshed: 1, reread: 1, builds: 0 });
    const kept = new Map<string, unknown>();
    await performanceSnapshots.forEachSummaryPage(PORTAL, "lead", async (page) => {
      for (const [id, summary] of page) kept.set(id, summary);
    });
    const before = clock.nowMs - 2 * DAY - 3_600_000;
    expect(kept.get("2")).toEqual({
      tiers: [
        [before, "medium"],
        [clock.nowMs, "high"],
      ],
      values: [
        [Math.ceil(before / DAY), 50],
        [Math.ceil(clock.nowMs / DAY), 80],
      ],
    });
    expect(kept.size).toBe(3);
  });
});

describe("a score's first build", () => {
  it("is started once: a request while it waits gets the job already queued", async () => {
    const { all, clock } = await setUp();
    const queued = {
      id: "build-1",
      portalId: PORTAL,
      kind: "performance" as const,
      scoreId: "lead",
      status: "queued" as const,
      progress: { done: 0, total: null },
      cursor: null,
      createdAtMs: clock.nowMs,
      updatedAtMs: clock.nowMs,
    };
    await all.jobs.save(queued);
    const answer = await scorePerformance(all, PORTAL, "lead", { to: "customer", withinDays: 30, days: 90 });
    expect(answer).toEqual({ building: queued });
    expect((await all.jobs.unfinished()).filter((j) => j.kind === "performance")).toHaveLength(1);
  });
});
