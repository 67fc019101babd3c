import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSnapshots } from "../../../src/app/load-snapshots.js";
import { parseSnapshot } from "../../../src/scoring/parse-snapshot.js";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// The app's loadSnapshots over the seeded sandbox: the engine's parseSnapshot must accept every
// snapshot, and what it holds must be what the portal holds (events from the engagement shapes
// build-engagement-event.ts reads, association labels, list memberships).

let s: TestSandbox;
beforeEach(async () => {
  s = await startTestSandbox();
});
afterEach(() => s.close());

const needs = {
  properties: ["jobtitle", "lifecyclestage", "state", "numberofemployees"],
  lists: ["1"],
  events: {},
  associations: { companies: { properties: ["industry", "numberofemployees"] } },
};

async function contactIds() {
  return (await s.client.listRecordIds("contacts", null)).ids;
}

describe("loadSnapshots against the small seed", () => {
  it("builds a snapshot per contact that parseSnapshot accepts, with events, labels and lists", async () => {
    const ids = await contactIds();
    const { snapshots, warnings } = await loadSnapshots(s.client, "contacts", ids, needs);
    expect(warnings).toEqual([]);
    expect(snapshots.map((snapshot) => snapshot.id)).toEqual(ids);
    const parsed = snapshots.map((snapshot) => parseSnapshot(snapshot));
    expect(parsed.every((p) => typeof p.properties.jobtitle === "string")).toBe(true);
    const events = parsed.flatMap((p) => p.events);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["meeting", "call", "email", "note", "task"]));
    expect(events.every((e) => Number.isFinite(e.atMs))).toBe(true);
    expect(parsed.some((p) => p.lists.includes("1"))).toBe(true);
    const companies = parsed.flatMap((p) => p.associations.companies ?? []);
    expect(companies.length).toBeGreaterThan(0);
    expect(
      companies.every((c) => c.labels.includes("Primary") && typeof c.properties.industry === "string"),
    ).toBe(true);
  });

  it("turns a meeting logged on the sandbox into the contact's latest meeting event", async () => {
    const [id = ""] = await contactIds();
    await s.call("POST", "/__sandbox/clock", { advance: "2d" });
    const logged = await s.call("POST", "/__sandbox/engagements", {
      type: "meeting",
      contactId: id,
      properties: { hs_meeting_outcome: "COMPLETED" },
    });
    expect(logged.status).toBe(201);
    const { snapshots } = await loadSnapshots(s.client, "contacts", [id], {
      properties: [],
      events: { objects: ["meetings"] },
    });
    const last = parseSnapshot(snapshots[0]).events.at(-1);
    // A completed meeting counts at its end time; one logged now has just ended, so it counts now.
    expect(last).toMatchObject({ type: "meeting", atMs: s.sandbox.clock.nowMs() });
  });

  it("leaves emails out with a warning when the token lacks sales-email-read", async () => {
    const scopes = ["crm.objects.contacts.read", "crm.objects.companies.read", "crm.lists.read"];
    const client = s.crmClient(await s.issueToken(scopes));
    const ids = await contactIds();
    const { snapshots, warnings } = await loadSnapshots(client, "contacts", ids, {
      properties: [],
      events: {},
    });
    expect(warnings).toEqual([
      { source: "emails", code: "forbidden", message: expect.stringContaining("403") },
    ]);
    expect(snapshots.flatMap((snapshot) => snapshot.events ?? []).some((e) => e.type === "email")).toBe(
      false,
    );
  });

  it("gives companies their associated contacts with those contacts' events", async () => {
    const { ids } = await s.client.listRecordIds("companies", null);
    const { snapshots } = await loadSnapshots(s.client, "companies", ids, {
      properties: ["industry"],
      associations: { contacts: { properties: ["jobtitle"], events: { objects: ["calls", "emails"] } } },
    });
    const parsed = snapshots.map((snapshot) => parseSnapshot(snapshot));
    const contacts = parsed.flatMap((p) => p.associations.contacts ?? []);
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.some((c) => c.events.length > 0)).toBe(true);
    expect(contacts.flatMap((c) => c.events).every((e) => e.type === "call" || e.type === "email")).toBe(
      true,
    );
  });
});
