import { describe, expect, it } from "vitest";
import { valueAsOf } from "../../../../src/app/suggest/read-values-as-of.js";

const T = Date.UTC(2026, 8, 1);
const history = [
  { value: "CEO", sinceMs: T + 10 },
  { value: "", sinceMs: T },
  { value: "Intern", sinceMs: T - 10 },
];

describe("valueAsOf", () => {
  it("takes the latest value held at or before the instant, newest first", () => {
    expect(valueAsOf(history, T + 10)).toBe("CEO");
    expect(valueAsOf(history, T - 1)).toBe("Intern");
  });

  it("answers unknown for a value cleared then, and before the first value", () => {
    expect(valueAsOf(history, T)).toBeNull();
    expect(valueAsOf(history, T - 11)).toBeNull();
    expect(valueAsOf(undefined, T)).toBeNull();
  });
});
