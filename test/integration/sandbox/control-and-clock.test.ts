import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxServer } from "../../../src/sandbox/create-sandbox-server.js";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";

// The control endpoints the `lead-score sandbox …` commands will call, and the clock they move.

let s: TestSandbox;
afterEach(() => s.close());

describe("the sandbox clock", () => {
  it("reads the injected time and advances by short, ISO-8601 and millisecond durations", async () => {
    s = await startTestSandbox({ seed: "none" });
    expect((await s.call("GET", "/__sandbox/clock")).json).toEqual({
      nowMs: SANDBOX_EPOCH_MS,
      iso: "2026-11-02T09:00:00.000Z",
    });
    await s.call("POST", "/__sandbox/clock", { advance: "3d" });
    await s.call("POST", "/__sandbox/clock", { advance: "PT2H" });
    const moved = await s.call("POST", "/__sandbox/clock", { advance: 500 });
    expect(moved.json).toMatchObject({ iso: "2026-11-05T11:00:00.500Z", advancedMs: 500 });
    expect((await s.call("POST", "/__sandbox/clock", { advance: "soon" })).status).toBe(400);
    expect((await s.call("POST", "/__sandbox/clock", { advance: -1 })).status).toBe(400);
  });

  it("keeps an advanced clock when the portal is reopened from its data dir", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sandbox-"));
    try {
      const first = createSandboxServer({ dataDir, seed: "small", now: () => SANDBOX_EPOCH_MS });
      first.clock.advance(86_400_000);
      const contacts = first.seedReport.counts.contacts;
      first.close();
      const again = createSandboxServer({ dataDir, seed: "demo", now: () => SANDBOX_EPOCH_MS });
      expect(again.clock.nowMs()).toBe(SANDBOX_EPOCH_MS + 86_400_000);
      expect(again.seedReport).toMatchObject({ seed: "small", seededNow: false, counts: { contacts } });
      again.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("control endpoints", () => {
  it("sets a property as a user would: the record changes and the change feed says contact.propertyChange from CRM_UI", async () => {
    s = await startTestSandbox();
    const [id = ""] = (await s.client.listRecordIds("contacts", null)).ids;
    await s.call("POST", "/__sandbox/clock", { advance: "1m" });
    const set = await s.call("PATCH", `/__sandbox/records/contacts/${id}`, {
      properties: { jobtitle: "Chief Scoring Officer" },
    });
    expect(set.json.properties).toMatchObject({ jobtitle: "Chief Scoring Officer" });
    const feed = await s.call("GET", "/__sandbox/changes?after=0");
    expect(feed.json.results).toEqual([
      expect.objectContaining({
        objectType: "contacts",
        objectTypeId: "0-1",
        objectId: Number(id),
        subscriptionType: "contact.propertyChange",
        propertyName: "jobtitle",
        propertyValue: "Chief Scoring Officer",
        changeSource: "CRM_UI",
        occurredAt: SANDBOX_EPOCH_MS + 60_000,
      }),
    ]);
    expect(
      (await s.call("PATCH", `/__sandbox/records/contacts/${id}`, { properties: { nope: "1" } })).status,
    ).toBe(400);
  });

  it("associates two records with a label the app reads back, and logs both sides", async () => {
    s = await startTestSandbox();
    const contact = (
      await s.call("POST", "/__sandbox/records/contacts", { properties: { email: "new@example.com" } })
    ).json.id;
    const company = (await s.call("POST", "/__sandbox/records/companies", { properties: { name: "Acme" } }))
      .json.id;
    const linked = await s.call("POST", "/__sandbox/associations", {
      fromType: "contact",
      fromId: contact,
      toType: "company",
      toId: company,
      label: "Decision maker",
    });
    expect(linked.status).toBe(201);
    expect((await s.client.readAssociations("companies", "contacts", [company])).get(company)).toEqual([
      { id: contact, labels: ["Decision maker"] },
    ]);
    const kinds = s.sandbox.portal.changes.read(0, 100).map((c) => c.subscriptionType);
    expect(kinds).toEqual([
      "contact.creation",
      "contact.propertyChange",
      "company.creation",
      "company.propertyChange",
      "contact.associationChange",
      "company.associationChange",
    ]);
  });

  it("logs a call on a contact, associated with the contact and its primary company", async () => {
    s = await startTestSandbox();
    const ids = (await s.client.listRecordIds("contacts", null)).ids;
    const companies = await s.client.readAssociations("contacts", "companies", ids);
    const [contactId = "", links = []] = [...companies].find(([, l]) => l.length > 0) ?? [];
    const logged = await s.call("POST", "/__sandbox/engagements", { type: "call", contactId });
    expect(logged.json).toMatchObject({
      objectType: "calls",
      associatedWith: { contacts: [contactId], companies: [links[0]?.id] },
    });
    expect(logged.json.engagement.properties).toMatchObject({
      hs_call_status: "COMPLETED",
      hs_timestamp: new Date(SANDBOX_EPOCH_MS).toISOString(),
    });
    expect(
      (await s.call("POST", "/__sandbox/engagements", { type: "call", contactId: "424242" })).status,
    ).toBe(404);
  });

  it("counts calls per endpoint and object, and resets the count", async () => {
    s = await startTestSandbox();
    await s.client.listRecordIds("contacts", null);
    await s.client.listRecordIds("companies", null);
    await s.crm("POST", "/crm/v3/objects/deals/batch/read", { inputs: [] });
    const stats = (await s.call("GET", "/__sandbox/stats")).json;
    expect(stats).toMatchObject({
      total: 3,
      calls: {
        "GET /crm/v3/objects/contacts": 1,
        "GET /crm/v3/objects/companies": 1,
        "POST /crm/v3/objects/deals/batch/read": 1,
      },
      rateLimited: {},
    });
    expect((await s.call("POST", "/__sandbox/stats/reset")).json.total).toBe(0);
  });
});
