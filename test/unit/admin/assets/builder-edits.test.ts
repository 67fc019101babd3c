import { describe, expect, it } from "vitest";
import { sets, setsOrDeletes, splitTrimmed } from "../../../../src/admin/assets/builder-edits.js";
import { formatDate, setOrDelete } from "../../../../src/admin/assets/dom.js";
import type { FormContext } from "../../../../src/admin/assets/types.js";

// How the form's inputs write into the definition: set, or leave out what is empty so the JSON view
// and what is saved stay minimal; every edit tells the builder the score has unsaved changes.

const context = () => {
  const ctx = {
    changes: 0,
    isSaved: false,
    view: { openRule: null, closedGroups: new WeakSet() },
    changed: () => void ctx.changes++,
    rerender: () => {},
    redraw: () => {},
    live: () => {},
  };
  return ctx satisfies FormContext;
};

describe("sets", () => {
  it("writes the value, empty included, and tells the builder", () => {
    const ctx = context();
    const property = { name: "ls_lead" };
    sets(property, "name", ctx)("");
    expect(property).toEqual({ name: "" });
    expect(ctx.changes).toBe(1);
  });
});

describe("setsOrDeletes and setOrDelete", () => {
  it("removes an optional key typed empty, and writes any other value, 0 included", () => {
    const ctx = context();
    const rule: { event: string; cap?: number; labels?: string[]; note?: string } = { event: "call", cap: 5 };
    setsOrDeletes(rule, "cap", ctx)(undefined);
    expect(rule).toEqual({ event: "call" });
    setsOrDeletes(rule, "cap", ctx)(0);
    expect(rule.cap).toBe(0);
    setOrDelete(rule, "labels", []);
    setOrDelete(rule, "note", "");
    expect(rule).toEqual({ event: "call", cap: 0 });
    expect(ctx.changes).toBe(2);
  });
});

describe("splitTrimmed", () => {
  it("reads a typed list, ignoring spaces and empty items", () => {
    expect(splitTrimmed(" 12, 13 ,,14 ", ",")).toEqual(["12", "13", "14"]);
    expect(splitTrimmed("CTO\n\n  VP of Sales \n", "\n")).toEqual(["CTO", "VP of Sales"]);
    expect(splitTrimmed("", ",")).toEqual([]);
  });
});

describe("formatDate", () => {
  it("shows an instant to the minute in UTC, and a dash for none", () => {
    expect(formatDate("2026-11-20T09:30:59.123Z")).toBe("2026-11-20 09:30 UTC");
    expect(formatDate(null)).toBe("—");
  });
});
