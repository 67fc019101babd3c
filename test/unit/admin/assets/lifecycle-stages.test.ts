import { describe, expect, it } from "vitest";
import { DEFAULT_STAGES, stageLabel, stageOptions } from "../../../../src/admin/assets/lifecycle-stages.js";

// The stages "Suggest a score" offers: the portal's lifecyclestage options, else HubSpot's default eight.

const catalog = [
  { name: "jobtitle", options: [] },
  {
    name: "lifecyclestage",
    options: [
      { value: "lead", label: "Lead", displayOrder: 1 },
      { value: "1234567", label: "Demo booked" },
      { value: "customer", label: "Customer" },
    ],
  },
];

describe("stageOptions", () => {
  it("offers the portal's own stages by label, in its order, custom ones too", () => {
    expect(stageOptions(catalog)).toEqual([
      { value: "lead", label: "Lead" },
      { value: "1234567", label: "Demo booked" },
      { value: "customer", label: "Customer" },
    ]);
  });

  it("falls back to HubSpot's default eight when the catalog has no lifecycle stage or no options", () => {
    expect(stageOptions(undefined)).toBe(DEFAULT_STAGES);
    expect(stageOptions([{ name: "lifecyclestage", options: [] }])).toBe(DEFAULT_STAGES);
    expect(DEFAULT_STAGES.map((s) => s.value)).toEqual([
      "subscriber",
      "lead",
      "marketingqualifiedlead",
      "salesqualifiedlead",
      "opportunity",
      "customer",
      "evangelist",
      "other",
    ]);
  });

  it("gives a default stage whose label is its internal name HubSpot's label, and leaves a custom one as it is", () => {
    const bare = [
      { value: "salesqualifiedlead", label: "salesqualifiedlead" },
      { value: "x9", label: "x9" },
    ];
    expect(stageOptions([{ name: "lifecyclestage", options: bare }])).toEqual([
      { value: "salesqualifiedlead", label: "Sales Qualified Lead" },
      { value: "x9", label: "x9" },
    ]);
  });

  it("labels a stage by its option, and by its value when the portal no longer has it", () => {
    const options = stageOptions(catalog);
    expect(stageLabel(options, "1234567")).toBe("Demo booked");
    expect(stageLabel(options, "evangelist")).toBe("evangelist");
  });
});
