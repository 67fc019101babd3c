import { describe, expect, it } from "vitest";
import {
  type ConversionProcess,
  generateConversions,
  noiseSignals,
  plantedSignals,
} from "../../../bench/generate-conversions.js";
import {
  compileScore,
  evaluateRecord,
  parseSnapshot,
  type ScoreDefinition,
} from "../../../src/scoring/index.js";
import { suggestScore } from "../../../src/suggest/index.js";
import { areaUnderCurve } from "../../../src/suggest/rank-metrics.js";

// docs/scoring.md §Suggested scores: on records from a known logistic process, the draft ranks fresh records
// of the same process nearly as well as the true model, reads the planted signals and none of the noise.

const suggestFrom = (process: ConversionProcess, records: number, seed: number) => {
  const generated = generateConversions({ records, seed, process });
  return suggestScore({
    object: "contacts",
    type: process,
    seed: 1,
    records: generated.snapshots.map(parseSnapshot),
    outcomes: generated.outcomes.map((o) => ({ id: o.id, converted: o.converted, atMs: Date.parse(o.at) })),
  });
};

/** Every text a rule reads: its property or event, and its values. */
const readsOf = (definition: ScoreDefinition) =>
  definition.groups.flatMap((group) => group.rules.map((rule) => JSON.stringify(rule)));

describe.each(["fit", "engagement"] as const)("a suggested %s score on a known process", (process) => {
  const result = suggestFrom(process, 3000, 11);
  if (!result.ok) throw new Error(result.message);
  const fresh = generateConversions({ records: 3000, seed: 12, process, firstId: 500_000 });
  const labels = fresh.outcomes.map((o) => o.converted);
  const score = compileScore(result.definition);
  const draftScores = fresh.snapshots.map(
    (s, i) => evaluateRecord(score, parseSnapshot(s), Date.parse(fresh.outcomes[i]?.at ?? "")).score ?? 0,
  );

  it("ranks fresh records within 0.05 AUC of the true model", () => {
    const trueAuc = areaUnderCurve(fresh.logOdds, labels);
    const draftAuc = areaUnderCurve(draftScores, labels);
    expect(draftAuc).toBeGreaterThan(trueAuc - 0.05);
  });

  it("reads every planted signal and gives the noise no rule", () => {
    const reads = readsOf(result.definition).join("\n");
    for (const signal of plantedSignals[process]) expect(reads).toContain(signal);
    for (const noise of noiseSignals[process]) expect(reads).not.toContain(noise);
  });

  it("never reads what gives the label away", () => {
    const reads = readsOf(result.definition).join("\n");
    const leaks = [
      "lifecyclestage",
      "hs_v2_date_entered",
      "ls_old_score",
      '"property":"email"',
      '"property":"firstname"',
    ];
    for (const leak of leaks) {
      expect(reads).not.toContain(leak);
    }
  });

  it("reports the holdout AUC of the draft as the engine scores it, near the fresh records' AUC", () => {
    expect(result.evidence.metrics.auc).toBeGreaterThan(areaUnderCurve(draftScores, labels) - 0.05);
    expect(result.evidence.metrics).toMatchObject({ labelled: 3000, training: 2100, holdout: 900, seed: 1 });
  });
});

describe("a suggested fit score on job titles spread over many values", () => {
  const result = suggestFrom("fit", 3000, 11);
  if (!result.ok) throw new Error(result.message);
  type PropertyRule = { property?: string; operator?: string; values?: string[] };
  const titleRules = result.definition.groups
    .flatMap((group) => group.rules as readonly PropertyRule[])
    .filter((rule) => rule.property === "jobtitle");

  it("finds the senior words (VP, Head, Chief), no title alone", () => {
    const words = titleRules
      .filter((rule) => rule.operator === "containsAny")
      .flatMap((rule) => rule.values ?? []);
    expect(words.sort()).toEqual(["Chief", "Head", "VP"]);
    expect(titleRules.filter((rule) => rule.operator === "in")).toEqual([]);
    expect(result.evidence.rules.map((rule) => rule.feature)).toContain("jobtitle contains VP");
  });
});
