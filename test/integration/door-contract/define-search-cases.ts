import { expect, it } from "vitest";
import { type DoorTarget, tinyWorld } from "./tiny-world.js";

// The door's CRM search calls in the contract (docs/hubspot.md §Rate limits and batching): searchModifiedSince (a GTE filter
// on hs_lastmodifieddate, 200 a page, `after` paging, the 10,000-result cap), findRecords (the
// full-text `query`, and name filter groups for a contact's full name) and the search limit of 5 a second. Both worlds' clocks stand still, so every
// search of a test falls in the same second unless the door pauses.

export function defineSearchCases(target: () => DoorTarget): void {
  it("searches records modified at or after a time, 200 ids a page oldest first, to a last page without a token", async () => {
    const t = target();
    const deals = [...t.ids.deals, ...(await t.addDeals(150))];
    await t.advanceClock(60_000);
    const sinceMs = await t.nowMs();
    const touched = deals.slice(10);
    await t.client.updateRecords(
      "deals",
      touched.map((id) => ({ id, properties: { dealname: `Renewed ${id}` } })),
    );
    const first = await t.client.searchModifiedSince("deals", sinceMs, null);
    expect(first.ids).toEqual(touched.slice(0, 200));
    expect(first.after).toEqual(expect.any(String));
    const second = await t.client.searchModifiedSince("deals", sinceMs, first.after);
    expect(second).toEqual({ ids: touched.slice(200), after: null });
    expect(await t.client.searchModifiedSince("deals", sinceMs + 1, null)).toEqual({ ids: [], after: null });
    const [deal] = await t.client.readRecords("deals", [touched[0] ?? ""], ["hs_lastmodifieddate"]);
    expect(deal?.properties.hs_lastmodifieddate).toBe(new Date(sinceMs).toISOString());
  });

  it("pages search up to its 10,000th result: the last page still names the next, and following it is refused as invalid_input", async () => {
    const t = target();
    const deals = [...t.ids.deals, ...(await t.addDeals(10_050 - tinyWorld.dealCount))];
    expect(await t.client.countRecords("deals")).toBe(10_050);
    // HubSpot's search token is the offset of the next result ([MIR] api/crm/search, paging:
    // "after": "20"), so the last page within the cap starts at 9,800.
    const last = await t.client.searchModifiedSince("deals", 0, "9800");
    expect(last.ids).toEqual(deals.slice(9_800, 10_000));
    expect(last.after).toEqual(expect.any(String));
    await expect(t.client.searchModifiedSince("deals", 0, last.after)).rejects.toMatchObject({
      code: "invalid_input",
      details: { status: 400 },
    });
  });

  it("finds contacts by CRM search's query on their default searchable properties, in any case, one search each", async () => {
    const t = target();
    const found = (key: keyof typeof tinyWorld.contacts) => {
      const { email, firstname, lastname } = tinyWorld.contacts[key];
      return [
        { id: t.ids.contacts[key], properties: expect.objectContaining({ email, firstname, lastname }) },
      ];
    };
    expect(await t.client.findRecords("contacts", "ALICE@Acme.Test")).toEqual(found("alice"));
    expect(await t.client.findRecords("contacts", "bAkEr")).toEqual(found("bob"));
    // `company` (the contact's company name) is one of HubSpot's searchable contact properties.
    expect(await t.client.findRecords("contacts", "studio")).toEqual(found("carol"));
    expect(await t.calls("POST /crm/v3/objects/contacts/search")).toBe(3);
  });

  it("finds a contact by first and last name in one query, either way round, with a second search of name filters", async () => {
    const t = target();
    const alice = [
      {
        id: t.ids.contacts.alice,
        properties: expect.objectContaining({ firstname: "Alice", lastname: "Archer" }),
      },
    ];
    expect(await t.client.findRecords("contacts", "Alice Archer")).toEqual(alice);
    expect(await t.client.findRecords("contacts", "  archer   ALICE ")).toEqual(alice);
    expect(await t.calls("POST /crm/v3/objects/contacts/search")).toBe(4);
    // Past the search lane's second (5 searches a second).
    await t.advanceClock(1_000);
    // The words must be the whole first and last names: not one person's first and another's last.
    expect(await t.client.findRecords("contacts", "Alice Baker")).toEqual([]);
    expect(await t.calls("POST /crm/v3/objects/contacts/search")).toBe(6);
    // A company's name of several words is CRM search's query alone.
    expect(await t.client.findRecords("companies", "Acme")).toHaveLength(1);
    expect(await t.calls("POST /crm/v3/objects/companies/search")).toBe(1);
  });

  it("finds no record by a property outside the searchable ones, nor by its id", async () => {
    const t = target();
    expect(await t.client.findRecords("contacts", tinyWorld.contacts.carol.jobtitle)).toEqual([]);
    expect(await t.client.findRecords("contacts", t.ids.contacts.carol)).toEqual([]);
  });

  it("finds companies by domain and deals by name, at most 10, oldest first", async () => {
    const t = target();
    expect(await t.client.findRecords("companies", "ACME.TEST")).toEqual([
      { id: t.ids.company, properties: expect.objectContaining(tinyWorld.company) },
    ]);
    const deals = await t.client.findRecords("deals", "deal");
    expect(deals).toEqual(
      t.ids.deals
        .slice(0, 10)
        .map((id, i) => ({ id, properties: expect.objectContaining({ dealname: `Deal ${i + 1}` }) })),
    );
  });

  it("is answered 429 on a sixth search within a second, waits that second out and then gets its answer", async () => {
    const t = target();
    const alice = t.ids.contacts.alice;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t.client.findRecords("contacts", "alice@acme.test")),
    );
    expect(answers.map((found) => found.map((r) => r.id))).toEqual(Array(6).fill([alice]));
    expect(t.pauses()).toEqual([1_000]);
    // Six answered and one refused.
    expect(await t.calls("POST /crm/v3/objects/contacts/search")).toBe(7);
  });
}
