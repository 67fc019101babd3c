import { describe, expect, it } from "vitest";
import { pointsWarning } from "../../../../src/admin/assets/points-warning.js";
import { definition, record, score } from "../../../support/scoring-builders.js";

// Points beyond the group's limit or the score's limits are flagged, not refused: the definition is valid
// and the engine clamps (docs/scoring.md §Groups and limits).

describe("pointsWarning", () => {
  it("names the group's limit first, then the score's maximum or minimum, and is silent within them", () => {
    const rule = { property: "jobtitle", operator: "in" as const, values: ["CEO"], points: 1010 };
    expect(pointsWarning(rule, { groupLimit: 25, max: 100 })).toBe(
      "1010 is beyond this group's limit of 25: the group adds at most 25 in all.",
    );
    expect(pointsWarning({ ...rule, points: -30 }, { groupLimit: 25 })).toBe(
      "-30 is beyond this group's limit of 25: the group takes away at most 25 in all.",
    );
    expect(pointsWarning(rule, { max: 100 })).toBe(
      "1010 is more than the score's maximum of 100: the score stops at 100.",
    );
    expect(pointsWarning({ ...rule, points: -30 }, { min: -20 })).toBe(
      "-30 is below the score's minimum of -20: the score stops at -20.",
    );
    expect(pointsWarning({ ...rule, points: 25 }, { groupLimit: 25, min: -20, max: 100 })).toBe("");
    expect(pointsWarning({ event: "meeting" }, { max: 1 })).toBe("");
  });

  it("checks each value's points when scored by value", () => {
    const rule = { property: "jobtitle", operator: "in" as const, values: ["CEO", "CTO"] };
    expect(pointsWarning({ ...rule, pointsByValue: { CEO: 10, CTO: 300 } }, { max: 100 })).toBe(
      "“CTO”: 300 is more than the score's maximum of 100: the score stops at 100.",
    );
    expect(pointsWarning({ ...rule, pointsByValue: { CEO: 10, CTO: 30 } }, { max: 100 })).toBe("");
  });

  it("warns of what the engine does: a valid definition whose rule counts only up to the limits", () => {
    const ceo = { property: "jobtitle", operator: "in", values: ["CEO"], points: 1010 };
    const limited = definition({
      type: "fit",
      groups: [{ name: "Role", kind: "fit", limit: 25, rules: [ceo] }],
    });
    const unlimited = definition({ type: "fit", groups: [{ name: "Role", kind: "fit", rules: [ceo] }] });
    const chief = record({ properties: { jobtitle: "CEO" } });
    expect(score(limited, chief).score).toBe(25);
    expect(score(unlimited, chief).score).toBe(100);
  });
});
