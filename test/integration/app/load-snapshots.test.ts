import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSnapshots } from "../../../src/app/load-snapshots.js";
import { snapshotSchema } from "../../../src/scoring/snapshot-schema.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import {
  buildAssociationBatch,
  buildAssociationResult,
  buildBatchRead,
  buildErrorBody,
  buildRecord,
} from "../../fixtures/hubspot/crm-payloads.js";
import {
  buildListsById,
  buildMembersPage,
  buildRecordMemberships,
} from "../../fixtures/hubspot/list-payloads.js";

// A fake portal: contact N has two of each engagement; their properties follow from their ids.
const contactIds = Array.from({ length: 100 }, (_, i) => String(i + 1));
const engagementTypes = ["meetings", "calls", "emails", "notes", "tasks"] as const;

function engagementProperties(type: string, id: string): Record<string, string> {
  const second = id.endsWith("b");
  switch (type) {
    case "meetings":
      return second
        ? {
            hs_meeting_outcome: "COMPLETED",
            hs_meeting_end_time: "2026-10-03T11:00:00Z",
            hs_timestamp: "2026-10-03T10:00:00Z",
          }
        : {
            hs_meeting_outcome: "SCHEDULED",
            hs_createdate: "2026-09-20T08:00:00Z",
            hs_timestamp: "2026-10-10T10:00:00Z",
          };
    case "tasks":
      return second
        ? { hs_task_status: "NOT_STARTED", hs_timestamp: "2026-10-20T00:00:00Z" }
        : {
            hs_task_status: "COMPLETED",
            hs_task_completion_date: "2026-10-05T09:00:00Z",
            hs_timestamp: "2026-10-01T00:00:00Z",
          };
    default:
      return { hs_timestamp: second ? "2026-10-02T00:00:00Z" : "2026-10-01T00:00:00Z" };
  }
}

type Inputs = { inputs: { id: string }[]; properties?: string[] };

function mockEngagements(calls: string[], skip: string[] = []) {
  const scope = nock(HUBSPOT);
  for (const type of engagementTypes.filter((t) => !skip.includes(t))) {
    scope
      .post(`/crm/v4/associations/contacts/${type}/batch/read`)
      .reply(200, (_uri, body) => {
        calls.push(`assoc ${type}`);
        return buildAssociationBatch(
          (body as Inputs).inputs.map(({ id }) =>
            buildAssociationResult(`contacts>${type}`, id, [
              { to: `${type}-${id}a` },
              { to: `${type}-${id}b` },
            ]),
          ),
        );
      })
      .post(`/crm/v3/objects/${type}/batch/read`, (body: Inputs) => body.inputs.length <= 100)
      .times(2)
      .reply(200, (_uri, body) => {
        calls.push(`read ${type} ${(body as Inputs).inputs.length}`);
        return buildBatchRead(
          (body as Inputs).inputs.map(({ id }) => buildRecord(id, engagementProperties(type, id))),
        );
      });
  }
  return scope;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("loadSnapshots for contacts", () => {
  it("builds 100 contact snapshots with lists, companies and events in 21 calls", async () => {
    const calls: string[] = [];
    const portal = nock(HUBSPOT)
      .post(
        "/crm/v3/objects/contacts/batch/read",
        (body: Inputs) => body.inputs.length === 100 && body.properties?.join() === "jobtitle",
      )
      .reply(200, (_uri, body) => {
        calls.push("read contacts");
        return buildBatchRead((body as Inputs).inputs.map(({ id }) => buildRecord(id, { jobtitle: "CTO" })));
      })
      .get("/crm/v3/lists/")
      .query({ listIds: "12", includeFilters: "false" })
      .reply(200, () => {
        calls.push("lists");
        return buildListsById([{ listId: "12", size: 300 }]);
      })
      .get("/crm/v3/lists/12/memberships")
      .query({ limit: "250" })
      .reply(200, () => {
        calls.push("members 1");
        return buildMembersPage(["1", "7", "5000"], "p2");
      })
      .get("/crm/v3/lists/12/memberships")
      .query({ limit: "250", after: "p2" })
      .reply(200, () => {
        calls.push("members 2");
        return buildMembersPage(["99"]);
      })
      .post("/crm/v4/associations/contacts/companies/batch/read")
      .reply(200, (_uri, body) => {
        calls.push("assoc companies");
        const ids = (body as Inputs).inputs.map((i) => i.id);
        return buildAssociationBatch(
          [buildAssociationResult("contacts>companies", "1", [{ to: "9", labels: ["Primary"] }])],
          ids.slice(1),
        );
      })
      .post("/crm/v3/objects/companies/batch/read", {
        inputs: [{ id: "9" }],
        properties: ["industry"],
        propertiesWithHistory: [],
      })
      .reply(200, () => {
        calls.push("read companies");
        return buildBatchRead([buildRecord("9", { industry: "Hospitality" })]);
      });
    const engagements = mockEngagements(calls);
    const { client } = createTestCrmClient();

    const { snapshots, warnings } = await loadSnapshots(client, "contacts", contactIds, {
      properties: ["jobtitle"],
      lists: ["12"],
      events: {},
      associations: { companies: { properties: ["industry"] } },
    });

    expect(calls).toHaveLength(21);
    expect(warnings).toEqual([]);
    expect(snapshots.map((s) => s.id)).toEqual(contactIds);
    const first = snapshotSchema.parse(snapshots[0]);
    expect(first.lists).toEqual(["12"]);
    expect(snapshots.filter((s) => s.lists?.length).map((s) => s.id)).toEqual(["1", "7", "99"]);
    expect(first.associations.companies).toEqual([
      {
        id: "9",
        labels: ["Primary"],
        properties: expect.objectContaining({ industry: "Hospitality" }),
        lists: [],
        events: [],
      },
    ]);
    expect(snapshots[1]?.associations?.companies).toEqual([]);
    expect(first.events.map((e) => [e.type, e.occurredAt])).toEqual([
      ["meeting", "2026-09-20T08:00:00Z"],
      ["call", "2026-10-01T00:00:00Z"],
      ["email", "2026-10-01T00:00:00Z"],
      ["note", "2026-10-01T00:00:00Z"],
      ["call", "2026-10-02T00:00:00Z"],
      ["email", "2026-10-02T00:00:00Z"],
      ["note", "2026-10-02T00:00:00Z"],
      ["meeting", "2026-10-03T11:00:00Z"],
      ["task", "2026-10-05T09:00:00Z"],
    ]);
    expect(first.events[0]?.properties).toMatchObject({
      hs_meeting_outcome: "SCHEDULED",
      hs_object_id: "meetings-1a",
    });
    portal.done();
    engagements.done();
  });

  it("still builds when emails answer 403, without email events, and says so in a warning", async () => {
    const calls: string[] = [];
    const portal = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read")
      .reply(200, buildBatchRead([buildRecord("1")]))
      .post("/crm/v4/associations/contacts/emails/batch/read")
      .reply(403, buildErrorBody(403, "This app hasn't been granted all required scopes to make this call."));
    mockEngagements(calls, ["emails"]);
    const { client } = createTestCrmClient();
    const { snapshots, warnings } = await loadSnapshots(client, "contacts", ["1"], {
      properties: [],
      events: {},
    });
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]?.events?.map((e) => e.type)).not.toContain("email");
    expect(snapshots[0]?.events).toHaveLength(7);
    expect(warnings).toEqual([
      { source: "emails", code: "forbidden", message: expect.stringContaining("corr-403") },
    ]);
    portal.done();
  });

  it("reads one record's memberships directly when paging the list would cost more", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read")
      .reply(200, buildBatchRead([buildRecord("1")]))
      .get("/crm/v3/lists/")
      .query({ listIds: ["12", "13"], includeFilters: "false" })
      .reply(200, buildListsById([{ listId: "12", size: 80_000 }]))
      .get("/crm/v3/lists/records/0-1/1/memberships")
      .reply(200, buildRecordMemberships(["12", "55"]));
    const { client } = createTestCrmClient();
    const { snapshots, warnings } = await loadSnapshots(client, "contacts", ["1"], {
      properties: [],
      lists: ["12", "13"],
    });
    expect(snapshots[0]?.lists).toEqual(["12"]);
    expect(warnings).toEqual([{ source: "list 13", code: "not_found", message: expect.any(String) }]);
    scope.done();
  });
});

describe("loadSnapshots for companies", () => {
  it("puts associated contacts with labels, properties and their events under associations.contacts", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/companies/batch/read")
      .reply(200, buildBatchRead([buildRecord("9", { industry: "Hospitality" })]))
      .post("/crm/v4/associations/companies/contacts/batch/read", { inputs: [{ id: "9" }] })
      .reply(
        200,
        buildAssociationBatch([
          buildAssociationResult("companies>contacts", "9", [
            { to: "1", labels: ["Decision maker"] },
            { to: "2" },
          ]),
        ]),
      )
      .post(
        "/crm/v3/objects/contacts/batch/read",
        (body: Inputs) => body.properties?.join() === "lifecyclestage",
      )
      .reply(
        200,
        buildBatchRead([
          buildRecord("1", { lifecyclestage: "lead" }),
          buildRecord("2", { lifecyclestage: "customer" }),
        ]),
      )
      .post("/crm/v4/associations/contacts/meetings/batch/read", { inputs: [{ id: "1" }, { id: "2" }] })
      .reply(
        200,
        buildAssociationBatch([buildAssociationResult("contacts>meetings", "1", [{ to: "m1" }])], ["2"]),
      )
      .post("/crm/v3/objects/meetings/batch/read", (body: Inputs) => body.inputs.length === 1)
      .reply(200, buildBatchRead([buildRecord("m1", engagementProperties("meetings", "m1b"))]));
    const { client } = createTestCrmClient();
    const { snapshots } = await loadSnapshots(client, "companies", ["9"], {
      properties: ["industry"],
      associations: { contacts: { properties: ["lifecyclestage"], events: { objects: ["meetings"] } } },
    });
    const company = snapshotSchema.parse(snapshots[0]);
    expect(company.events).toEqual([]);
    expect(
      company.associations.contacts?.map((c) => [
        c.id,
        c.labels,
        c.properties.lifecyclestage,
        c.events.length,
      ]),
    ).toEqual([
      ["1", ["Decision maker"], "lead", 1],
      ["2", [], "customer", 0],
    ]);
    expect(company.associations.contacts?.[0]?.events[0]).toMatchObject({
      type: "meeting",
      occurredAt: "2026-10-03T11:00:00Z",
    });
    scope.done();
  });
});
