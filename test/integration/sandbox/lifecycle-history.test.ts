import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// The sandbox's lifecycle stage history (docs/hubspot.md §Lifecycle stage history): hs_v2_date_entered_<stage>
// kept with lifecyclestage, propertiesWithHistory answered in HubSpot's shape, and the door reading both.

let s: TestSandbox;
beforeEach(async () => {
  s = await startTestSandbox({ seed: "none" });
});
afterEach(() => s.close());

async function createContact(properties: Record<string, string>): Promise<string> {
  const answer = await s.call("POST", "/__sandbox/records/contacts", { properties });
  expect(answer.status).toBe(201);
  return answer.json.id;
}

describe("lifecycle stage history in the sandbox", () => {
  it("dates each stage a contact enters and answers lifecyclestage's history newest first", async () => {
    const createdAt = new Date(s.sandbox.clock.nowMs()).toISOString();
    const id = await createContact({ email: "ada@example.com", lifecyclestage: "lead" });
    s.sandbox.clock.advance(1_200_000);
    await s.client.updateRecords("contacts", [{ id, properties: { lifecyclestage: "customer" } }]);
    const movedAt = new Date(s.sandbox.clock.nowMs()).toISOString();
    const answer = await s.crm("POST", "/crm/v3/objects/contacts/batch/read", {
      inputs: [{ id }],
      properties: ["hs_v2_date_entered_lead", "hs_v2_date_entered_customer"],
      propertiesWithHistory: ["lifecyclestage"],
    });
    expect(answer.status).toBe(200);
    const [record] = answer.json.results;
    expect(record.properties.hs_v2_date_entered_lead).toBe(createdAt);
    expect(record.properties.hs_v2_date_entered_customer).toBe(movedAt);
    expect(record.propertiesWithHistory.lifecyclestage).toEqual([
      { value: "customer", timestamp: movedAt, sourceType: "CRM_UI" },
      { value: "lead", timestamp: createdAt, sourceType: "CRM_UI" },
    ]);
  });

  it("lets the door read when records entered a stage, null for one never entered", async () => {
    const lead = await createContact({ email: "lead@example.com", lifecyclestage: "lead" });
    const customer = await createContact({ email: "customer@example.com", lifecyclestage: "customer" });
    const found = await s.client.readStageEntries("contacts", [lead, customer], "customer");
    expect(found.get(customer)).toBe(s.sandbox.clock.nowMs());
    expect(found.get(lead)).toBeNull();
  });
});
