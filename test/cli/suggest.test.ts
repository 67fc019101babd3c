import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateConversions, noiseSignals } from "../../bench/generate-conversions.js";
import { areaUnderCurve } from "../../src/suggest/rank-metrics.js";
import { ensureCliBuilt } from "./support/build-cli.js";
import { jsonl, runCli, tempFiles } from "./support/run-cli.js";

// docs/scoring.md §Offline CLI: `lead-score suggest` through the real bin, its draft checked by `lead-score evaluate`.

const decisionAt = "2026-06-01T00:00:00Z";
const files = (records: number, seed: number, extra: Record<string, string> = {}) => {
  const g = generateConversions({ records, seed, process: "engagement" });
  return tempFiles({
    "records.jsonl": jsonl(...g.snapshots),
    "outcomes.jsonl": jsonl(...g.outcomes),
    ...extra,
  });
};
const suggest = (dir: string, ...extra: string[]) =>
  runCli(
    dir,
    "suggest",
    "--records",
    "records.jsonl",
    "--outcomes",
    "outcomes.jsonl",
    "--out",
    "draft.json",
    ...extra,
  );

describe("lead-score suggest", () => {
  beforeAll(ensureCliBuilt, 180_000);

  it("writes a draft that `lead-score evaluate` ranks fresh records with nearly as well as the true model", () => {
    const dir = files(2000, 21);
    const run = suggest(dir, "--type", "engagement", "--seed", "4", "--now", "2026-12-01T00:00:00Z");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const evidence = JSON.parse(run.stdout);
    expect(evidence.metrics).toMatchObject({ labelled: 2000, training: 1400, holdout: 600, seed: 4 });
    expect(evidence.rules.length).toBeGreaterThan(0);
    const draftText = readFileSync(join(dir, "draft.json"), "utf8");
    for (const noise of noiseSignals.engagement) expect(draftText).not.toContain(noise);

    const fresh = generateConversions({
      records: 2000,
      seed: 22,
      process: "engagement",
      firstId: 9_000_000,
      decisionAt,
    });
    const freshDir = tempFiles({ "draft.json": draftText, "fresh.jsonl": jsonl(...fresh.snapshots) });
    const evaluated = runCli(
      freshDir,
      "evaluate",
      "--definition",
      "draft.json",
      "--records",
      "fresh.jsonl",
      "--now",
      decisionAt,
    );
    expect(evaluated.code).toBe(0);
    const scores = evaluated.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line).score as number);
    const labels = fresh.outcomes.map((o) => o.converted);
    expect(areaUnderCurve(scores, labels)).toBeGreaterThan(areaUnderCurve(fresh.logOdds, labels) - 0.05);
  });

  it("leaves out outcomes decided after --now and counts them", () => {
    const run = suggest(files(1000, 23), "--type", "engagement", "--now", "2026-08-01T00:00:00Z");
    expect(run.code).toBe(0);
    const evidence = JSON.parse(run.stdout);
    expect(evidence.metrics.labelled).toBeLessThan(900);
    expect(evidence.metrics.leftOut.decisionAfterNow).toBe(1000 - evidence.metrics.labelled);
    expect(evidence.metrics.until < "2026-08-01T00:00:00Z").toBe(true);
  });

  it("exits 1 with the counts when labels are too few, and writes no draft", () => {
    const dir = files(40, 24);
    const run = suggest(dir, "--type", "fit");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^outcomes\.jsonl: too few labelled records: 40 labelled \(\d+ converted, \d+ not\)/,
    );
    expect(() => readFileSync(join(dir, "draft.json"))).toThrow();
  });

  it("names the file, line and field of every bad outcome and exits 1", () => {
    const outcomes = jsonl(
      { id: "1", converted: true, at: decisionAt },
      { id: "2", converted: "yes", at: decisionAt },
      "{not json",
      { id: "4", converted: false },
    );
    const run = suggest(files(60, 25, { "outcomes.jsonl": outcomes }), "--type", "fit");
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")).toEqual([
      "outcomes.jsonl:2: converted: expected true or false",
      expect.stringMatching(/^outcomes\.jsonl:3: invalid JSON: /),
      "outcomes.jsonl:4: at: required",
      "",
    ]);
  });

  it("names a bad record line and refuses an unknown --type", () => {
    const bad = suggest(
      files(60, 26, { "records.jsonl": jsonl({ id: "1", object: "contacts", events: [{ type: "x" }] }) }),
      "--type",
      "fit",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^records\.jsonl:1: events\[0\]\.occurredAt: /);
    const type = suggest(files(60, 27), "--type", "combined");
    expect(type.code).not.toBe(0);
    expect(type.stderr).toMatch(/--type.*combined.*fit, engagement/);
  });
});
