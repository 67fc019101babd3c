import type { ScoreDefinition } from "../scoring/index.js";
import { buildThresholdOptions, type ScorePropertySpec } from "./provision-properties.js";

/** The portal properties a definition owns (docs/scoring.md §Properties), for provisioning. */
export function scorePropertySpec(definition: ScoreDefinition): ScorePropertySpec {
  const tiers = definition.thresholds?.tiers;
  const spec: ScorePropertySpec = {
    name: definition.property.name,
    label: definition.property.label ?? definition.name,
    combined: definition.type === "combined",
    thresholdOptions: buildThresholdOptions(
      definition.type === "combined" ? "combined" : tiers ? { tiers: tiers.map((t) => t.label) } : "levels",
    ),
  };
  if (definition.property.description !== undefined) spec.description = definition.property.description;
  return spec;
}
