import type { ScoreDefinition } from "./definition-schema.js";
import type { FieldProblem } from "./format-issues.js";
import { scorePropertyNames } from "./score-property-names.js";

/**
 * The rules of docs/scoring.md §Properties: a property name is unique
 * among them, and a score may not read another score's properties. `others` are the portal's
 * other scores (the one being saved excluded).
 */
export function findPortalConflicts(
  definition: ScoreDefinition,
  others: readonly ScoreDefinition[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const owner = new Map<string, string>();
  for (const other of others) {
    for (const name of scorePropertyNames(other.property.name, other.type)) owner.set(name, other.id);
  }
  for (const name of scorePropertyNames(definition.property.name, definition.type)) {
    const taken = owner.get(name);
    if (taken !== undefined) {
      problems.push({
        path: "property.name",
        message: `"${name}" is already a property of score "${taken}"`,
      });
      break;
    }
  }
  const read = (property: string, path: string) => {
    const other = owner.get(property);
    if (other !== undefined)
      problems.push({ path, message: `reads "${property}", a property of score "${other}"` });
  };
  definition.association?.where?.forEach((c, i) => {
    read(c.property, `association.where[${i}].property`);
  });
  definition.groups.forEach((group, gi) => {
    if (group.kind === "fit") {
      group.rules.forEach((rule, ri) => {
        read(rule.property, `groups[${gi}].rules[${ri}].property`);
      });
      return;
    }
    group.rules.forEach((rule, ri) => {
      rule.where?.forEach((c, ci) => {
        read(c.property, `groups[${gi}].rules[${ri}].where[${ci}].property`);
      });
    });
  });
  return problems;
}
