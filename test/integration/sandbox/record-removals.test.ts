import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildWebhookEvent } from "../../../src/sandbox/build-webhook-event.js";
import type { Change } from "../../../src/sandbox/change-feed.js";
import { createSubscriptionFilter } from "../../../src/sandbox/create-subscription-filter.js";
import { loadWebhookSubscriptions } from "../../../src/sandbox/load-webhook-subscriptions.js";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// Deleting, restoring and merging records, removing associations and list members, and a contact's
// GDPR deletion over the control endpoints: what the portal then holds, and the webhooks HubSpot
// sends for each (docs/hubspot.md §Webhook payloads) as the app's webhooks/webhooks.json receives them.

let s: TestSandbox;
beforeEach(async () => {
  s = await startTestSandbox({ seed: "none" });
});
afterEach(() => s.close());

const origin = { portalId: 90000001, appId: 1 };
const filter = createSubscriptionFilter(loadWebhookSubscriptions("webhooks/webhooks.json"));
/** The events the app receives for every change after `afterSeq`, as HubSpot would send them. */
const sentAfter = (afterSeq: number) =>
  s.sandbox.portal.changes
    .read(afterSeq, 1_000)
    .flatMap((change: Change) => filter(change))
    .map((change) => buildWebhookEvent(change, origin, 0));
const lastSeq = () => s.sandbox.portal.changes.read(0, 100_000).at(-1)?.seq ?? 0;

async function contactAtCompany(email: string, companyId?: string) {
  const id = (await s.call("POST", "/__sandbox/records/contacts", { properties: { email } })).json
    .id as string;
  if (companyId)
    await s.call("POST", "/__sandbox/associations", {
      fromType: "contacts",
      fromId: id,
      toType: "companies",
      toId: companyId,
      label: "Primary",
    });
  return id;
}
const newCompany = async () =>
  (await s.call("POST", "/__sandbox/records/companies", { properties: { name: "Acme" } })).json.id as string;
const newList = async (name: string, recordIds: string[]) =>
  (await s.call("POST", "/__sandbox/lists", { name, objectType: "contacts", recordIds })).json
    .listId as string;
const companiesOf = (contactId: string) =>
  s.sandbox.portal.associations
    .targets("contacts", Number(contactId), "companies", 0, 10)
    .map((t) => t.toObjectId);

describe("sandbox record removals", () => {
  it("a deletion archives the record, sets its associations aside with events on both sides; a restore brings both back", async () => {
    const company = await newCompany();
    const contact = await contactAtCompany("a@x.example", company);
    const seq = lastSeq();
    expect((await s.call("DELETE", `/__sandbox/records/contacts/${contact}`)).status).toBe(200);
    expect((await s.call("GET", `/__sandbox/records/contacts/${contact}`)).status).toBe(404);
    expect(companiesOf(contact)).toEqual([]);
    const sent = sentAfter(seq);
    expect(sent).toContainEqual(
      expect.objectContaining({
        subscriptionType: "object.deletion",
        objectTypeId: "0-1",
        objectId: Number(contact),
        changeFlag: "DELETED",
      }),
    );
    expect(sent).toContainEqual(
      expect.objectContaining({
        subscriptionType: "company.associationChange",
        associationType: "COMPANY_TO_CONTACT",
        fromObjectId: Number(company),
        toObjectId: Number(contact),
        associationRemoved: true,
      }),
    );

    const restoredAt = lastSeq();
    expect((await s.call("POST", `/__sandbox/records/contacts/${contact}/restore`)).status).toBe(200);
    expect(companiesOf(contact)).toEqual([Number(company)]);
    expect(sentAfter(restoredAt)).toContainEqual(
      expect.objectContaining({
        subscriptionType: "object.restore",
        objectTypeId: "0-1",
        objectId: Number(contact),
      }),
    );
    expect((await s.call("POST", `/__sandbox/records/contacts/${contact}/restore`)).status).toBe(404);
  });

  it("a merge keeps the primary with the merged record's associations and missing values, and says so in one event", async () => {
    const company = await newCompany();
    const primary = await contactAtCompany("p@x.example");
    const merged = await contactAtCompany("m@x.example", company);
    await s.call("PATCH", `/__sandbox/records/contacts/${merged}`, { properties: { jobtitle: "CTO" } });
    const seq = lastSeq();
    const answer = await s.call("POST", "/__sandbox/records/contacts/merge", {
      primaryObjectId: primary,
      objectIdToMerge: merged,
    });
    expect(answer.json).toEqual({
      objectType: "contacts",
      primaryObjectId: Number(primary),
      mergedObjectIds: [Number(merged)],
      numberOfPropertiesMoved: 1,
    });
    expect(s.sandbox.portal.records.get("contacts", Number(primary))?.properties).toMatchObject({
      email: "p@x.example",
      jobtitle: "CTO",
    });
    expect(s.sandbox.portal.records.get("contacts", Number(merged))).toBeNull();
    expect(companiesOf(primary)).toEqual([Number(company)]);
    expect(sentAfter(seq)).toEqual([
      expect.objectContaining({
        subscriptionType: "object.merge",
        objectTypeId: "0-1",
        objectId: Number(primary),
        primaryObjectId: Number(primary),
        mergedObjectIds: [Number(merged)],
        newObjectId: Number(primary),
        numberOfPropertiesMoved: 1,
      }),
    ]);
  });

  it("removing an association sends one event per side; a pair that is not associated is a 404", async () => {
    const company = await newCompany();
    const contact = await contactAtCompany("d@x.example", company);
    const seq = lastSeq();
    const path = `/__sandbox/associations/contacts/${contact}/companies/${company}`;
    expect((await s.call("DELETE", path)).status).toBe(200);
    expect(companiesOf(contact)).toEqual([]);
    expect(sentAfter(seq).map((e) => [e.subscriptionType, e.associationRemoved])).toEqual([
      ["contact.associationChange", true],
      ["company.associationChange", true],
    ]);
    expect((await s.call("DELETE", path)).status).toBe(404);
  });

  it("a GDPR deletion erases the contact for good and sends contact.privacyDeletion with contact.deletion", async () => {
    const contact = await contactAtCompany("g@x.example", await newCompany());
    const seq = lastSeq();
    expect((await s.call("POST", `/__sandbox/records/contacts/${contact}/gdpr-delete`)).status).toBe(200);
    expect(
      s.sandbox.portal.db.prepare("SELECT COUNT(*) AS n FROM records WHERE id = ?").get(Number(contact)),
    ).toEqual({ n: 0 });
    const types = sentAfter(seq).map((e) => e.subscriptionType);
    expect(types).toEqual(expect.arrayContaining(["contact.privacyDeletion", "object.deletion"]));
    expect((await s.call("POST", `/__sandbox/records/contacts/${contact}/restore`)).status).toBe(404);
  });

  it("a GDPR deletion takes the contact out of its lists; a list made afterwards pages its members", async () => {
    const erased = await contactAtCompany("e@x.example");
    const before = await newList("Before", [erased]);
    await s.call("POST", `/__sandbox/records/contacts/${erased}/gdpr-delete`);
    expect((await s.crm("GET", `/crm/v3/lists/${before}/memberships`)).json.results).toEqual([]);
    const member = await contactAtCompany("m@x.example");
    const after = await newList("After", [member]);
    const page = await s.crm("GET", `/crm/v3/lists/${after}/memberships`);
    expect(page.json.results.map((m: { recordId: string }) => m.recordId)).toEqual([member]);
    const own = await s.crm("GET", `/crm/v3/lists/records/0-1/${member}/memberships`);
    expect(own.json.results.map((m: { listId: string }) => m.listId)).toEqual([after]);
  });

  it("list members leave a list", async () => {
    const contact = await contactAtCompany("l@x.example");
    const list = await newList("L", [contact]);
    const removed = await s.call("DELETE", `/__sandbox/lists/${list}/members`, {
      recordIds: [contact],
    });
    expect(removed.json).toEqual({ listId: list, removed: 1, size: 0 });
  });
});
