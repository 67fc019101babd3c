import { tierOptionValue } from "./check-definition.js";
import type { Thresholds } from "./definition-schema.js";

type Levels = { high: number; medium: number };
const level = (value: number, l: Levels) => (value >= l.high ? "high" : value >= l.medium ? "medium" : "low");
const letter = { high: "A", medium: "B", low: "C" } as const;
const digit = { high: "1", medium: "2", low: "3" } as const;

/** docs/scoring.md §Thresholds, compiled: High/Medium/Low, custom tiers, or A1..C3 for combined scores. */
export function compileThreshold(
  type: "engagement" | "fit" | "combined",
  t: Thresholds | undefined,
): (score: number, engagement: number, fit: number) => string | null {
  if (!t) return () => null;
  if (type === "combined" && t.fit && t.engagement) {
    const { fit: fitLevels, engagement: engagementLevels } = t;
    return (_score, engagement, fit) =>
      `${letter[level(fit, fitLevels)]}${digit[level(engagement, engagementLevels)]}`;
  }
  if (t.tiers) {
    const tiers = t.tiers.map((tier) => ({
      from: tier.from ?? Number.NEGATIVE_INFINITY,
      value: tierOptionValue(tier.label),
    }));
    return (score) => tiers.find((tier) => score >= tier.from)?.value ?? null;
  }
  if (t.high !== undefined && t.medium !== undefined) {
    const levels = { high: t.high, medium: t.medium };
    return (score) => level(score, levels);
  }
  return () => null;
}

/** The threshold property's option values, in order (docs/scoring.md §Properties). */
export function thresholdOptionValues(
  type: "engagement" | "fit" | "combined",
  t: Thresholds | undefined,
): string[] {
  if (type === "combined") return ["A", "B", "C"].flatMap((l) => ["1", "2", "3"].map((d) => `${l}${d}`));
  if (t?.tiers) return t.tiers.map((tier) => tierOptionValue(tier.label));
  return ["high", "medium", "low"];
}
