import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// CRM search's `query` as HubSpot answers it: a case-insensitive match on the object's default
// searchable properties only (contacts email/firstname/lastname/phone, companies name/domain,
// deals dealname), never on other properties. Through the app's door, so the nock suite
// (test/integration/hubspot-client/find-records.test.ts) and the sandbox cannot drift apart.

let s: TestSandbox;
beforeEach(async () => {
  s = await startTestSandbox();
});
afterEach(() => s.close());

function create(type: "contacts" | "companies" | "deals", properties: Record<string, string>) {
  const at = { nowMs: s.sandbox.clock.nowMs(), changeSource: null };
  return String(s.sandbox.portal.records.create(type, properties, at).id);
}

describe("findRecords against the sandbox", () => {
  it("finds a contact by any case of its email, first name, last name or phone", async () => {
    const id = create("contacts", {
      email: "zelda.quux@lead-score.test",
      firstname: "Zelda",
      lastname: "Quuxington",
      phone: "+31 20 555 0199",
    });
    // Four queries: within the search lane's 4 a second, so no real pause.
    for (const query of ["ZELDA.QUUX@lead-score.test", "zeLDa", "quuxington", "555 0199"]) {
      const found = await s.client.findRecords("contacts", query);
      expect(
        found.map((r) => r.id),
        query,
      ).toEqual([id]);
      expect(found[0]?.properties).toMatchObject({
        email: "zelda.quux@lead-score.test",
        firstname: "Zelda",
        lastname: "Quuxington",
      });
    }
    expect(s.sandbox.stats.snapshot().calls["POST /crm/v3/objects/contacts/search"]).toBe(4);
  });

  it("does not match properties outside the searchable ones, nor record ids", async () => {
    const id = create("contacts", { email: "plain@lead-score.test", jobtitle: "Xylophonist-in-chief" });
    expect(await s.client.findRecords("contacts", "xylophonist")).toEqual([]);
    const byId = await s.client.findRecords("contacts", id);
    expect(byId.map((r) => r.id)).not.toContain(id);
  });

  it("finds companies by name or domain and deals by dealname, at most 10", async () => {
    const company = create("companies", { name: "Quuxcorp Holdings", domain: "quuxcorp.test" });
    expect((await s.client.findRecords("companies", "QUUXCORP.TEST")).map((r) => r.id)).toEqual([company]);
    expect((await s.client.findRecords("companies", "holdings")).map((r) => r.id)).toContain(company);
    for (let i = 0; i < 12; i++) create("deals", { dealname: `Quuxdeal renewal ${i}` });
    const deals = await s.client.findRecords("deals", "quuxdeal");
    expect(deals).toHaveLength(10);
    expect(deals[0]?.properties.dealname).toBe("Quuxdeal renewal 0");
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
