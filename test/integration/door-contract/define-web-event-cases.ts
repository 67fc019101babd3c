import { expect, it } from "vitest";
import { type DoorTarget, ticketProperties, tinyWorld } from "./tiny-world.js";

// The door's event analytics and ticket calls in the contract (docs/hubspot.md §Event analytics, §Tickets): the portal's
// event types, a contact's page views across pages and from an instant, and a contact's tickets.

export function defineWebEventCases(target: () => DoorTarget): void {
  it("lists the portal's event analytics types, page views among them", async () => {
    expect(await target().client.readEventTypes()).toContain("e_visited_page");
  });

  it("reads every page view of a contact across pages, with HubSpot's properties, and none of another", async () => {
    const t = target();
    const { alice, bob } = t.ids.contacts;
    const views = await t.client.readContactWebEvents(alice, "e_visited_page", null);
    const oldestFirst = [...views].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    expect(oldestFirst.map((v) => v.occurredAt)).toEqual(tinyWorld.pageViews.map((v) => v.at));
    expect(oldestFirst.map((v) => v.properties)).toEqual(
      tinyWorld.pageViews.map((v) => expect.objectContaining({ hs_url: v.url, hs_title: v.title })),
    );
    expect(new Set(views.map((v) => v.id)).size).toBe(tinyWorld.pageViews.length);
    expect(views.every((v) => v.eventType === "e_visited_page")).toBe(true);
    expect(await t.client.readContactWebEvents(bob, "e_visited_page", null)).toEqual([]);
  });

  it("reads a contact's page views from an instant on", async () => {
    const t = target();
    const tenth = tinyWorld.pageViews[9]?.at ?? "";
    const since = await t.client.readContactWebEvents(
      t.ids.contacts.alice,
      "e_visited_page",
      Date.parse(tenth) - 1,
    );
    expect(since.map((v) => v.occurredAt).sort()).toEqual(tinyWorld.pageViews.slice(9).map((v) => v.at));
  });

  it("reads a contact's tickets through associations, with their properties", async () => {
    const t = target();
    const { alice, bob } = t.ids.contacts;
    const links = await t.client.readAssociations("contacts", "tickets", [alice, bob]);
    expect(links).toEqual(
      new Map([
        [alice, t.ids.tickets.map((id) => ({ id, labels: [] }))],
        [bob, []],
      ]),
    );
    const tickets = await t.client.readRecords("tickets", t.ids.tickets, [
      "subject",
      "hs_pipeline_stage",
      "hs_ticket_priority",
      "createdate",
    ]);
    expect(tickets.map((ticket) => ticket.properties)).toEqual(
      tinyWorld.tickets.map((ticket) => expect.objectContaining(ticketProperties(ticket))),
    );
    for (const ticket of tickets) expect(Date.parse(ticket.properties.createdate ?? "")).not.toBeNaN();
  });
}
