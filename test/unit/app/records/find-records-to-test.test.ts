import { describe, expect, it } from "vitest";
import { findRecordsToTest, labelRecord } from "../../../../src/app/records/find-records-to-test.js";
import type { CrmRecord } from "../../../../src/ports/crm-client.js";

// A door that answers from two lists and remembers what it was asked.
function fakeCrm(byId: CrmRecord[], bySearch: CrmRecord[]) {
  const asked: string[] = [];
  const crm = {
    async readRecords(type: string, ids: readonly string[], properties: readonly string[]) {
      asked.push(`read ${type} ${ids.join()} [${properties.join()}]`);
      return byId.filter((r) => ids.includes(r.id));
    },
    async findRecords(type: string, query: string) {
      asked.push(`find ${type} ${query}`);
      return bySearch;
    },
  };
  return { deps: { crmFor: () => crm }, asked };
}
const record = (id: string, properties: Record<string, string | null> = {}) => ({ id, properties });

describe("findRecordsToTest", () => {
  it("searches a trimmed query and does not read an id for text", async () => {
    const { deps, asked } = fakeCrm([], [record("7", { firstname: "Ada", lastname: "Lovelace" })]);
    const found = await findRecordsToTest(deps, 1, "contacts", "  Ada ");
    expect(asked).toEqual(["find contacts Ada"]);
    expect(found).toEqual([{ id: "7", label: "Ada Lovelace", properties: expect.any(Object) }]);
  });

  it("reads a query of digits as an id, first, once, and keeps the list at 10", async () => {
    const many = Array.from({ length: 10 }, (_, i) => record(String(100 + i), { dealname: `Deal ${i}` }));
    const { deps, asked } = fakeCrm([record("42", { dealname: "The one" })], [...many, record("42")]);
    const found = await findRecordsToTest(deps, 1, "deals", "42");
    expect(asked).toEqual(["read deals 42 [dealname]", "find deals 42"]);
    expect(found).toHaveLength(10);
    expect(found.map((f) => f.id).slice(0, 2)).toEqual(["42", "100"]);
    expect(found.filter((f) => f.id === "42")).toHaveLength(1);
  });

  it("takes digits with a leading zero for a phone number, not an id", async () => {
    const { deps, asked } = fakeCrm([], []);
    await findRecordsToTest(deps, 1, "contacts", "0612345678");
    expect(asked).toEqual(["find contacts 0612345678"]);
  });
});

describe("labelRecord", () => {
  it("names a contact, a company and a deal as a person knows them, and says when a record has no name", () => {
    expect(labelRecord("contacts", "1", { firstname: "Ada", lastname: null, email: "ada@x.test" })).toBe(
      "Ada · ada@x.test",
    );
    expect(labelRecord("companies", "2", { name: "Acme", domain: "acme.test" })).toBe("Acme · acme.test");
    expect(labelRecord("deals", "3", { dealname: "  " })).toBe("deals 3 (no name)");
  });
});
