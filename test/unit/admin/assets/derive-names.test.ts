import { describe, expect, it } from "vitest";
import { derivePropertyName, deriveScoreId, followsName } from "../../../../src/admin/assets/derive-names.js";
import { findDefinitionProblems } from "../../../../src/scoring/index.js";
import { definition } from "../../../support/scoring-builders.js";

// A new score's id and property name, spelled from its name until typed over (docs/decisions.md §Builder
// inputs are never replaced).

describe("deriveScoreId and derivePropertyName", () => {
  it("spell the name's words in lowercase, accents dropped", () => {
    expect(deriveScoreId("Contact lead score")).toBe("contact-lead-score");
    expect(derivePropertyName("Contact lead score")).toBe("ls_contact_lead_score");
    expect(deriveScoreId("  Café — Fit (2026)! ")).toBe("cafe-fit-2026");
    expect(derivePropertyName("  Café — Fit (2026)! ")).toBe("ls_cafe_fit_2026");
    expect(derivePropertyName("2026 leads")).toBe("ls_2026_leads");
  });

  it("give nothing for a name without letters or digits, and stay within the lengths allowed", () => {
    expect(deriveScoreId("!!")).toBe("");
    expect(derivePropertyName("—")).toBe("");
    const long = "word ".repeat(40);
    expect(deriveScoreId(long).length).toBeLessThanOrEqual(64);
    expect(deriveScoreId(long).endsWith("-")).toBe(false);
    expect(derivePropertyName(long).length).toBeLessThanOrEqual(81);
    expect(derivePropertyName(long).endsWith("_")).toBe(false);
  });

  it("make property names the definition schema accepts, for any name", () => {
    for (const name of ["Contact lead score", "Ünïcödé 9", "a".repeat(200), "HS score", "x_y z"]) {
      const property = derivePropertyName(name);
      const problems = findDefinitionProblems(
        definition({ id: deriveScoreId(name), property: { name: property } }),
      );
      expect(problems, name).toEqual([]);
    }
  });
});

describe("followsName", () => {
  it("follows while empty or still what the previous name gave, and stops once typed over", () => {
    expect(followsName("", "Lead", deriveScoreId)).toBe(true);
    expect(followsName(undefined, "Lead", deriveScoreId)).toBe(true);
    expect(followsName("lead", "Lead", deriveScoreId)).toBe(true);
    expect(followsName("my-lead", "Lead", deriveScoreId)).toBe(false);
    expect(followsName("ls_lead", "Lead", derivePropertyName)).toBe(true);
    expect(followsName("ls_custom", "Lead", derivePropertyName)).toBe(false);
  });
});
