import { expect, it } from "vitest";
import { namedRuleSummary } from "../../../../src/admin/assets/rule-summary.js";
import type { CatalogNames, PropertySource } from "../../../../src/admin/assets/types.js";

// A folded rule reads with HubSpot's labels once the catalogs are loaded (docs/decisions.md §Builder
// pickers): a call outcome by name, not by its GUID; a list by name, not by its id.

const CONNECTED = "f240bbac-87c9-4f6e-bf70-924b57d47db7";
const names = (source: PropertySource): CatalogNames => ({
  property: (name) => ({ hs_call_disposition: "Call outcome", lifecyclestage: "Lifecycle Stage" })[name],
  value: (condition, value) =>
    condition.operator === "inList"
      ? { "32": "Customers" }[value]
      : "event" in source
        ? { [CONNECTED]: "Connected" }[value]
        : undefined,
  event: (type) => ({ call: "Call" })[type],
});

it("names an event rule's type, property and options by their labels, an unknown value as it is", () => {
  const rule = {
    event: "call",
    where: [{ property: "hs_call_disposition", operator: "in" as const, values: [CONNECTED, "custom-guid"] }],
    points: 5,
  };
  expect(namedRuleSummary(rule, names)).toBe("Call · Call outcome is any of Connected, custom-guid · +5");
});

it("names a list rule's lists, and a property rule's property", () => {
  expect(namedRuleSummary({ property: "lists", operator: "inList", values: ["32"], points: 3 }, names)).toBe(
    "Is in one of the lists Customers · +3",
  );
  expect(
    namedRuleSummary({ property: "lifecyclestage", operator: "in", values: ["customer"], points: 2 }, names),
  ).toBe("Lifecycle Stage is customer · +2");
});
