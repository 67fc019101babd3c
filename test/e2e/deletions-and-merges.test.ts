import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { company, lead } from "./support/e2e-scores.js";
import { type E2eApp, startE2eApp } from "./support/start-e2e-app.js";
import { waitFor } from "./support/wait-for.js";

// docs/decisions.md §Deletions and merges, end to end: a person deletes, restores and merges records,
// removes an association or a list member, or a contact asks to be forgotten, in the sandbox of
// sandbox mode; the sandbox sends the webhooks HubSpot sends, and the app's answer is seen where a
// person would see it: the records' score properties, and the history the admin API serves.

let app: E2eApp;
type Properties = Record<string, string | null>;

const listed = (listId: string) => ({
  id: "e2e-listed",
  name: "E2E listed",
  object: "contacts",
  type: "fit",
  records: { mode: "lists", include: [listId] },
  property: { name: "ls_e2e_listed" },
  groups: [
    {
      name: "Role",
      kind: "fit",
      rules: [{ property: "jobtitle", operator: "eq", value: "CTO", points: 30 }],
    },
  ],
});

const until = (object: string, id: string, done: (p: Properties) => boolean) =>
  waitFor(() => app.record(object, id), done);
const create = async (object: "contacts" | "companies", properties: Record<string, string>) =>
  (await app.sandbox.call<{ id: string }>("POST", `/__sandbox/records/${object}`, { properties })).id;
const associate = (contactId: string, companyId: string) =>
  app.sandbox.call("POST", "/__sandbox/associations", {
    fromType: "contacts",
    fromId: contactId,
    toType: "companies",
    toId: companyId,
    label: "Primary",
  });
const meeting = async (contactId: string) =>
  (
    await app.sandbox.call<{ engagement: { id: string } }>("POST", "/__sandbox/engagements", {
      type: "meeting",
      contactId,
    })
  ).engagement.id;
const history = async (id: string) =>
  (await app.api("GET", `/records/contacts/${id}/history`)).body.history as unknown[];

/** A company with contacts that each had one completed meeting: 16 points a contact, 10 a company. */
async function companyWithContacts(name: string, contacts: number) {
  const companyId = await create("companies", { name });
  const contactIds: string[] = [];
  for (let i = 0; i < contacts; i += 1) {
    const id = await create("contacts", { firstname: `${name}${i}`, email: `${name}${i}@e2e.example` });
    await associate(id, companyId);
    await meeting(id);
    contactIds.push(id);
  }
  await until("companies", companyId, (p) => p.ls_e2e_company === String(10 * contacts));
  for (const id of contactIds) await until("contacts", id, (p) => p.ls_e2e_lead === "16");
  return { companyId, contactIds };
}

beforeAll(async () => {
  app = await startE2eApp({ sandboxRatePer10s: 100_000, listPollIntervalSec: 1 });
  for (const definition of [lead, company]) {
    expect((await app.api("POST", "/scores", definition)).status).toBe(201);
    const enabled = await app.api("POST", `/scores/${definition.id}/enable`);
    expect((await app.finished(enabled.body.job.id)).status).toBe("done");
  }
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe("deletions, merges and removals in sandbox mode, over HTTP", { timeout: 60_000 }, () => {
  it("a deleted contact leaves its company's aggregate and its history; restored, it counts again", async () => {
    const { companyId, contactIds } = await companyWithContacts("deleted", 2);
    const [kept, deleted] = contactIds as [string, string];
    expect(await history(deleted)).not.toEqual([]);
    await app.sandbox.call("DELETE", `/__sandbox/records/contacts/${deleted}`);
    await until("companies", companyId, (p) => p.ls_e2e_company === "10");
    await waitFor(
      () => history(deleted),
      (h) => h.length === 0,
    );
    expect((await app.record("contacts", kept)).ls_e2e_lead).toBe("16");

    await app.sandbox.call("POST", `/__sandbox/records/contacts/${deleted}/restore`);
    await until("companies", companyId, (p) => p.ls_e2e_company === "20");
    expect((await until("contacts", deleted, (p) => p.ls_e2e_lead === "16")).ls_e2e_lead).toBe("16");
  });

  it("a merge keeps one record with the union of both records' events and history", async () => {
    const { companyId, contactIds } = await companyWithContacts("merged", 2);
    const [primary, merged] = contactIds as [string, string];
    const mergedHistory = await history(merged);
    expect(mergedHistory.length).toBeGreaterThan(0);
    const answer = await app.sandbox.call<{ numberOfPropertiesMoved: number }>(
      "POST",
      "/__sandbox/records/contacts/merge",
      { primaryObjectId: primary, objectIdToMerge: merged },
    );
    expect(answer).toMatchObject({ primaryObjectId: Number(primary), mergedObjectIds: [Number(merged)] });
    // Two meetings now on one contact: 32 points; the company keeps both meetings through it.
    await until("contacts", primary, (p) => p.ls_e2e_lead === "32");
    expect((await app.record("companies", companyId)).ls_e2e_company).toBe("20");
    await waitFor(
      () => history(merged),
      (h) => h.length === 0,
    );
    expect((await history(primary)).length).toBeGreaterThanOrEqual(mergedHistory.length + 1);
  });

  it("a removed association changes both sides", async () => {
    const { companyId, contactIds } = await companyWithContacts("dissociated", 1);
    const [contactId] = contactIds as [string];
    await app.sandbox.call("DELETE", `/__sandbox/associations/contacts/${contactId}/companies/${companyId}`);
    // The company no longer has the contact's meeting; the contact no longer has a company.
    await until("companies", companyId, (p) => p.ls_e2e_company === "0");
    const meetingId = await meeting(contactId);
    await until("contacts", contactId, (p) => p.ls_e2e_lead === "32");
    await app.sandbox.call("DELETE", `/__sandbox/associations/contacts/${contactId}/meetings/${meetingId}`);
    await until("contacts", contactId, (p) => p.ls_e2e_lead === "16");
    expect((await app.record("companies", companyId)).ls_e2e_company).toBe("0");
  });

  it("a privacy deletion erases everything held about the contact, history included", async () => {
    const { companyId, contactIds } = await companyWithContacts("forgotten", 1);
    const [contactId] = contactIds as [string];
    expect(await history(contactId)).not.toEqual([]);
    await app.sandbox.call("POST", `/__sandbox/records/contacts/${contactId}/gdpr-delete`);
    await until("companies", companyId, (p) => p.ls_e2e_company === "0");
    await waitFor(
      () => history(contactId),
      (h) => h.length === 0,
    );
    // Gone from the portal for good: no restore brings it back.
    await expect(
      app.sandbox.call("POST", `/__sandbox/records/contacts/${contactId}/restore`),
    ).rejects.toThrow(/404/);
  });

  it("a contact leaving the inclusion list of a score is cleared", async () => {
    const cto = await create("contacts", { firstname: "Lis", email: "lis@e2e.example", jobtitle: "CTO" });
    const { listId } = await app.sandbox.call<{ listId: string }>("POST", "/__sandbox/lists", {
      name: "E2E listed",
      objectType: "contacts",
      recordIds: [cto],
    });
    const definition = listed(listId);
    expect((await app.api("POST", "/scores", definition)).status).toBe(201);
    const enabled = await app.api("POST", `/scores/${definition.id}/enable`);
    expect((await app.finished(enabled.body.job.id)).status).toBe("done");
    expect((await app.record("contacts", cto)).ls_e2e_listed).toBe("30");
    // The list poll's first read is its baseline (docs/decisions.md §Freshness without webhooks): the
    // member leaves after the poll has stored it, or the poll never sees it leave.
    await waitFor(
      () => app.listPollBaseline(listId),
      (members) => members !== undefined,
    );
    expect(await app.listPollBaseline(listId)).toEqual([cto]);
    await app.sandbox.call("DELETE", `/__sandbox/lists/${listId}/members`, { recordIds: [cto] });
    await until("contacts", cto, (p) => p.ls_e2e_listed == null);
  });
});
