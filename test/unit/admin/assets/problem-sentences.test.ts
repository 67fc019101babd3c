import { describe, expect, it } from "vitest";
import { placeOf, plainMessage, problemSentence } from "../../../../src/admin/assets/problem-sentences.js";
import { findDefinitionProblems } from "../../../../src/scoring/index.js";
import { definition } from "../../../support/scoring-builders.js";

// The API's problems in the page's words (docs/decisions.md §Problems in plain words).

describe("plainMessage", () => {
  it("rewrites the engine's terse messages as sentences", () => {
    expect(plainMessage("required")).toBe("Fill this in.");
    expect(plainMessage("must not be empty")).toBe("Fill this in.");
    expect(plainMessage("expected a number")).toBe("Enter a number.");
    expect(plainMessage("expected a number (or pointsByValue)")).toBe(
      "Enter points, or score each value individually.",
    );
    expect(plainMessage('expected "all" or "lists"')).toBe("Choose one of all, lists.");
    expect(plainMessage("must be at least 1")).toBe("Use 1 or more.");
    expect(plainMessage("must be at most 100")).toBe("Use 100 or less.");
    expect(plainMessage("must be greater than 0")).toBe("Use more than 0.");
    expect(plainMessage("must have at least 1 item(s)")).toBe("Add at least one.");
    expect(plainMessage("must be another stage than from")).toBe("Choose a stage other than From stage.");
    expect(plainMessage("unknown field")).toBe(
      "A score definition has no such setting: remove it in the JSON view.",
    );
  });

  it("never shows a pattern, and ends any other message as a sentence", () => {
    expect(plainMessage("must match ^[a-z][a-z0-9_]{0,80}$ (lower-case letters, digits, _)")).toBe(
      "Use lowercase letters, digits and _; start with a letter.",
    );
    expect(plainMessage("must match ^x+$")).toBe("Use only the characters this field allows.");
    expect(plainMessage('must not start with "hs_" (reserved by HubSpot)')).toBe(
      "HubSpot keeps names starting with hs_ for its own: start with ls_, for example.",
    );
    expect(plainMessage('has no points for the value "CTO"')).toBe("Give points for “CTO”.");
    expect(plainMessage("the last tier has no from (it takes the rest)")).toBe(
      "The last tier has no from (it takes the rest).",
    );
    expect(plainMessage("Already a sentence.")).toBe("Already a sentence.");
  });

  it("leaves no JSON key or pattern in the engine's messages that name one", () => {
    for (const message of [
      "must not be greater than limits.max",
      "give either points or pointsByValue, not both",
      "must be [low, high]",
      'combined scores use {"fit": …, "engagement": …}',
      "give either high/medium or tiers, not both",
      "expected a number (or pointsByValue)",
    ])
      expect(plainMessage(message), message).not.toMatch(/[[\]{}]|limits\.|pointsByValue|high\/medium/);
  });

  it("leaves no message of the engine with a regular expression in it", () => {
    const problems = findDefinitionProblems(
      definition({
        id: "",
        property: { name: "Bad Name" },
        groups: [{ name: "", kind: "engagement", rules: [] }],
      }),
    );
    expect(problems.length).toBeGreaterThan(2);
    for (const problem of problems)
      expect(plainMessage(problem.message), problem.message).not.toMatch(/[\^$[\]{}]/);
  });
});

describe("placeOf and problemSentence", () => {
  it("names the group, rule and condition by number and the field by its label", () => {
    expect(placeOf("groups[1].rules[0].points")).toBe("Group 2, rule 1, Points");
    expect(placeOf("groups[0].rules[2].pointsByValue.CTO")).toBe("Group 1, rule 3, Points for “CTO”");
    expect(placeOf("groups[0].rules[1].where[0].values")).toBe("Group 1, rule 2, condition 1, Values");
    expect(placeOf("groups[0].decay.percent")).toBe("Group 1, Decay percent");
    expect(placeOf("property.name")).toBe("Property name");
    expect(placeOf("limits.min")).toBe("Score at least");
    expect(placeOf("records.include[1]")).toBe("Include list 2");
    expect(placeOf("groups[1]")).toBe("Group 2");
    expect(placeOf("")).toBe("");
  });

  it("puts the place before what to do, and a problem of the whole definition alone", () => {
    expect(problemSentence({ path: "groups[1].rules[0].points", message: "expected a number" })).toBe(
      "Group 2, rule 1, Points: Enter a number.",
    );
    expect(problemSentence({ path: "", message: "expected an object" })).toBe(
      "This part has the wrong shape: fix it in the JSON view.",
    );
  });
});
