import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { deriveSnapshotNeeds } from "../../../src/app/derive-snapshot-needs.js";
import { loadSnapshots } from "../../../src/app/load-snapshots.js";
import type { FeedEvent } from "../../../src/ports/feed-event-store.js";
import { parseDefinition } from "../../../src/scoring/index.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import {
  buildAssociationBatch,
  buildAssociationResult,
  buildBatchRead,
  buildRecord,
} from "../../fixtures/hubspot/crm-payloads.js";

// Snapshots take contacts' marketing email events and form submissions from the feed event store
// (docs/decisions.md §Portal-wide feeds): merged with the CRM engagements, oldest first, for the
// record itself and for a company's contacts, only the feeds some score reads, and no HubSpot call.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const at = (day: number) => new Date(Date.UTC(2026, 10, day)).toISOString();
const open = (day: number): FeedEvent => ({
  key: `o${day}`,
  type: "marketing_email_open",
  occurredAt: at(day),
  properties: { campaign: "42", campaign_name: "Launch", email_name: "Launch", subject: "Hi" },
});
const submission = (day: number): FeedEvent => ({
  key: `f${day}`,
  type: "form_submission",
  occurredAt: at(day),
  properties: { form_id: "g-1", form_name: "Contact us", page_url: "https://acme.test/" },
});
const stored = new Map([
  ["1", [open(2), submission(4)]],
  ["2", [submission(3)]],
]);
const reader = (asked: string[][]) => async (ids: readonly string[]) => {
  asked.push([...ids]);
  return new Map([...stored].filter(([id]) => ids.includes(id)));
};

const engagement = (object: "contacts" | "companies", rules: { event: string; points: number }[]) =>
  parseDefinition({
    id: `${object}-score`,
    name: "Score",
    object,
    type: "engagement",
    status: "enabled",
    property: { name: `ls_${object}` },
    groups: [{ name: "Engagement", kind: "engagement", rules }],
  });

describe("needs of scores that read the feeds", () => {
  it("names the feeds a score's rules read, apart from the CRM engagement objects", () => {
    expect(
      deriveSnapshotNeeds([engagement("contacts", [{ event: "marketing_email_click", points: 1 }])]).events,
    ).toEqual({ objects: [], properties: {}, feeds: ["email_events"] });
    const both = deriveSnapshotNeeds([
      engagement("companies", [
        { event: "form_submission", points: 1 },
        { event: "marketing_email_unsubscribe", points: -5 },
        { event: "call", points: 1 },
      ]),
    ]);
    expect(both.associations?.contacts?.events?.feeds).toEqual(["email_events", "form_submissions"]);
    expect(both.associations?.contacts?.events?.objects).toEqual(["calls"]);
    expect(
      deriveSnapshotNeeds([engagement("contacts", [{ event: "call", points: 1 }])]).events?.feeds,
    ).toBeUndefined();
  });
});

describe("loadSnapshots with stored feed events", () => {
  it("gives contacts their stored events of the feeds read, with no HubSpot call for them", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read")
      .reply(200, buildBatchRead([buildRecord("1"), buildRecord("2"), buildRecord("3")]));
    const { client } = createTestCrmClient();
    const asked: string[][] = [];
    const needs = deriveSnapshotNeeds([
      engagement("contacts", [{ event: "marketing_email_open", points: 1 }]),
    ]);
    const { snapshots, warnings } = await loadSnapshots(client, "contacts", ["1", "2", "3"], needs, {
      portalId: 1,
      atMs: 0,
      feedEvents: reader(asked),
    });
    expect(snapshots.map((s) => [s.id, s.events?.map((e) => e.type)])).toEqual([
      ["1", ["marketing_email_open"]],
      ["2", []],
      ["3", []],
    ]);
    expect(snapshots[0]?.events?.[0]).toEqual({
      type: open(2).type,
      occurredAt: at(2),
      properties: open(2).properties,
    });
    expect(asked).toEqual([["1", "2", "3"]]);
    expect(warnings).toEqual([]);
    scope.done();
  });

  it("merges a company's contacts' feed events with their CRM engagements, oldest first", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/companies/batch/read")
      .reply(200, buildBatchRead([buildRecord("9")]))
      .post("/crm/v4/associations/companies/contacts/batch/read")
      .reply(
        200,
        buildAssociationBatch([
          buildAssociationResult("companies>contacts", "9", [{ to: "1" }, { to: "2" }]),
        ]),
      )
      .post("/crm/v3/objects/contacts/batch/read")
      .reply(200, buildBatchRead([buildRecord("1"), buildRecord("2")]))
      .post("/crm/v4/associations/contacts/calls/batch/read")
      .reply(200, buildAssociationBatch([buildAssociationResult("contacts>calls", "1", [{ to: "600" }])]))
      .post("/crm/v3/objects/calls/batch/read")
      .reply(200, buildBatchRead([buildRecord("600", { hs_timestamp: at(3) })]));
    const { client } = createTestCrmClient();
    const needs = deriveSnapshotNeeds([
      engagement("companies", [
        { event: "form_submission", points: 1 },
        { event: "marketing_email_open", points: 1 },
        { event: "call", points: 1 },
      ]),
    ]);
    const { snapshots } = await loadSnapshots(client, "companies", ["9"], needs, {
      portalId: 1,
      atMs: 0,
      feedEvents: reader([]),
    });
    const contacts = snapshots[0]?.associations?.contacts ?? [];
    expect(contacts.map((c) => [c.id, c.events?.map((e) => `${e.type}@${e.occurredAt}`)])).toEqual([
      ["1", [`marketing_email_open@${at(2)}`, `call@${at(3)}`, `form_submission@${at(4)}`]],
      ["2", [`form_submission@${at(3)}`]],
    ]);
    scope.done();
  });

  it("leaves out the stored events of a feed no score reads, and warns when no store is at hand", async () => {
    nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read")
      .twice()
      .reply(200, buildBatchRead([buildRecord("1")]));
    const { client } = createTestCrmClient();
    const needs = deriveSnapshotNeeds([engagement("contacts", [{ event: "form_submission", points: 1 }])]);
    const { snapshots } = await loadSnapshots(client, "contacts", ["1"], needs, {
      portalId: 1,
      atMs: 0,
      feedEvents: reader([]),
    });
    expect(snapshots[0]?.events?.map((e) => e.type)).toEqual(["form_submission"]);
    const without = await loadSnapshots(client, "contacts", ["1"], needs);
    expect(without.snapshots[0]?.events).toEqual([]);
    expect(without.warnings).toEqual([
      { source: "form_submissions", code: "unavailable", message: expect.any(String) },
    ]);
  });
});
