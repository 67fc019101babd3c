import nock from "nock";
import { mockPickerCatalog } from "../../fixtures/admin/mock-picker-catalog.js";
import { HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildRecord } from "../../fixtures/hubspot/crm-payloads.js";
import { mockCrmWorld } from "../../fixtures/hubspot/mock-crm-world.js";
import { createPipelineWorld, mockPipelineWorld } from "../../fixtures/hubspot/mock-pipeline-world.js";
import { buildSearchPage } from "../../fixtures/hubspot/search-payloads.js";
import { T0 } from "../../fixtures/installation.js";

// The portal of the pickers journey (admin-builder-pickers.test.ts), played by nock: the pickers' catalog
// (labels, options, lists by name), three contacts with calls and list memberships for "Test a record" and
// the rescore, CRM search by full name (docs/decisions.md §Test a record search), and the score property's
// provisioning on Enable. mockCrmWorld provisions and counts over the same contacts mockPipelineWorld reads
// with their calls, lists and associations.

type Props = Record<string, string | null>;
type NameFilter = { propertyName: string; value: string };
type SearchBody = { query?: string; filterGroups?: { filters: NameFilter[] }[] };

const CONNECTED = "f240bbac-87c9-4f6e-bf70-924b57d47db7";
const NO_ANSWER = "73a0d17f-1163-4015-bdd5-ec830791da20";
const call = (outcome: string, at: string) => ({ hs_call_disposition: outcome, hs_timestamp: at });

/** The contact a person looks up by full name: in Customers, a sales qualified lead, called twice since 1 September. */
export const ADA = { id: "1", firstname: "Ada", lastname: "Lovelace" };

const same = (a: string | null | undefined, b: string) => (a ?? "").toLowerCase() === b.toLowerCase();

/** Whether a contact answers a search as CRM search would: `query` by a word's start, filter groups by EQ. */
function matches(properties: Props, body: SearchBody): boolean {
  if (body.filterGroups && body.filterGroups.length > 0)
    return body.filterGroups.some((group) =>
      group.filters.every((f) => same(properties[f.propertyName], f.value)),
    );
  const query = (body.query ?? "").toLowerCase();
  return ["firstname", "lastname", "email"].some((name) =>
    (properties[name] ?? "").toLowerCase().startsWith(query),
  );
}

export function mockPickersJourneyPortal() {
  const world = createPipelineWorld(() => T0);
  const contacts: Record<string, Props> = {
    [ADA.id]: {
      firstname: ADA.firstname,
      lastname: ADA.lastname,
      email: "ada@example.com",
      lifecyclestage: "salesqualifiedlead",
    },
    "2": { firstname: "Adam", lastname: "Smith", email: "adam@example.com", lifecyclestage: "lead" },
    "3": { firstname: "Zoe", lastname: "Jensen", email: "zoe@example.com", lifecyclestage: "opportunity" },
  };
  world.objects.contacts = contacts;
  world.objects.calls = {
    c1: call(CONNECTED, "2026-09-15T10:00:00.000Z"),
    c2: call(CONNECTED, "2026-10-20T10:00:00.000Z"),
    c3: call(NO_ANSWER, "2026-11-02T10:00:00.000Z"),
    // Before the rule's date: it does not count.
    c4: call(CONNECTED, "2026-08-10T10:00:00.000Z"),
    c5: call(CONNECTED, "2026-10-05T10:00:00.000Z"),
  };
  world.associations = [
    ["contacts", ADA.id, "calls", "c1"],
    ["contacts", ADA.id, "calls", "c2"],
    ["contacts", ADA.id, "calls", "c3"],
    ["contacts", ADA.id, "calls", "c4"],
    ["contacts", "2", "calls", "c5"],
  ];
  // Customers (32) and Newsletter subscribers (31), as the pickers name them.
  world.lists = { "32": [ADA.id, "3"], "31": ["2"] };

  mockPickerCatalog();
  // Registered first: nock answers with the first interceptor that matches.
  nock(HUBSPOT)
    .persist()
    .post(
      "/crm/v3/objects/contacts/search",
      (body: SearchBody) =>
        typeof body.query === "string" ||
        (body.filterGroups ?? []).some((g) => g.filters.some((f) => f.propertyName === "firstname")),
    )
    .reply((_uri, body) => {
      const found = Object.entries(contacts).filter(([, p]) => matches(p, body as SearchBody));
      return [200, buildSearchPage(found.map(([id, p]) => buildRecord(id, p)))];
    });
  mockCrmWorld({ contacts, meetings: {}, contactProperties: new Set() });
  mockPipelineWorld(world);
  return world;
}
