import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeScores } from "../../../src/app/write-scores.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead, buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";

// HubSpot's answer when a written property no longer exists (400 VALIDATION_ERROR).
const deletedProperty = buildErrorBody(
  400,
  'Property values were not valid: [{"isValid":false,"message":"Property \\"ls_lead\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"ls_lead"}]',
);
const AT_MS = Date.parse("2026-11-01T00:00:00Z");

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("writeScores", () => {
  it("sends only changed values, one input per record, and returns a history entry per change", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/update", {
        inputs: [
          { id: "1", properties: { ls_lead: "42.57", ls_lead_threshold: "high" } },
          { id: "3", properties: { ls_lead: "", ls_lead_threshold: "" } },
        ],
      })
      .reply(200, buildBatchRead([]));
    const result = await writeScores(createTestCrmClient().client, {
      object: "contacts",
      values: [
        { recordId: "1", property: "ls_lead", score: 42.565, threshold: "high" },
        { recordId: "2", property: "ls_lead", score: 10, threshold: "low" },
        { recordId: "3", property: "ls_lead", score: null, threshold: null },
      ],
      current: new Map([
        ["1", { ls_lead: "40", ls_lead_threshold: "medium" }],
        ["2", { ls_lead: "10.0", ls_lead_threshold: "low" }],
        ["3", { ls_lead: "5", ls_lead_threshold: "low" }],
      ]),
      cause: "webhook",
      atMs: AT_MS,
      reprovision: async () => {
        throw new Error("not expected");
      },
    });
    expect(result.updatedRecords).toBe(2);
    expect(result.history).toEqual([
      {
        recordId: "1",
        property: "ls_lead",
        old: "40",
        new: "42.57",
        threshold: "high",
        atMs: AT_MS,
        cause: "webhook",
      },
      {
        recordId: "1",
        property: "ls_lead_threshold",
        old: "medium",
        new: "high",
        threshold: "high",
        atMs: AT_MS,
        cause: "webhook",
      },
      {
        recordId: "3",
        property: "ls_lead",
        old: "5",
        new: null,
        threshold: null,
        atMs: AT_MS,
        cause: "webhook",
      },
      {
        recordId: "3",
        property: "ls_lead_threshold",
        old: "low",
        new: null,
        threshold: null,
        atMs: AT_MS,
        cause: "webhook",
      },
    ]);
    scope.done();
  });

  it("makes no call when nothing changed", async () => {
    const result = await writeScores(createTestCrmClient().client, {
      object: "deals",
      values: [{ recordId: "1", property: "ls_deal", score: 5, threshold: "B2", engagement: 2, fit: 3 }],
      current: new Map([
        ["1", { ls_deal: "5", ls_deal_threshold: "B2", ls_deal_engagement: "2", ls_deal_fit: "3" }],
      ]),
      cause: "decay",
      atMs: AT_MS,
      reprovision: async () => {},
    });
    expect(result).toEqual({ history: [], updatedRecords: 0 });
  });

  it("re-provisions once when a property was deleted, then writes", async () => {
    let reprovisioned = 0;
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/update")
      .reply(400, deletedProperty)
      .post("/crm/v3/objects/contacts/batch/update")
      .reply(200, buildBatchRead([]));
    const result = await writeScores(createTestCrmClient().client, {
      object: "contacts",
      values: [{ recordId: "1", property: "ls_lead", score: 1, threshold: null }],
      current: new Map(),
      cause: "enable",
      atMs: AT_MS,
      reprovision: async () => {
        reprovisioned++;
      },
    });
    expect(reprovisioned).toBe(1);
    expect(result.history).toHaveLength(1);
    scope.done();
  });

  it("parks with a visible error when the property is still missing after re-provisioning", async () => {
    let reprovisioned = 0;
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/update")
      .times(2)
      .reply(400, deletedProperty);
    await expect(
      writeScores(createTestCrmClient().client, {
        object: "contacts",
        values: [{ recordId: "1", property: "ls_lead", score: 1, threshold: null }],
        current: new Map(),
        cause: "enable",
        atMs: AT_MS,
        reprovision: async () => {
          reprovisioned++;
        },
      }),
    ).rejects.toMatchObject({
      code: "upstream_failed",
      details: { parked: true, portalId: "123", object: "contacts" },
      message: expect.stringContaining("could not be re-created"),
    });
    expect(reprovisioned).toBe(1);
    scope.done();
  });
});
