import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// Tickets as a CRM object (docs/hubspot.md §Tickets): the objects, batch read and search routes with scope
// `tickets`, associations v4 with HubSpot's type ids, and ticket.* webhooks in the change feed.

let s: TestSandbox;
let contactId: string;
let companyId: string;
let ticketId: string;

beforeEach(async () => {
  s = await startTestSandbox({ seed: "none" });
  contactId = (
    await s.call("POST", "/__sandbox/records/contacts", { properties: { email: "ada@acme.test" } })
  ).json.id;
  companyId = (await s.call("POST", "/__sandbox/records/companies", { properties: { name: "Acme" } })).json
    .id;
  const created = await s.call("POST", "/__sandbox/records/tickets", {
    properties: {
      subject: "Cannot log in",
      hs_pipeline: "0",
      hs_pipeline_stage: "1",
      hs_ticket_priority: "HIGH",
      hs_ticket_category: "PRODUCT_ISSUE;BILLING_ISSUE",
    },
  });
  expect(created.status, created.text).toBe(201);
  ticketId = created.json.id;
  await s.call("POST", "/__sandbox/associations", {
    fromType: "tickets",
    fromId: ticketId,
    toType: "contacts",
    toId: contactId,
  });
  await s.call("POST", "/__sandbox/associations", {
    fromType: "tickets",
    fromId: ticketId,
    toType: "companies",
    toId: companyId,
    label: "Primary",
  });
});
afterEach(() => s.close());

describe("tickets", () => {
  it("reads tickets in a batch with their properties and createdate", async () => {
    const answer = await s.crm("POST", "/crm/v3/objects/tickets/batch/read", {
      inputs: [{ id: ticketId }],
      properties: ["subject", "hs_pipeline_stage", "hs_ticket_priority", "hs_ticket_category", "createdate"],
    });
    expect(answer.status).toBe(200);
    expect(answer.json.results[0].properties).toMatchObject({
      subject: "Cannot log in",
      hs_pipeline_stage: "1",
      hs_ticket_priority: "HIGH",
      hs_ticket_category: "PRODUCT_ISSUE;BILLING_ISSUE",
      createdate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const search = await s.crm("POST", "/crm/v3/objects/tickets/search", {
      filterGroups: [{ filters: [{ propertyName: "hs_ticket_priority", operator: "EQ", value: "HIGH" }] }],
      properties: ["subject"],
    });
    expect(search.json).toMatchObject({
      total: 1,
      results: [{ id: ticketId, properties: { subject: "Cannot log in" } }],
    });
  });

  it("refuses a priority HubSpot does not offer", async () => {
    const bad = await s.call("PATCH", `/__sandbox/records/tickets/${ticketId}`, {
      properties: { hs_ticket_priority: "SOMEDAY" },
    });
    expect(bad.status).toBe(400);
  });

  it("needs the tickets scope", async () => {
    const token = await s.issueToken(["oauth", "crm.objects.contacts.read"]);
    const refused = await s.crm(
      "POST",
      "/crm/v3/objects/tickets/batch/read",
      { inputs: [{ id: ticketId }] },
      token,
    );
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.json)).toContain("tickets");
  });

  it("associates tickets with HubSpot's type ids both ways: contact 15/16, company 339/340 and Primary 26/25", async () => {
    const read = async (from: string, to: string, id: string) =>
      (await s.crm("POST", `/crm/v4/associations/${from}/${to}/batch/read`, { inputs: [{ id }] })).json
        .results[0].to[0];
    expect((await read("contacts", "tickets", contactId)).associationTypes).toEqual([
      { category: "HUBSPOT_DEFINED", typeId: 15 },
    ]);
    expect((await read("tickets", "contacts", ticketId)).associationTypes).toEqual([
      { category: "HUBSPOT_DEFINED", typeId: 16 },
    ]);
    expect((await read("tickets", "companies", ticketId)).associationTypes).toEqual(
      expect.arrayContaining([
        { category: "HUBSPOT_DEFINED", typeId: 339 },
        { category: "HUBSPOT_DEFINED", typeId: 26, label: "Primary" },
      ]),
    );
    expect((await read("companies", "tickets", companyId)).associationTypes).toEqual(
      expect.arrayContaining([
        { category: "HUBSPOT_DEFINED", typeId: 340 },
        { category: "HUBSPOT_DEFINED", typeId: 25, label: "Primary" },
      ]),
    );
  });

  it("writes ticket.creation, ticket.propertyChange and ticket.associationChange to the change feed", async () => {
    await s.call("PATCH", `/__sandbox/records/tickets/${ticketId}`, {
      properties: { hs_pipeline_stage: "4" },
    });
    const changes = (await s.call("GET", "/__sandbox/changes?limit=1000")).json.results.filter(
      (c: { objectType: string }) => c.objectType === "tickets",
    );
    const types = new Set(changes.map((c: { subscriptionType: string }) => c.subscriptionType));
    expect([...types].sort()).toEqual([
      "ticket.associationChange",
      "ticket.creation",
      "ticket.propertyChange",
    ]);
    expect(changes.at(-1)).toMatchObject({
      objectTypeId: "0-5",
      propertyName: "hs_pipeline_stage",
      propertyValue: "4",
    });
  });
});
