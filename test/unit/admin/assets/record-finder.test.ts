import { describe, expect, it } from "vitest";
import { focusAfterKey, matchesText } from "../../../../src/admin/assets/record-finder.js";

// "Test a record: find it by email, name or id" (docs/decisions.md §Test a record search): what the
// status line says, and where the arrow keys and Escape take the focus among the matches.

describe("matchesText", () => {
  it("says when nothing matches, naming the query", () => {
    expect(matchesText(0, "ada@example.com")).toBe("No record matches “ada@example.com”.");
  });

  it("says a single match is the one (it is tested at once), and asks to choose among several", () => {
    expect(matchesText(1, "ada")).toBe("1 match for “ada”.");
    expect(matchesText(2, "ada")).toBe("2 matches for “ada”: choose one to test (↓ to reach them).");
  });
});

describe("focusAfterKey", () => {
  it("moves down and up the matches, staying on the last one", () => {
    expect(focusAfterKey("ArrowDown", 0, 3)).toBe(1);
    expect(focusAfterKey("ArrowDown", 2, 3)).toBe(2);
    expect(focusAfterKey("ArrowUp", 2, 3)).toBe(1);
  });

  it("goes back to the search box above the first match and on Escape", () => {
    expect(focusAfterKey("ArrowUp", 0, 3)).toBe("input");
    expect(focusAfterKey("Escape", 1, 3)).toBe("input");
  });

  it("leaves other keys to the buttons (Enter tests the match)", () => {
    expect(focusAfterKey("Enter", 1, 3)).toBeNull();
    expect(focusAfterKey("a", 1, 3)).toBeNull();
  });
});
