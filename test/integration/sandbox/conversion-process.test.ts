import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  conversionProbability,
  engagementSignals,
  FROM_STAGE,
  fitSignals,
  noiseSignals,
  type SignalName,
} from "../../../src/sandbox/conversion-process.js";
import { observedSignals } from "../../../src/sandbox/conversion-signals.js";
import {
  type ConversionOutcome,
  readConversionOutcomes,
} from "../../fixtures/sandbox/read-conversion-outcomes.js";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";

// The seeds' known conversion process (docs/decisions.md §Sandbox conversion process) as an app sees it
// through the sandbox's HTTP API: enough labelled MQL → SQL outcomes, the same signals whichever store
// they are read from, and conversion higher with each planted signal than without while the noise
// signals show no gap. The seeds are fixed, so each figure is the same on every run; the tolerances are
// four standard errors of the rates, computed from the process's own probabilities.

interface Gap {
  observed: number;
  /** What the true probabilities of the same contacts make the gap. */
  expected: number;
  standardError: number;
  withSignal: number;
}

function gapOf(labelled: readonly ConversionOutcome[], signal: SignalName): Gap {
  const groups = [true, false].map((has) => labelled.filter((o) => o.signals[signal] > 0 === has));
  const [withIt, without] = groups.map((group) => {
    const probabilities = group.map((o) => conversionProbability(o.signals));
    return {
      rate: group.filter((o) => o.converted).length / group.length,
      expected: probabilities.reduce((a, b) => a + b, 0) / group.length,
      variance: probabilities.reduce((a, p) => a + p * (1 - p), 0) / group.length ** 2,
    };
  }) as [
    { rate: number; expected: number; variance: number },
    { rate: number; expected: number; variance: number },
  ];
  return {
    observed: withIt.rate - without.rate,
    expected: withIt.expected - without.expected,
    standardError: Math.sqrt(withIt.variance + without.variance),
    withSignal: groups[0]?.length ?? 0,
  };
}

describe("the small seed's conversion process, over HTTP", () => {
  let s: TestSandbox;
  let outcomes: ConversionOutcome[];
  beforeAll(async () => {
    s = await startTestSandbox();
    outcomes = await readConversionOutcomes(s, SANDBOX_EPOCH_MS);
  });
  afterAll(() => s.close());

  it("labels at least 80 MQL → SQL outcomes within 30 days, 25 of each, and leaves the undecided out", () => {
    const labelled = outcomes.filter((o) => o.converted !== null);
    const converted = labelled.filter((o) => o.converted).length;
    expect(labelled.length).toBeGreaterThanOrEqual(80);
    expect(converted).toBeGreaterThanOrEqual(25);
    expect(labelled.length - converted).toBeGreaterThanOrEqual(25);
    expect(outcomes.some((o) => o.converted === null)).toBe(true);
    for (const o of outcomes) expect(o.decisionAtMs).toBeGreaterThan(SANDBOX_EPOCH_MS - 400 * 86_400_000);
  });

  it("serves each signal the process read: the same counts in every store as the seed saw them before T", () => {
    const records = s.sandbox.portal.records;
    for (const outcome of outcomes) {
      const contact = records.get("contacts", Number(outcome.id));
      if (!contact) throw new Error(`contact ${outcome.id} is gone`);
      expect(outcome.signals, `contact ${outcome.id}`).toEqual(
        observedSignals(s.sandbox.portal, contact, outcome.decisionAtMs),
      );
      expect(contact.properties[`hs_v2_date_entered_${FROM_STAGE}`]).toBe(
        new Date(outcome.decisionAtMs).toISOString(),
      );
    }
    const planted = (name: SignalName) => outcomes.filter((o) => o.signals[name] > 0).length;
    for (const name of [...engagementSignals, ...noiseSignals])
      expect(planted(name), name).toBeGreaterThan(10);
  });
});

describe("the demo seed's conversion process, over HTTP", { timeout: 120_000 }, () => {
  let s: TestSandbox;
  let labelled: ConversionOutcome[];
  beforeAll(async () => {
    s = await startTestSandbox({ seed: "demo" });
    labelled = (await readConversionOutcomes(s, SANDBOX_EPOCH_MS)).filter((o) => o.converted !== null);
  }, 120_000);
  afterAll(() => s.close());

  it("labels a few hundred outcomes", () => {
    const converted = labelled.filter((o) => o.converted).length;
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    expect(Math.min(converted, labelled.length - converted)).toBeGreaterThanOrEqual(150);
  });

  it.each([...fitSignals, ...engagementSignals])(
    "converts more often with %s than without, as the process says",
    (signal) => {
      const gap = gapOf(labelled, signal);
      expect(gap.expected).toBeGreaterThan(2 * gap.standardError);
      expect(gap.observed).toBeGreaterThan(2 * gap.standardError);
      expect(Math.abs(gap.observed - gap.expected)).toBeLessThanOrEqual(4 * gap.standardError);
    },
  );

  it.each([...noiseSignals])("shows no gap with %s beyond sampling error", (signal) => {
    const gap = gapOf(labelled, signal);
    expect(gap.withSignal).toBeGreaterThan(100);
    expect(Math.abs(gap.observed)).toBeLessThanOrEqual(4 * gap.standardError);
  });

  it("shows no gap by the contact's country, which the process never reads", () => {
    const us = labelled.filter((o) => o.country === "United States");
    const rest = labelled.filter((o) => o.country !== "United States");
    const rate = (group: ConversionOutcome[]) => group.filter((o) => o.converted).length / group.length;
    const standardError = Math.sqrt(0.25 / us.length + 0.25 / rest.length);
    expect(Math.abs(rate(us) - rate(rest))).toBeLessThanOrEqual(4 * standardError);
  });
});
