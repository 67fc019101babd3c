import { describe, expect, it } from "vitest";
import { buildFullNameFilterGroups } from "../../../../src/adapters/hubspot-client/build-full-name-filter-groups.js";

const names = (query: string) =>
  buildFullNameFilterGroups(query).map((g) =>
    g.filters.map((f) => `${f.propertyName}=${f.value}`).join(" & "),
  );

describe("buildFullNameFilterGroups", () => {
  it("reads two words as first and last name, and the other way round", () => {
    expect(names("  Zoe   Jensen ")).toEqual([
      "firstname=Zoe & lastname=Jensen",
      "firstname=Jensen & lastname=Zoe",
    ]);
    expect(buildFullNameFilterGroups("Zoe Jensen")[0]?.filters.every((f) => f.operator === "EQ")).toBe(true);
  });

  it("cuts three words after the first and before the last, both ways round", () => {
    expect(names("Mary Ann Smith")).toEqual([
      "firstname=Mary & lastname=Ann Smith",
      "firstname=Mary Ann & lastname=Smith",
      "firstname=Ann Smith & lastname=Mary",
      "firstname=Smith & lastname=Mary Ann",
    ]);
  });

  it("stays within HubSpot's 5 filter groups however many words, and builds none for one word", () => {
    expect(buildFullNameFilterGroups("a b c d e f g")).toHaveLength(5);
    expect(names("a b c d e f g").slice(0, 2)).toEqual([
      "firstname=a & lastname=b c d e f g",
      "firstname=a b c d e f & lastname=g",
    ]);
    expect(buildFullNameFilterGroups("zoe")).toEqual([]);
    expect(buildFullNameFilterGroups("zoe@example.com")).toEqual([]);
  });
});
