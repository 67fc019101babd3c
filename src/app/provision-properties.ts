import { AppError } from "../errors.js";
import type {
  CrmClient,
  CrmExistingProperty,
  CrmObjectType,
  CrmPropertyDefinition,
} from "../ports/crm-client.js";
import { tierOptionValue } from "../scoring/index.js";

// docs/scoring.md "Properties" and docs/hubspot.md §Score properties: every score owns `name` (number), `name_threshold`
// (enumeration whose option values are exactly the result strings) and, when combined,
// `name_engagement` and `name_fit`, all in the group `lead_score` ("Lead score").
// Idempotent: one batch read finds what exists; missing properties are created in one batch,
// and existing ones are updated only when they differ (e.g. thresholds or tiers changed).

export const SCORE_GROUP = { name: "lead_score", label: "Lead score", displayOrder: -1 } as const;

export interface ThresholdOption {
  value: string;
  label: string;
}

export interface ScorePropertySpec {
  name: string;
  label: string;
  description?: string;
  combined: boolean;
  /** high/medium/low, A1..C3, or custom tiers (value = label lower-cased, non-alphanumerics as _). */
  thresholdOptions: ThresholdOption[];
}

export interface ProvisionReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Option lists of docs/scoring.md "Thresholds": levels, A1..C3, or custom tier labels. */
export function buildThresholdOptions(form: "levels" | "combined" | { tiers: string[] }): ThresholdOption[] {
  if (form === "levels")
    return ["High", "Medium", "Low"].map((label) => ({ value: label.toLowerCase(), label }));
  if (form === "combined") {
    return ["A", "B", "C"].flatMap((fit) =>
      ["1", "2", "3"].map((engagement) => ({ value: fit + engagement, label: fit + engagement })),
    );
  }
  return form.tiers.map((label) => ({ value: tierOptionValue(label), label }));
}

export function buildScoreProperties(spec: ScorePropertySpec): CrmPropertyDefinition[] {
  const description = spec.description ?? "Computed by lead-score";
  const number = (name: string, label: string): CrmPropertyDefinition => ({
    name,
    label,
    type: "number",
    fieldType: "number",
    groupName: SCORE_GROUP.name,
    description,
    options: [],
  });
  const properties = [number(spec.name, spec.label)];
  if (spec.combined) {
    properties.push(number(`${spec.name}_engagement`, `${spec.label} (engagement)`));
    properties.push(number(`${spec.name}_fit`, `${spec.label} (fit)`));
  }
  properties.push({
    ...number(`${spec.name}_threshold`, `${spec.label} threshold`),
    type: "enumeration",
    fieldType: "select",
    options: spec.thresholdOptions.map((option, index) => ({
      ...option,
      displayOrder: index,
      hidden: false,
    })),
  });
  return properties;
}

function differs(wanted: CrmPropertyDefinition, existing: CrmExistingProperty): boolean {
  const options = (list: CrmPropertyDefinition["options"]) =>
    JSON.stringify(list.map((o) => [o.value, o.label, o.displayOrder, o.hidden]));
  return (
    wanted.label !== existing.label ||
    wanted.groupName !== existing.groupName ||
    wanted.description !== existing.description ||
    options(wanted.options) !== options(existing.options)
  );
}

async function provisionOnce(crm: CrmClient, object: CrmObjectType, wanted: CrmPropertyDefinition[]) {
  await crm.createPropertyGroup(object, SCORE_GROUP);
  const existing = new Map(
    (
      await crm.readProperties(
        object,
        wanted.map((p) => p.name),
      )
    ).map((p) => [p.name, p]),
  );
  const report: ProvisionReport = { created: [], updated: [], unchanged: [] };
  const missing = wanted.filter((property) => !existing.has(property.name));
  await crm.createProperties(object, missing);
  report.created.push(...missing.map((property) => property.name));
  for (const property of wanted) {
    const current = existing.get(property.name);
    if (!current) continue;
    if (current.type !== property.type) {
      // A user's own property under our name: writing scores into it would corrupt it.
      throw new AppError(
        "conflict",
        `${object} property ${property.name} exists with type ${current.type}, not ${property.type}: rename the score or delete that property`,
        { object, property: property.name },
      );
    }
    if (differs(property, current)) {
      await crm.updateProperty(object, property);
      report.updated.push(property.name);
    } else report.unchanged.push(property.name);
  }
  return report;
}

export async function provisionProperties(
  crm: CrmClient,
  object: CrmObjectType,
  specs: readonly ScorePropertySpec[],
): Promise<ProvisionReport> {
  const wanted = specs.flatMap(buildScoreProperties);
  try {
    return await provisionOnce(crm, object, wanted);
  } catch (error) {
    // Another worker created some of them between our read and our create: read again.
    if (error instanceof AppError && (error.details.status === 409 || error.details.status === 207)) {
      return provisionOnce(crm, object, wanted);
    }
    throw error;
  }
}
