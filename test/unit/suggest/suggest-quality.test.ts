import { describe, expect, it } from "vitest";
import {
  type ConversionProcess,
  generateConversions,
  noiseSignals,
  otherTitles,
  plantedSignals,
  seniorTitles,
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
  type TitleRule = { property?: string; operator?: string; values?: string[]; points?: number };
  const titleRules = result.definition.groups
    .flatMap((group) => group.rules as readonly TitleRule[])
    .filter((rule) => rule.property === "jobtitle");
  /** The points a title gets from the draft's job title rules, matched as the engine does. */
  const pointsOf = (title: string) =>
    titleRules
      .filter((rule) =>
        rule.operator === "in"
          ? rule.values?.includes(title)
          : rule.values?.some((word) => title.toLowerCase().includes(word.toLowerCase())),
      )
      .reduce((sum, rule) => sum + (rule.points ?? 0), 0);

  it("gives every senior title points (VP, Head, Chief: none frequent alone) and no other title any", () => {
    for (const title of seniorTitles) expect(pointsOf(title), title).toBeGreaterThan(0);
    for (const title of otherTitles) expect(pointsOf(title), title).toBe(0);
    expect(result.evidence.rules.map((rule) => rule.feature).join("\n")).toMatch(
      /jobtitle is any of Chief Executive Officer, Chief Technology Officer, Head of Product/,
    );
  });
});
