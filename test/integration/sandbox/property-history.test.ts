import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FROM_STAGE } from "../../../src/sandbox/conversion-process.js";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";

// propertiesWithHistory of any property (docs/decisions.md §Sandbox property history), in HubSpot's shape
// (docs/hubspot.md §Lifecycle stage history): a value changed after a contact's decision instant shows both
// values with their times, on batch read, GET by id and the list; writes through the API add theirs.

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(() => s.close());

type Version = { value: string; timestamp: string; sourceType: string };

/** A seeded contact whose job title changed after it became an MQL. */
function contactWithChangedTitle() {
  const contacts = s.sandbox.portal.records.page("contacts", 0, 1_000);
  const changed = contacts.find((c) => s.sandbox.portal.records.historyOf(c, "jobtitle").length === 2);
  if (!changed) throw new Error("the small seed has no contact whose job title changed");
  return changed;
}

describe("property history in the sandbox", () => {
  it("shows a seeded contact's job title as of T and the later one, newest first, on GET by id and the list", async () => {
    const contact = contactWithChangedTitle();
    const decisionAtMs = Date.parse(contact.properties[`hs_v2_date_entered_${FROM_STAGE}`] ?? "");
    const byId = await s.crm(
      "GET",
      `/crm/v3/objects/contacts/${contact.id}?properties=jobtitle&propertiesWithHistory=jobtitle,no_such_property`,
    );
    expect(byId.status).toBe(200);
    const versions: Version[] = byId.json.propertiesWithHistory.jobtitle;
    expect(Object.keys(byId.json.propertiesWithHistory)).toEqual(["jobtitle"]);
    expect(versions).toHaveLength(2);
    const [now, before] = versions as [Version, Version];
    expect(now.value).toBe(byId.json.properties.jobtitle);
    expect(before.value).not.toBe(now.value);
    expect(Date.parse(now.timestamp)).toBeGreaterThan(decisionAtMs);
    expect(Date.parse(now.timestamp)).toBeLessThanOrEqual(SANDBOX_EPOCH_MS);
    expect(before.timestamp).toBe(new Date(contact.createdAtMs).toISOString());
    expect(Object.keys(now).sort()).toEqual(["sourceType", "timestamp", "value"]);

    const listed = await s.crm(
      "GET",
      `/crm/v3/objects/contacts?limit=100&after=${contact.id - 1}&properties=jobtitle&propertiesWithHistory=jobtitle`,
    );
    expect(listed.json.results[0].id).toBe(String(contact.id));
    expect(listed.json.results[0].propertiesWithHistory.jobtitle).toEqual(versions);
  });

  it("answers a value never changed as set at the record's creation", async () => {
    const contact = s.sandbox.portal.records.page("contacts", 0, 1)[0];
    const answer = await s.crm("POST", "/crm/v3/objects/contacts/batch/read", {
      inputs: [{ id: String(contact?.id) }],
      properties: ["firstname"],
      propertiesWithHistory: ["firstname"],
    });
    expect(answer.json.results[0].propertiesWithHistory.firstname).toEqual([
      {
        value: contact?.properties.firstname,
        timestamp: new Date(contact?.createdAtMs ?? 0).toISOString(),
        sourceType: "CRM_UI",
      },
    ]);
  });

  it("keeps each write through the API with its time and source, and a cleared value as empty", async () => {
    const contact = s.sandbox.portal.records.page("contacts", 0, 1)[0];
    const id = String(contact?.id);
    const original = contact?.properties.state;
    s.sandbox.clock.advance(60_000);
    await s.client.updateRecords("contacts", [{ id, properties: { state: "Ontario" } }]);
    const setAt = new Date(s.sandbox.clock.nowMs()).toISOString();
    s.sandbox.clock.advance(60_000);
    await s.client.updateRecords("contacts", [{ id, properties: { state: "" } }]);
    const clearedAt = new Date(s.sandbox.clock.nowMs()).toISOString();
    const answer = await s.crm("POST", "/crm/v3/objects/contacts/batch/read", {
      inputs: [{ id }],
      properties: ["state"],
      propertiesWithHistory: ["state"],
    });
    expect(answer.json.results[0].properties.state).toBeNull();
    expect(answer.json.results[0].propertiesWithHistory.state).toEqual([
      { value: "", timestamp: clearedAt, sourceType: "INTEGRATION" },
      { value: "Ontario", timestamp: setAt, sourceType: "INTEGRATION" },
      { value: original, timestamp: new Date(contact?.createdAtMs ?? 0).toISOString(), sourceType: "CRM_UI" },
    ]);
  });
});
