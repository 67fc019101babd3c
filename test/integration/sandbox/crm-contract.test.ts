import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { provisionProperties } from "../../../src/app/provision-properties.js";
import { AppError } from "../../../src/errors.js";
import { buildAssociationResult } from "../../fixtures/hubspot/crm-payloads.js";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// The app's real HubSpot door (createHubSpotCrmClient, the SDK underneath) against the sandbox on
// port 0: what the nock suites in test/integration/hubspot-client assert about HubSpot's answers
// must hold here too, so the two cannot drift apart (docs/decisions.md §Door contract tests).

let s: TestSandbox;
beforeEach(async () => {
  s = await startTestSandbox();
});
afterEach(() => s.close());

async function allIds(type: "contacts" | "companies") {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page = await s.client.listRecordIds(type, after);
    ids.push(...page.ids);
    after = page.after;
  } while (after);
  return ids;
}

function addContacts(count: number) {
  const at = { nowMs: s.sandbox.clock.nowMs(), changeSource: null };
  return Array.from({ length: count }, (_, i) =>
    String(s.sandbox.portal.records.create("contacts", { jobtitle: `T${i}` }, at).id),
  );
}

describe("records through the app's CRM client", () => {
  it("lists every contact 100 a page and reads 250 of them in batches, leaving unknown ids out", async () => {
    addContacts(110);
    const ids = await allIds("contacts");
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    const records = await s.client.readRecords(
      "contacts",
      [...ids, "999999"],
      ["jobtitle", "state", "no_such_property"],
    );
    expect(records.map((r) => r.id)).toEqual(ids);
    expect(records[0]?.properties).toMatchObject({ hs_object_id: ids[0], jobtitle: expect.any(String) });
    expect(records[0]?.properties).not.toHaveProperty("no_such_property");
    const stats = s.sandbox.stats.snapshot();
    expect(stats.calls["GET /crm/v3/objects/contacts"]).toBe(3);
    expect(stats.calls["POST /crm/v3/objects/contacts/batch/read"]).toBe(3);
  });

  it("reads labelled contact→company associations, and gives ids without any an empty list", async () => {
    const ids = await allIds("contacts");
    const found = await s.client.readAssociations("contacts", "companies", ids);
    expect(found.size).toBe(ids.length);
    const linked = [...found.values()].filter((links) => links.length > 0);
    expect(linked.length).toBeGreaterThan(ids.length / 2);
    for (const links of linked) expect(links[0]?.labels).toContain("Primary");
    expect(linked.flat().some((link) => link.labels.includes("Decision maker"))).toBe(true);
    expect([...found.values()].some((links) => links.length === 0)).toBe(true);
  });

  it("types associations with HubSpot's ids, as the nock fixture builds them: 279 unlabeled, 1 Primary", async () => {
    const [contactId] = addContacts(1);
    const [companyId] = await allIds("companies");
    const at = { nowMs: s.sandbox.clock.nowMs(), changeSource: null };
    for (const [toType, label] of [
      ["companies", "Primary"],
      ["meetings", undefined],
    ] as const) {
      const toId =
        toType === "companies"
          ? Number(companyId)
          : s.sandbox.portal.records.create("meetings", { hs_meeting_title: "Demo" }, at).id;
      s.sandbox.portal.associations.associate(
        { fromType: "contacts", fromId: Number(contactId), toType, toId, label },
        at,
      );
      const answer = await s.crm("POST", `/crm/v4/associations/contacts/${toType}/batch/read`, {
        inputs: [{ id: contactId }],
      });
      const built = buildAssociationResult(`contacts>${toType}`, String(contactId), [
        { to: String(toId), labels: label ? [label] : [] },
      ]);
      const byTypeId = (types: { typeId: number }[]) => [...types].sort((a, b) => a.typeId - b.typeId);
      expect(byTypeId(answer.json.results[0].to[0].associationTypes)).toEqual(
        byTypeId(built.to[0]?.associationTypes ?? []),
      );
    }
  });

  it("follows an association page token when a company has more than 500 contacts", async () => {
    const [companyId] = await allIds("companies");
    const at = { nowMs: s.sandbox.clock.nowMs(), changeSource: null };
    for (const id of addContacts(600))
      s.sandbox.portal.associations.associate(
        { fromType: "contacts", fromId: Number(id), toType: "companies", toId: Number(companyId) },
        at,
      );
    const found = await s.client.readAssociations("companies", "contacts", [String(companyId)]);
    expect(found.get(String(companyId))?.length).toBeGreaterThan(600);
    expect(s.sandbox.stats.snapshot().calls["POST /crm/v4/associations/companies/contacts/batch/read"]).toBe(
      2,
    );
  });

  it("counts every contact with one search, as many as paging lists, past the 200 a search page holds", async () => {
    addContacts(110);
    const ids = await allIds("contacts");
    expect(ids).toHaveLength(250);
    expect(await s.client.countRecords("contacts")).toBe(ids.length);
  });

  // Search by modification time, through the door, is in the door contract
  // (test/integration/door-contract); the change feed is the sandbox's own.
  it("records the app's writes in the change feed as INTEGRATION property changes", async () => {
    const ids = (await allIds("contacts")).slice(0, 3);
    await s.client.updateRecords(
      "contacts",
      ids.map((id) => ({ id, properties: { jobtitle: "Head of Scoring" } })),
    );
    const changes = s.sandbox.portal.changes.read(0, 100).filter((c) => c.propertyName === "jobtitle");
    expect(changes.map((c) => [c.subscriptionType, c.objectId, c.propertyValue, c.changeSource])).toEqual(
      ids.map((id) => ["contact.propertyChange", Number(id), "Head of Scoring", "INTEGRATION"]),
    );
  });

  it("refuses a value for a property the portal lacks, or an option the enumeration lacks, as invalid_input", async () => {
    const [id = ""] = await allIds("contacts");
    const missing = await s.client
      .updateRecords("contacts", [{ id, properties: { ls_lead: "1" } }])
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({
      code: "invalid_input",
      details: { status: 400, hubspotMessage: expect.stringContaining("PROPERTY_DOESNT_EXIST") },
    });
    await expect(
      s.client.updateRecords("contacts", [{ id, properties: { lifecyclestage: "wizard" } }]),
    ).rejects.toMatchObject({
      details: { hubspotMessage: expect.stringContaining("INVALID_OPTION") },
    });
  });
});

describe("property provisioning through the app", () => {
  const spec = {
    name: "ls_contact_lead",
    label: "Contact lead score",
    combined: true,
    thresholdOptions: [{ value: "A1", label: "A1" }],
  };

  it("creates the group and four properties once, finds them unchanged the second time, and updates a changed one", async () => {
    const first = await provisionProperties(s.client, "contacts", [spec]);
    expect(first.created).toEqual([
      "ls_contact_lead",
      "ls_contact_lead_engagement",
      "ls_contact_lead_fit",
      "ls_contact_lead_threshold",
    ]);
    const again = await provisionProperties(s.client, "contacts", [spec]);
    expect(again).toEqual({ created: [], updated: [], unchanged: first.created });
    const changed = await provisionProperties(s.client, "contacts", [
      { ...spec, thresholdOptions: [{ value: "B2", label: "B2" }] },
    ]);
    expect(changed.updated).toEqual(["ls_contact_lead_threshold"]);
  });

  it("answers a second create of an existing property with conflict", async () => {
    await provisionProperties(s.client, "contacts", [spec]);
    const [definition] = await s.client.readProperties("contacts", ["ls_contact_lead"]);
    await expect(s.client.createProperties("contacts", [definition as never])).rejects.toMatchObject({
      code: "conflict",
    });
    expect(
      await s.client.createPropertyGroup("contacts", {
        name: "lead_score",
        label: "Lead score",
        displayOrder: -1,
      }),
    ).toBe(false);
  });
});

describe("lists through the app's CRM client", () => {
  it("reads list sizes, pages members 250 at a time, and a record's own lists", async () => {
    const extra = addContacts(300);
    const made = await s.call("POST", "/__sandbox/lists", {
      name: "Big list",
      objectType: "contacts",
      recordIds: extra,
    });
    const listId = made.json.listId as string;
    const [list] = await s.client.readLists([listId, "987654"]);
    expect(list).toEqual({ listId, objectTypeId: "0-1", size: 300 });
    expect(await s.client.readListMemberIds(listId)).toEqual(extra);
    expect(s.sandbox.stats.snapshot().calls["GET /crm/v3/lists/:listId/memberships"]).toBe(2);
    expect(await s.client.readRecordListIds("0-1", extra[0] ?? "")).toEqual([listId]);
  });
});
