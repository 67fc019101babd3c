import { describe, expect, it } from "vitest";
import { buildDependencyGraph } from "../../../../src/app/pipeline/build-dependency-graph.js";
import { planFanOut } from "../../../../src/app/pipeline/plan-fan-out.js";
import { parseWebhookBatch } from "../../../../src/hubspot/parse-webhook-batch.js";
import type { WebhookEvent } from "../../../../src/hubspot/webhook-event.js";
import {
  contactMerge,
  createDummyGenericEvent,
  createDummyPropertyChange,
  legacyAssociationChange,
  privacyDeletion,
} from "../../../fixtures/hubspot/webhook-payloads.js";
import { companyEngagement, contactLead } from "../../../fixtures/pipeline-definitions.js";

const parse = (raw: Record<string, unknown>): WebhookEvent => parseWebhookBatch([raw])[0] as WebhookEvent;
const graph = buildDependencyGraph([contactLead(), companyEngagement()]);
const change = (type: string, objectId: number, propertyName?: string) =>
  parse(createDummyPropertyChange({ eventType: type, objectId, ...(propertyName ? { propertyName } : {}) }));

describe("planFanOut", () => {
  it("rescores a contact whose fit property changed", () => {
    expect(planFanOut(graph, change("contact.propertyChange", 1, "jobtitle"))).toEqual({
      reaches: [{ object: "contacts", id: "1", hops: [] }],
      actions: [],
    });
  });

  it("drops changes of the score properties this app writes (no rescoring loops)", () => {
    for (const name of ["ls_lead", "ls_lead_threshold", "ls_lead_fit", "ls_lead_engagement"]) {
      expect(planFanOut(graph, change("contact.propertyChange", 1, name)).dropped).toBe(
        "a score property this app writes",
      );
    }
    expect(planFanOut(graph, change("company.propertyChange", 5, "ls_company")).dropped).toBe(
      "a score property this app writes",
    );
  });

  it("drops a property no score reads, and everything when no score is enabled", () => {
    expect(planFanOut(graph, change("contact.propertyChange", 1, "firstname")).dropped).toBe(
      "no score reads it",
    );
    expect(
      planFanOut(buildDependencyGraph([]), change("contact.propertyChange", 1, "jobtitle")).dropped,
    ).toBe("no enabled score");
  });

  it("follows a company property read through `of` back to the company's contacts", () => {
    expect(planFanOut(graph, change("company.propertyChange", 5, "industry")).reaches).toEqual([
      { object: "companies", id: "5", hops: ["contacts"] },
    ]);
  });

  it("sends a meeting to its contacts and a call to its contacts' companies", () => {
    const meeting = parse(
      createDummyGenericEvent({ objectTypeId: "0-47", objectId: 70, propertyName: "hs_meeting_outcome" }),
    );
    expect(planFanOut(graph, meeting).reaches).toEqual([
      { object: "meetings", id: "70", hops: ["contacts"] },
    ]);
    const call = parse(
      createDummyGenericEvent({ subscriptionType: "object.creation", objectTypeId: "0-48", objectId: 80 }),
    );
    expect(planFanOut(graph, call).reaches).toEqual([
      { object: "calls", id: "80", hops: ["contacts", "companies"] },
    ]);
    const deletedNote = parse(
      createDummyGenericEvent({ subscriptionType: "object.deletion", objectTypeId: "0-46", objectId: 9 }),
    );
    expect(planFanOut(graph, deletedNote).dropped).toBe(undefined);
    expect(planFanOut(graph, deletedNote).reaches).toEqual([]);
  });

  it("rescores both sides of a contact–company association change", () => {
    const plan = planFanOut(graph, parse(legacyAssociationChange));
    expect(plan.reaches).toEqual([
      // contact 123 reads its company's industry; company 789 aggregates its contacts.
      { object: "contacts", id: "123", hops: [] },
      { object: "companies", id: "789", hops: [] },
    ]);
  });

  it("continues a meeting–contact association change to the contact, and a call–contact one to its companies", () => {
    const assoc = (associationType: string, from: number, to: number) =>
      parse({
        ...legacyAssociationChange,
        associationType,
        fromObjectId: from,
        toObjectId: to,
        subscriptionType: "contact.associationChange",
      });
    expect(planFanOut(graph, assoc("CONTACT_TO_MEETING", 1, 70)).reaches).toEqual([
      { object: "contacts", id: "1", hops: [] },
    ]);
    expect(planFanOut(graph, assoc("CONTACT_TO_CALL", 1, 80)).reaches).toEqual([
      { object: "contacts", id: "1", hops: ["companies"] },
    ]);
    expect(planFanOut(graph, assoc("CONTACT_TO_TICKET", 1, 3)).dropped).toBe(
      "no score reads this association",
    );
  });

  it("forgets a deleted record, erases a privacy-deleted contact and still reaches its companies", () => {
    const deleted = planFanOut(
      graph,
      parse(createDummyPropertyChange({ eventType: "contact.deletion", objectId: 4 })),
    );
    expect(deleted.actions).toEqual([{ kind: "forget", object: "contacts", id: "4" }]);
    const erased = planFanOut(graph, parse(privacyDeletion));
    expect(erased.actions).toEqual([{ kind: "erase", object: "contacts", id: "123" }]);
    expect(erased.reaches).toEqual([{ object: "contacts", id: "123", hops: ["companies"] }]);
  });

  it("moves merged contacts to the survivor and rescores the survivor and its companies", () => {
    const plan = planFanOut(
      graph,
      parse({ ...contactMerge, objectId: 124, primaryObjectId: 123, newObjectId: 123 }),
    );
    expect(plan.actions).toEqual([
      { kind: "move", object: "contacts", from: "124", to: "123" },
      { kind: "move", object: "contacts", from: "125", to: "123" },
    ]);
    expect(plan.reaches).toEqual([
      { object: "contacts", id: "123", hops: [] },
      { object: "contacts", id: "123", hops: ["companies"] },
    ]);
  });

  it("drops objects and changes no score reads", () => {
    expect(planFanOut(graph, change("product.propertyChange", 1, "name")).dropped).toBe(
      "no score reads products",
    );
    expect(planFanOut(graph, change("ticket.propertyChange", 1, "subject")).dropped).toBe(
      "no score reads it",
    );
    expect(
      planFanOut(graph, parse(createDummyPropertyChange({ eventType: "contact.other_thing" }))).dropped,
    ).toBe("contact.other_thing does not affect scores");
  });

  it("sends a ticket change to its contacts, and to their companies when a company score counts tickets", () => {
    const ticketRule = { name: "Support", kind: "engagement", rules: [{ event: "ticket", points: -5 }] };
    const withTickets = buildDependencyGraph([
      contactLead({ groups: [ticketRule] }),
      companyEngagement({ groups: [ticketRule] }),
    ]);
    const created = parse(
      createDummyGenericEvent({ objectTypeId: "0-5", objectId: 40, subscriptionType: "object.creation" }),
    );
    expect(planFanOut(withTickets, created).reaches).toEqual([
      { object: "tickets", id: "40", hops: ["contacts"] },
      { object: "tickets", id: "40", hops: ["contacts", "companies"] },
    ]);
    expect(planFanOut(withTickets, change("ticket.propertyChange", 40, "hs_pipeline_stage")).reaches).toEqual(
      [
        { object: "tickets", id: "40", hops: ["contacts"] },
        { object: "tickets", id: "40", hops: ["contacts", "companies"] },
      ],
    );
  });

  it("rescores a contact whose page-view roll-up moved when a score counts page views", () => {
    const web = buildDependencyGraph([
      contactLead({
        groups: [{ name: "Web", kind: "engagement", rules: [{ event: "page_view", points: 1 }] }],
      }),
    ]);
    expect(
      planFanOut(web, change("contact.propertyChange", 1, "hs_analytics_num_page_views")).reaches,
    ).toEqual([{ object: "contacts", id: "1", hops: [] }]);
    expect(
      planFanOut(graph, change("contact.propertyChange", 1, "hs_analytics_num_page_views")).dropped,
    ).toBe("no score reads it");
  });
});
