import { type Candidate, minimumSupport, type PropertyRule } from "./candidate.js";
import { inferPropertyKind } from "./infer-property-kind.js";
import { isExcludedProperty } from "./is-excluded-property.js";
import type { LabelledRecord } from "./label-records.js";
import type { PropertyDescription, SuggestInput } from "./suggestion.js";
import { frequentWords } from "./text-word-candidates.js";
import { convertingValueGroup } from "./value-groups.js";

type Value = string | number | boolean;
/** Whose properties: the record's, its primary company's, or any associated company's. */
type Target = "self" | "primary" | "companies";
type Described = PropertyDescription;
const PRIMARY = "Primary";
const targetWords: Record<Target, string> = {
  self: "",
  primary: " (primary company)",
  companies: " (associated company)",
};
const targetOf: Record<Target, object> = {
  self: {},
  primary: { of: { association: "companies", labels: [PRIMARY] } },
  companies: { of: { association: "companies" } },
};

const quantiles = [0.25, 0.5, 0.75, 0.9];
const mostValuesPerProperty = 12;

/**
 * Fit features (docs/scoring.md §Suggested scores, "Features"): per record property, and per property of
 * the primary company and of any associated company for contacts, its frequent values (`in`), the words that recur across text values
 * (`containsAny`), its quantile steps (`gte`) for numbers, and `known` where presence varies. Vocabularies come from the training records only.
 */
export function buildFitCandidates(
  training: readonly LabelledRecord[],
  object: SuggestInput["object"],
  described: Pick<SuggestInput, "properties" | "companyProperties"> = {},
): Candidate[] {
  const support = minimumSupport(training.length);
  const converted = training.map((r) => r.converted);
  const candidates: Candidate[] = [];
  const labelled = training.some((r) =>
    (r.snapshot.associations.companies ?? []).some((c) => c.labels.includes(PRIMARY)),
  );
  // The primary company first: where it and any company give the same feature, it is the one weighed.
  const targets: Target[] =
    object === "contacts" ? ["self", ...(labelled ? (["primary"] as const) : []), "companies"] : ["self"];
  for (const target of targets) {
    const descriptions =
      (target === "self" ? described.properties : (described.companyProperties ?? described.properties)) ??
      {};
    const perRecord = training.map((r) => valuesOf(r, target));
    const names = new Set(perRecord.flatMap((values) => [...values.keys()]));
    for (const name of [...names].sort()) {
      if (isExcludedProperty(name, names)) continue;
      const recordValues = perRecord.map((values) => values.get(name) ?? []);
      const property = { name, target, described: descriptions[name] };
      candidates.push(...propertyCandidates(property, recordValues, converted, support));
    }
  }
  return candidates;
}

function valuesOf(record: LabelledRecord, target: Target): Map<string, Value[]> {
  const companies = (record.snapshot.associations.companies ?? []).filter(
    (c) => target === "companies" || c.labels.includes(PRIMARY),
  );
  const sources = target === "self" ? [record.snapshot.properties] : companies.map((c) => c.properties);
  const values = new Map<string, Value[]>();
  for (const properties of sources) {
    for (const [name, value] of Object.entries(properties)) {
      if (value === null || value === undefined || value === "") continue;
      const list = values.get(name) ?? [];
      list.push(value);
      values.set(name, list);
    }
  }
  return values;
}

function propertyCandidates(
  { name, target, described }: { name: string; target: Target; described: Described | undefined },
  recordValues: Value[][],
  converted: readonly boolean[],
  support: number,
): Candidate[] {
  const n = recordValues.length;
  const inRange = (count: number) => count >= support && count <= n - support;
  const known = recordValues.filter((values) => values.length > 0).length;
  if (known === 0) return [];
  const all = recordValues.flat();
  const kind = described?.kind ?? inferPropertyKind(name, all);
  if (kind === "date") return [];
  const label = described?.label ?? name;
  const where = targetWords[target];
  const family = `fit:${target}:${name}`;
  const of = targetOf[target];
  const candidate = (rule: Omit<PropertyRule, "property">, words: string): Candidate => ({
    family,
    feature: `${label}${where} ${words}`,
    rule: { property: name, ...rule, ...of } as PropertyRule,
  });

  const out: Candidate[] = [];
  if (kind === "number") {
    const sorted = all
      .map(Number)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const steps = [...new Set(quantiles.map((q) => sorted[Math.floor(q * (sorted.length - 1))] as number))];
    for (const step of steps) {
      const count = recordValues.filter((values) => values.some((v) => Number(v) >= step)).length;
      if (inRange(count)) out.push(candidate({ operator: "gte", value: step }, `is at least ${step}`));
    }
  } else {
    const counts = new Map<string, number>();
    for (const values of recordValues) {
      const options = new Set(values.flatMap((v) => String(v).split(";")));
      for (const option of options) counts.set(option, (counts.get(option) ?? 0) + 1);
    }
    // Text whose values are nearly all different names or identifies records: no value repeats enough.
    const frequent = [...counts.entries()]
      .filter(([, count]) => inRange(count))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, mostValuesPerProperty);
    const labelOf = (value: string) => described?.options?.find((o) => o.value === value)?.label ?? value;
    for (const [value] of frequent)
      out.push(candidate({ operator: "in", values: [value] }, `is ${labelOf(value)}`));
    const options = recordValues.map((values) => values.flatMap((v) => String(v).split(";")));
    const group = convertingValueGroup(options, converted, support);
    if (group)
      out.push(candidate({ operator: "in", values: group }, `is any of ${group.map(labelOf).join(", ")}`));
    if (kind === "text") {
      const texts = recordValues.map((values) => values.map(String));
      for (const { word, alongside } of frequentWords(texts, support)) {
        const along = alongside.length > 0 ? ` (always with ${alongside.join(", ")})` : "";
        out.push(candidate({ operator: "containsAny", values: [word] }, `contains ${word}${along}`));
      }
    }
  }
  if (inRange(known)) out.push(candidate({ operator: "known" }, "is known"));
  return out;
}
