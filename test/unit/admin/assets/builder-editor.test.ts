import { describe, expect, it } from "vitest";
import { newDefinition } from "../../../../src/admin/assets/builder-definition.js";
import { foldedPlaces, viewAt } from "../../../../src/admin/assets/builder-editor.js";
import { newGroup, newRule } from "../../../../src/admin/assets/builder-groups.js";
import type { BuilderView, DraftDefinition } from "../../../../src/admin/assets/types.js";

// A save answers with the definition anew: the rule that was open stays open and the folded groups stay
// folded, found by their place (docs/decisions.md §Builder inputs are never replaced).

const twoGroups = (): DraftDefinition => {
  const d = newDefinition();
  d.type = "combined";
  d.groups = [newGroup("engagement"), newGroup("fit")];
  d.groups[1]?.rules.push(newRule("fit"));
  return d;
};

describe("foldedPlaces and viewAt", () => {
  it("carry the open rule and the folded groups over to the saved copy of the definition", () => {
    const before = twoGroups();
    const [engagement, fit] = before.groups as [DraftDefinition["groups"][0], DraftDefinition["groups"][0]];
    const view: BuilderView = { openRule: fit.rules[1] ?? null, closedGroups: new WeakSet([engagement]) };
    const places = foldedPlaces(before, view);
    expect(places).toEqual({ openRule: [1, 1], closedGroups: [0] });

    const saved = structuredClone(before);
    const next = viewAt(saved, places);
    expect(next.openRule).toBe(saved.groups[1]?.rules[1]);
    expect(next.closedGroups.has(saved.groups[0] as DraftDefinition["groups"][0])).toBe(true);
    expect(next.closedGroups.has(saved.groups[1] as DraftDefinition["groups"][0])).toBe(false);
  });

  it("opens nothing when nothing was open, or when the place is gone from the new definition", () => {
    const d = twoGroups();
    expect(foldedPlaces(d, { openRule: null, closedGroups: new WeakSet() })).toEqual({
      openRule: null,
      closedGroups: [],
    });
    const restored = newDefinition();
    expect(viewAt(restored, { openRule: [1, 1], closedGroups: [3] }).openRule).toBeNull();
  });
});
