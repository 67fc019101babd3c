import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines } from "../../../../src/admin/assets/diff-lines.js";

// The revisions panel shows a revision (−) against the form (+): the kept and removed lines must be
// the revision, the kept and added lines the form, with as few changed lines as a line diff allows.

const side = (lines: ReturnType<typeof diffLines>, op: "-" | "+") =>
  lines
    .filter((l) => l.op === " " || l.op === op)
    .map((l) => l.line)
    .join("\n");

describe("diffLines", () => {
  it("marks nothing for identical texts", () => {
    const text = '{\n  "id": "lead",\n  "name": "Lead"\n}';
    expect(diffLines(text, text).every((l) => l.op === " ")).toBe(true);
  });

  it("shows one edited line as one removal and one addition, the rest kept", () => {
    const before = '{\n  "id": "lead",\n  "limits": { "max": 100 },\n  "name": "Lead"\n}';
    const after = before.replace('"max": 100', '"max": 50');
    const lines = diffLines(before, after);
    expect(lines.filter((l) => l.op === "-")).toEqual([{ op: "-", line: '  "limits": { "max": 100 },' }]);
    expect(lines.filter((l) => l.op === "+")).toEqual([{ op: "+", line: '  "limits": { "max": 50 },' }]);
    expect(lines.filter((l) => l.op === " ")).toHaveLength(4);
  });

  it("rebuilds both texts from its lines, for any texts", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "{", "}"), { maxLength: 12 })
      .map((l) => l.join("\n"));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const lines = diffLines(before, after);
        expect(side(lines, "-")).toBe(before);
        expect(side(lines, "+")).toBe(after);
      }),
    );
  });

  it("keeps a line that only moved past an insertion", () => {
    const lines = diffLines("a\nb\nc", "a\nx\nb\nc");
    expect(lines).toEqual([
      { op: " ", line: "a" },
      { op: "+", line: "x" },
      { op: " ", line: "b" },
      { op: " ", line: "c" },
    ]);
  });
});
