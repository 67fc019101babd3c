import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";
import { defineDoorContract } from "./define-door-contract.js";
import {
  type CompletedCallback,
  type ContactKey,
  type DoorTarget,
  meetingProperties,
  ticketProperties,
  tinyWorld,
  type WorldIds,
} from "./tiny-world.js";

// The door contract against a sandbox (seed none) holding the tiny world, written the way a person
// would through /__sandbox/* (src/sandbox/control-routes.ts); the property group through the CRM API.
// Deals added in bulk go straight into the portal in one transaction, as an import would.

async function ok(s: TestSandbox, method: string, path: string, body: unknown, status = 201) {
  const answer = await s.call(method, path, body);
  if (answer.status !== status) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.json;
}

async function seedTinyWorld(s: TestSandbox): Promise<WorldIds> {
  const ok201 = (method: string, path: string, body: unknown, status = 201) =>
    ok(s, method, path, body, status);
  const contacts = {} as Record<ContactKey, string>;
  for (const [key, properties] of Object.entries(tinyWorld.contacts))
    contacts[key as ContactKey] = (await ok201("POST", "/__sandbox/records/contacts", { properties })).id;
  const company = (await ok201("POST", "/__sandbox/records/companies", { properties: tinyWorld.company })).id;
  for (const link of tinyWorld.companyLinks)
    await ok201("POST", "/__sandbox/associations", {
      fromType: "contacts",
      fromId: contacts[link.contact],
      toType: "companies",
      toId: company,
      label: link.label,
    });
  const meetings: string[] = [];
  for (const meeting of tinyWorld.meetings) {
    const logged = await ok201("POST", "/__sandbox/engagements", {
      type: "meeting",
      contactId: contacts[meeting.contact],
      occurredAt: meeting.end,
      properties: meetingProperties(meeting),
    });
    meetings.push(logged.engagement.id);
  }
  for (const view of tinyWorld.pageViews)
    await ok201("POST", "/__sandbox/web-events", {
      contact: contacts[view.contact],
      kind: "page_view",
      url: view.url,
      title: view.title,
      occurredAt: view.at,
    });
  const tickets: string[] = [];
  for (const ticket of tinyWorld.tickets) {
    const { id } = await ok201("POST", "/__sandbox/records/tickets", {
      properties: ticketProperties(ticket),
    });
    await ok201("POST", "/__sandbox/associations", {
      fromType: "contacts",
      fromId: contacts[ticket.contact],
      toType: "tickets",
      toId: id,
    });
    tickets.push(id);
  }
  const deals: string[] = [];
  for (let i = 1; i <= tinyWorld.dealCount; i++)
    deals.push(
      (await ok201("POST", "/__sandbox/records/deals", { properties: { dealname: `Deal ${i}` } })).id,
    );
  const list = await ok201("POST", "/__sandbox/lists", {
    name: tinyWorld.list.name,
    objectType: "contacts",
    recordIds: tinyWorld.list.members.map((key) => contacts[key]),
  });
  const group = await s.crm("POST", "/crm/v3/properties/contacts/groups", tinyWorld.propertyGroup);
  if (group.status !== 201) throw new Error(`property group: ${group.status} ${group.text}`);
  await ok201("POST", "/__sandbox/stats/reset", {}, 200);
  return { contacts, company, meetings, tickets, deals, listId: list.listId };
}

function addDeals(s: TestSandbox, count: number): string[] {
  const { portal, clock } = s.sandbox;
  const at = { nowMs: clock.nowMs(), changeSource: null };
  const first = portal.records.count("deals");
  return portal.db.transaction(() =>
    Array.from({ length: count }, (_, i) =>
      String(portal.records.create("deals", { dealname: `Deal ${first + i + 1}` }, at).id),
    ),
  )();
}

defineDoorContract({
  name: "the sandbox",
  async start(): Promise<DoorTarget> {
    const s = await startTestSandbox({ seed: "none" });
    const ids = await seedTinyWorld(s);
    return {
      client: s.client,
      ids,
      // The feeds through /__sandbox/* as a marketer would make them (src/sandbox/, docs/hubspot.md §Marketing email events, §Form submissions).
      createEmailCampaign: async (campaign) =>
        String((await ok(s, "POST", "/__sandbox/email-campaigns", campaign)).id),
      sendMarketingEmailEvent: async (event) => {
        const { id, created } = await ok(s, "POST", "/__sandbox/email-events", event);
        return { id, created };
      },
      createForm: async (name) => (await ok(s, "POST", "/__sandbox/forms", { name })).id,
      submitForm: async (formId, submission) => {
        const path = `/__sandbox/forms/${formId}/submissions`;
        const { conversionId, submittedAt } = await ok(s, "POST", path, submission);
        return { conversionId, submittedAt };
      },
      completedCallbacks: async () =>
        (await s.call("GET", "/__sandbox/action-callbacks")).json.callbacks.map(
          ({ callbackId, outputFields }: CompletedCallback) => ({ callbackId, outputFields }),
        ),
      nowMs: async () => (await s.call("GET", "/__sandbox/clock")).json.nowMs,
      advanceClock: async (ms) => {
        await s.call("POST", "/__sandbox/clock", { advance: ms });
      },
      addDeals: async (count) => addDeals(s, count),
      calls: async (endpoint) => (await s.call("GET", "/__sandbox/stats")).json.calls[endpoint] ?? 0,
      pauses: () => s.sleeps,
      close: s.close,
    };
  },
});
