import type { ScoreDefinitionInput } from "../scoring/index.js";
import type { Candidate, EventRule } from "./candidate.js";
import type { SuggestedThresholds } from "./choose-thresholds.js";
import type { ScoreShape } from "./measure-features.js";
import { scoreLimits } from "./scale-points.js";
import type { SuggestInput } from "./suggestion.js";

export type DraftRule = { candidate: Candidate; points: number; coefficient: number };

/** A rule of the draft with where it sits, so evidence can name its group and index. */
export type PlacedRule = DraftRule & { group: number; rule: number };

const singular = { contacts: "contact", companies: "company", deals: "deal" } as const;

/** The draft's id, name and property name when the caller gives none: "suggested-contact-fit" and so on. */
export function defaultNaming(
  object: SuggestInput["object"],
  type: SuggestInput["type"],
): ScoreShape["naming"] {
  const noun = singular[object];
  return {
    id: `suggested-${noun}-${type}`,
    name: `Suggested ${noun} ${type} score`,
    propertyName: `ls_suggested_${noun}_${type}`,
  };
}

/**
 * The draft definition (docs/scoring.md §Suggested scores, "Draft"): a status "draft" score of the
 * suggested type, rules grouped by what they read (record or company properties, one event type),
 * strongest first; no decay, no group limits, limits −100..100.
 */
export function buildDraft(
  shape: ScoreShape,
  rules: readonly DraftRule[],
  thresholds?: SuggestedThresholds,
): { definition: ScoreDefinitionInput; placed: PlacedRule[] } {
  const byGroup = new Map<string, DraftRule[]>();
  const ordered = [...rules].sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  for (const rule of ordered) {
    const name = groupName(shape, rule.candidate);
    byGroup.set(name, [...(byGroup.get(name) ?? []), rule]);
  }
  const placed: PlacedRule[] = [];
  const kind = shape.type === "fit" ? ("fit" as const) : ("engagement" as const);
  const groups = [...byGroup.entries()].map(([name, members], group) => {
    members.forEach((member, rule) => {
      placed.push({ ...member, group, rule });
    });
    return {
      name,
      kind,
      rules: members.map((member) => ({ ...member.candidate.rule, points: member.points })),
    };
  });
  const definition = {
    id: shape.naming.id,
    name: shape.naming.name,
    object: shape.object,
    type: shape.type,
    status: "draft",
    limits: { ...scoreLimits },
    records: { mode: "all", exclude: [] },
    ...(thresholds ? { thresholds } : {}),
    property: { name: shape.naming.propertyName, label: shape.naming.name },
    groups,
  } as ScoreDefinitionInput;
  return { definition, placed };
}

function groupName(shape: ScoreShape, candidate: Candidate): string {
  if ("event" in candidate.rule) return `${(candidate.rule as EventRule).event} events`;
  const rule = candidate.rule as { of?: "self" | { labels?: string[] } };
  if (rule.of !== undefined && rule.of !== "self")
    return rule.of.labels?.includes("Primary")
      ? "Primary company properties"
      : "Associated company properties";
  return `${singular[shape.object][0]?.toUpperCase()}${singular[shape.object].slice(1)} properties`;
}
