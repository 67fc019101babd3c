import { describe, expect, it } from "vitest";
import { listOption } from "../../../../src/admin/assets/builder-condition-pickers.js";
import { changeOperator, LIST_RULE_PROPERTY } from "../../../../src/admin/assets/builder-conditions.js";
import type { DraftCondition } from "../../../../src/admin/assets/types.js";
import { findDefinitionProblems } from "../../../../src/scoring/index.js";

// List rules in the builder (docs/scoring.md §Property rules, docs/decisions.md §Builder pickers): lists
// are picked by name, the definition holds their ids and the property the engine does not read.

describe("changeOperator to and from a list operator", () => {
  it("names the list rule's property itself and drops values that were not list ids", () => {
    const c: DraftCondition = { property: "lifecyclestage", operator: "in", values: ["customer"] };
    changeOperator(c, "inList");
    expect(c).toEqual({ property: LIST_RULE_PROPERTY, operator: "inList", values: [] });
    c.values = ["32"];
    changeOperator(c, "notInList");
    expect(c).toEqual({ property: LIST_RULE_PROPERTY, operator: "notInList", values: ["32"] });
  });

  it("leaves a property to pick, and no list ids, when the rule is no longer on lists", () => {
    const c: DraftCondition = { property: LIST_RULE_PROPERTY, operator: "inList", values: ["32"] };
    changeOperator(c, "in");
    expect(c).toEqual({ property: "", operator: "in", values: [] });
  });

  it("makes a list rule the engine accepts once a list is ticked", () => {
    const c: DraftCondition = { property: "", operator: "eq", value: "x" };
    changeOperator(c, "inList");
    c.values = ["32"];
    const definition = {
      id: "lists",
      name: "Lists",
      object: "contacts",
      type: "fit",
      property: { name: "ls_lists" },
      groups: [{ name: "Fit", kind: "fit", rules: [{ ...c, points: 5 }] }],
    };
    expect(findDefinitionProblems(definition)).toEqual([]);
  });
});

it("shows a list by name and size, its id beside it", () => {
  expect(listOption({ id: "32", name: "Customers", objectType: "contacts", size: 40 })).toEqual({
    value: "32",
    label: "Customers (40)",
    hint: "id 32",
  });
  expect(listOption({ id: "7", name: "New", objectType: "contacts", size: null }).label).toBe("New");
});
