import { describe, expect, it } from "vitest";
import { definitionToSend, newDefinition } from "../../../../src/admin/assets/builder-definition.js";
import { parseDefinitionJson } from "../../../../src/admin/assets/builder-json.js";
import { changeObject, changeType } from "../../../../src/admin/assets/builder-score-fields.js";
import { addTier, newThresholds, thresholdsMode } from "../../../../src/admin/assets/builder-thresholds.js";
import type { DraftDefinition } from "../../../../src/admin/assets/types.js";
import { findDefinitionProblems } from "../../../../src/scoring/index.js";

// What the builder starts from and turns a score into must be what docs/scoring.md §Score definition
// accepts once a person has typed what only they can know (name, id, property): the engine's own check
// says so.

const named = (d: DraftDefinition): DraftDefinition => ({
  ...d,
  id: "lead",
  name: "Lead",
  property: { ...d.property, name: "ls_lead" },
});
const problemsOf = (d: DraftDefinition) => findDefinitionProblems(definitionToSend(d));

describe("newDefinition", () => {
  it("is a valid score once named", () => {
    expect(problemsOf(named(newDefinition()))).toEqual([]);
  });

  it("asks for what only a person can give: name, id and property name", () => {
    const paths = problemsOf(newDefinition()).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["id", "name"]));
  });
});

describe("definitionToSend", () => {
  it("leaves out the status and empty where lists, without touching the form's definition", () => {
    const d: DraftDefinition = {
      ...named(newDefinition()),
      status: "enabled",
      object: "companies",
      association: { aggregation: "sum", where: [] },
      groups: [{ name: "E", kind: "engagement", rules: [{ event: "meeting", where: [], points: 5 }] }],
    };
    const sent = definitionToSend(d);
    expect(sent).not.toHaveProperty("status");
    expect(sent.association).not.toHaveProperty("where");
    expect(sent.groups[0]?.rules[0]).not.toHaveProperty("where");
    expect(d.status).toBe("enabled");
    expect(d.association?.where).toEqual([]);
  });
});

describe("changeType and changeObject", () => {
  it("keeps only the groups a type allows, and starts one when none is left", () => {
    const d = named(newDefinition());
    changeType(d, "combined");
    expect(d.groups.map((g) => g.kind)).toEqual(["engagement"]);
    changeType(d, "fit");
    expect(d.groups.map((g) => g.kind)).toEqual(["fit"]);
    d.groups[0] = {
      name: "Fit",
      kind: "fit",
      rules: [{ property: "jobtitle", operator: "in", values: ["CTO"], points: 10 }],
    };
    expect(problemsOf(d)).toEqual([]);
  });

  it("drops thresholds of another type's shape, so a combined score never holds levels", () => {
    for (const to of ["combined", "fit"] as const) {
      const d = named(newDefinition());
      d.thresholds = newThresholds("levels");
      changeType(d, to);
      expect(d.thresholds).toBeUndefined();
    }
  });

  // docs/scoring.md §Companies and deals
  it("makes a deal score combined and lets go of levels thresholds", () => {
    const d = named(newDefinition());
    d.thresholds = newThresholds("levels");
    changeObject(d, "deals");
    expect(d.type).toBe("combined");
    expect(thresholdsMode(d)).toBe("");
    expect(problemsOf(d)).toEqual([]);
  });

  it("drops the association when the score moves to contacts", () => {
    const d = {
      ...named(newDefinition()),
      object: "companies" as const,
      association: { aggregation: "max" as const },
    };
    changeObject(d, "contacts");
    expect(d).not.toHaveProperty("association");
  });
});

describe("thresholds", () => {
  it("starts every mode with thresholds the engine accepts for its type", () => {
    const levels = { ...named(newDefinition()), thresholds: newThresholds("levels") };
    const tiers = { ...named(newDefinition()), thresholds: newThresholds("tiers") };
    const letters = named(newDefinition());
    changeType(letters, "combined");
    letters.thresholds = newThresholds("letters");
    for (const d of [levels, tiers, letters]) expect(problemsOf(d)).toEqual([]);
    expect([thresholdsMode(levels), thresholdsMode(tiers), thresholdsMode(letters)]).toEqual([
      "levels",
      "tiers",
      "letters",
    ]);
    expect(newThresholds("")).toBeUndefined();
  });

  it("adds a tier before the last, which takes every lower score", () => {
    const tiers = newThresholds("tiers")?.tiers ?? [];
    const at = addTier(tiers);
    expect(at).toBe(2);
    expect(tiers.map((t) => t.label)).toEqual(["Hot", "Warm", "", "Cold"]);
    expect(tiers.at(-1)).not.toHaveProperty("from");
  });
});

describe("parseDefinitionJson", () => {
  it("takes a definition with groups and refuses anything else", () => {
    const d = named(newDefinition());
    expect(parseDefinitionJson(JSON.stringify(d))).toEqual(d);
    expect(() => parseDefinitionJson('{"name": "x"}')).toThrow("expected a score definition with groups");
    expect(() => parseDefinitionJson("[]")).toThrow("expected a score definition with groups");
    expect(() => parseDefinitionJson("{")).toThrow(SyntaxError);
  });
});
