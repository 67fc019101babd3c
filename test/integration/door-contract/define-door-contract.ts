import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CrmPropertyDefinition } from "../../../src/ports/crm-client.js";
import { defineFeedCases } from "./define-feed-cases.js";
import { definePickerCases } from "./define-picker-cases.js";
import { defineSearchCases } from "./define-search-cases.js";
import { defineWebEventCases } from "./define-web-event-cases.js";
import { type DoorTarget, meetingProperties, tinyWorld } from "./tiny-world.js";

// One behavioural suite for the HubSpot door (src/adapters/hubspot-client/, port
// src/ports/crm-client.ts), run against nock fixtures and against the sandbox
// (docs/decisions.md §Door contract tests): whatever one target answers differently is a bug in the fixtures
// or in the sandbox.

const UNKNOWN_ID = "987654321";

const leadScore: CrmPropertyDefinition = {
  name: "ls_lead",
  label: "Lead score",
  type: "number",
  fieldType: "number",
  groupName: "lead_score",
  description: "Computed by lead-score",
  options: [],
};
const leadThreshold: CrmPropertyDefinition = {
  name: "ls_lead_threshold",
  label: "Lead score threshold",
  type: "enumeration",
  fieldType: "select",
  groupName: "lead_score",
  description: "Computed by lead-score",
  options: [
    { label: "High", value: "high", displayOrder: 0, hidden: false },
    { label: "Low", value: "low", displayOrder: 1, hidden: false },
  ],
};

export function defineDoorContract(target: { name: string; start: () => Promise<DoorTarget> }): void {
  describe(`the HubSpot door against ${target.name}`, () => {
    let t: DoorTarget;
    beforeEach(async () => {
      t = await target.start();
    });
    afterEach(() => t.close());

    it("reads records with the asked properties, leaving unknown ids and unknown property names out", async () => {
      const { alice, bob, carol } = t.ids.contacts;
      const records = await t.client.readRecords(
        "contacts",
        [alice, UNKNOWN_ID, carol, bob, alice],
        ["email", "firstname", "jobtitle", "no_such_property"],
      );
      const byId = new Map(records.map((r) => [r.id, r.properties]));
      expect([...byId.keys()].sort()).toEqual([alice, bob, carol].sort());
      for (const [key, id] of Object.entries(t.ids.contacts)) {
        const { email, firstname, jobtitle } = tinyWorld.contacts[key as keyof typeof tinyWorld.contacts];
        expect(byId.get(id)).toMatchObject({ hs_object_id: id, email, firstname, jobtitle });
        expect(byId.get(id)).not.toHaveProperty("no_such_property");
      }
      expect(await t.client.readRecords("contacts", [UNKNOWN_ID], ["email"])).toEqual([]);
      const meetings = await t.client.readRecords("meetings", t.ids.meetings, [
        "hs_timestamp",
        "hs_meeting_outcome",
        "hs_meeting_end_time",
      ]);
      expect(meetings.map((m) => m.properties)).toEqual(
        tinyWorld.meetings.map((m, i) =>
          expect.objectContaining({
            hs_object_id: t.ids.meetings[i],
            hs_timestamp: meetingProperties(m).hs_timestamp,
            hs_meeting_outcome: "COMPLETED",
            hs_meeting_end_time: m.end,
          }),
        ),
      );
    });

    it("lists every record a page of 100 at a time, the last page without a token", async () => {
      const first = await t.client.listRecordIds("deals", null);
      expect(first.ids).toHaveLength(100);
      expect(first.after).toEqual(expect.any(String));
      const second = await t.client.listRecordIds("deals", first.after);
      expect(second).toEqual({ ids: t.ids.deals.slice(100), after: null });
      expect([...first.ids, ...second.ids]).toEqual(t.ids.deals);
      const contacts = await t.client.listRecordIds("contacts", null);
      expect(contacts).toEqual({ ids: Object.values(t.ids.contacts), after: null });
    });

    it("counts records with one search", async () => {
      expect(await t.client.countRecords("contacts")).toBe(3);
      expect(await t.client.countRecords("companies")).toBe(1);
      expect(await t.client.countRecords("deals")).toBe(tinyWorld.dealCount);
    });

    defineSearchCases(() => t);
    definePickerCases(() => t);
    defineWebEventCases(() => t);

    defineFeedCases(() => t);

    it("reads associations with their labels, and gives an id without any an empty list", async () => {
      const { alice, bob, carol } = t.ids.contacts;
      const company = t.ids.company;
      const toCompanies = await t.client.readAssociations("contacts", "companies", [alice, bob, carol]);
      expect(toCompanies).toEqual(
        new Map([
          [alice, [{ id: company, labels: ["Primary"] }]],
          [bob, [{ id: company, labels: ["Decision maker"] }]],
          [carol, []],
        ]),
      );
      const toContacts = await t.client.readAssociations("companies", "contacts", [company]);
      expect(toContacts.get(company)?.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [
          { id: alice, labels: ["Primary"] },
          { id: bob, labels: ["Decision maker"] },
        ].sort((a, b) => a.id.localeCompare(b.id)),
      );
      const meetings = await t.client.readAssociations("contacts", "meetings", [alice, carol]);
      expect(
        meetings
          .get(alice)
          ?.map((m) => m.id)
          .sort(),
      ).toEqual([...t.ids.meetings].sort());
      expect(meetings.get(alice)?.every((m) => m.labels.length === 0)).toBe(true);
      expect(meetings.get(carol)).toEqual([]);
      const meetingCompanies = await t.client.readAssociations("meetings", "companies", t.ids.meetings);
      for (const id of t.ids.meetings)
        expect(meetingCompanies.get(id)).toEqual([{ id: company, labels: [] }]);
    });

    it("reads a list, its members and a record's lists", async () => {
      const { alice, bob, carol } = t.ids.contacts;
      expect(await t.client.readLists([t.ids.listId, UNKNOWN_ID])).toEqual([
        { listId: t.ids.listId, objectTypeId: "0-1", size: 2 },
      ]);
      expect((await t.client.readListMemberIds(t.ids.listId)).sort()).toEqual([alice, carol].sort());
      expect(await t.client.readRecordListIds("0-1", alice)).toEqual([t.ids.listId]);
      expect(await t.client.readRecordListIds("0-1", bob)).toEqual([]);
    });

    it("writes values that a later read sees, and refuses a property the portal lacks", async () => {
      const { alice, bob } = t.ids.contacts;
      await t.client.updateRecords("contacts", [
        { id: alice, properties: { jobtitle: "VP Engineering" } },
        { id: bob, properties: { jobtitle: "Staff Engineer", firstname: "Robert" } },
      ]);
      const records = await t.client.readRecords("contacts", [alice, bob], ["jobtitle", "firstname"]);
      expect(new Map(records.map((r) => [r.id, r.properties]))).toEqual(
        new Map([
          [alice, expect.objectContaining({ jobtitle: "VP Engineering", firstname: "Alice" })],
          [bob, expect.objectContaining({ jobtitle: "Staff Engineer", firstname: "Robert" })],
        ]),
      );
      await expect(
        t.client.updateRecords("contacts", [{ id: alice, properties: { no_such_property: "1" } }]),
      ).rejects.toMatchObject({ code: "invalid_input", details: { status: 400 } });
    });

    it("creates a property group once: false when it exists already", async () => {
      expect(await t.client.createPropertyGroup("contacts", tinyWorld.propertyGroup)).toBe(false);
      expect(await t.client.createPropertyGroup("companies", tinyWorld.propertyGroup)).toBe(true);
      expect(await t.client.createPropertyGroup("companies", tinyWorld.propertyGroup)).toBe(false);
    });

    it("creates, reads and updates properties, refuses a second create, and writes their values", async () => {
      expect(await t.client.readProperties("contacts", [leadScore.name])).toEqual([]);
      await t.client.createProperties("contacts", [leadScore, leadThreshold]);
      const read = await t.client.readProperties("contacts", [
        leadThreshold.name,
        "no_such_property",
        leadScore.name,
      ]);
      expect(read.sort((a, b) => a.name.localeCompare(b.name))).toEqual([leadScore, leadThreshold]);
      await expect(t.client.createProperties("contacts", [leadScore])).rejects.toMatchObject({
        code: "conflict",
      });

      const medium = { label: "Medium", value: "medium", displayOrder: 2, hidden: false };
      const changed = { ...leadThreshold, label: "Lead tier", options: [...leadThreshold.options, medium] };
      await t.client.updateProperty("contacts", changed);
      expect(await t.client.readProperties("contacts", [leadThreshold.name])).toEqual([changed]);

      const alice = t.ids.contacts.alice;
      await t.client.updateRecords("contacts", [
        { id: alice, properties: { ls_lead: "42", ls_lead_threshold: "medium" } },
      ]);
      const [record] = await t.client.readRecords("contacts", [alice], ["ls_lead", "ls_lead_threshold"]);
      expect(record?.properties).toMatchObject({ ls_lead: "42", ls_lead_threshold: "medium" });
    });

    it("archives properties in one batch call: reads and writes then go as for a property the portal lacks", async () => {
      const alice = t.ids.contacts.alice;
      await t.client.createProperties("contacts", [leadScore, leadThreshold]);
      await t.client.updateRecords("contacts", [{ id: alice, properties: { ls_lead: "42" } }]);
      await t.client.archiveProperties("contacts", [leadScore.name, leadThreshold.name, "no_such_property"]);
      await t.client.archiveProperties("contacts", []);
      expect(await t.calls("POST /crm/v3/properties/contacts/batch/archive")).toBe(1);
      expect(await t.client.readProperties("contacts", [leadScore.name, leadThreshold.name])).toEqual([]);
      const [record] = await t.client.readRecords("contacts", [alice], [leadScore.name, "email"]);
      expect(record?.properties).toMatchObject({ email: tinyWorld.contacts.alice.email });
      expect(record?.properties).not.toHaveProperty(leadScore.name);
      await expect(
        t.client.updateRecords("contacts", [{ id: alice, properties: { ls_lead: "7" } }]),
      ).rejects.toMatchObject({ code: "invalid_input", details: { status: 400 } });
    });

    it("completes a workflow-action callback with its output fields", async () => {
      const outputFields = { hs_execution_state: "SUCCESS", ls_lead: "42" };
      await expect(t.client.completeActionCallback("cb-1", outputFields)).resolves.toBeUndefined();
      expect(await t.completedCallbacks()).toEqual([{ callbackId: "cb-1", outputFields }]);
    });
  });
}
