import { newGroup } from "./builder-groups.js";

// The definition the builder starts from, and the form of it that is sent and shown as JSON
// (docs/scoring.md §Score definition).

/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */

/**
 * A new score: every contact, one engagement group, at most 100 points.
 * @returns {DraftDefinition}
 */
export const newDefinition = () => ({
  id: "",
  name: "",
  object: "contacts",
  type: "engagement",
  limits: { max: 100 },
  records: { mode: "all", exclude: [] },
  property: { name: "" },
  groups: [newGroup("engagement")],
});

/**
 * What is sent and shown as JSON: without the status (lifecycle buttons own it) and empty where lists.
 * @param {DraftDefinition} definition
 * @returns {DraftDefinition}
 */
export function definitionToSend(definition) {
  const d = structuredClone(definition);
  delete d.status;
  for (const group of d.groups ?? []) {
    for (const rule of group.rules ?? []) if ("where" in rule && rule.where?.length === 0) delete rule.where;
  }
  if (d.association?.where?.length === 0) delete d.association.where;
  return d;
}
