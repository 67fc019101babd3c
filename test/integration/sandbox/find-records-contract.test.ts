import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// CRM search's `query` in the sandbox beyond what the door contract
// (test/integration/door-contract/define-search-cases.ts) asks of both worlds: more of HubSpot's
// default searchable properties, and the query ANDed with filterGroups.

let s: TestSandbox;
beforeEach(async () => {
  s = await startTestSandbox();
});
afterEach(() => s.close());

function create(type: "contacts" | "companies", properties: Record<string, string>) {
  const at = { nowMs: s.sandbox.clock.nowMs(), changeSource: null };
  return String(s.sandbox.portal.records.create(type, properties, at).id);
}

describe("findRecords against the sandbox", () => {
  it("finds a contact by its first name or phone, and a company by a word of its name", async () => {
    const id = create("contacts", {
      email: "zelda.quux@lead-score.test",
      firstname: "Zelda",
      lastname: "Quuxington",
      phone: "+31 20 555 0199",
    });
    for (const query of ["zeLDa", "555 0199"])
      expect(
        (await s.client.findRecords("contacts", query)).map((r) => r.id),
        query,
      ).toEqual([id]);
    const company = create("companies", { name: "Quuxcorp Holdings", domain: "quuxcorp.test" });
    expect((await s.client.findRecords("companies", "holdings")).map((r) => r.id)).toContain(company);
  });

  it("ANDs the query with filterGroups, as HubSpot does", async () => {
    const cto = create("contacts", { firstname: "Quinn", lastname: "Quuxberg", jobtitle: "CTO" });
    create("contacts", { firstname: "Quentin", lastname: "Quuxberg", jobtitle: "Intern" });
    const answer = await s.crm("POST", "/crm/v3/objects/contacts/search", {
      query: "quuxberg",
      filterGroups: [{ filters: [{ propertyName: "jobtitle", operator: "EQ", value: "CTO" }] }],
    });
    expect(answer.status).toBe(200);
    expect(answer.json.results.map((r: { id: string }) => r.id)).toEqual([cto]);
    expect(answer.json.total).toBe(1);
  });
});
