import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buildScoreProperties,
  buildThresholdOptions,
  provisionProperties,
  type ScorePropertySpec,
} from "../../../src/app/provision-properties.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import { buildProperty, buildPropertyBatch } from "../../fixtures/hubspot/property-payloads.js";

const combined: ScorePropertySpec = {
  name: "ls_contact_lead",
  label: "Contact lead score",
  combined: true,
  thresholdOptions: buildThresholdOptions("combined"),
};
const group = { name: "lead_score", label: "Lead score", displayOrder: -1 };
const names = [
  "ls_contact_lead",
  "ls_contact_lead_engagement",
  "ls_contact_lead_fit",
  "ls_contact_lead_threshold",
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("buildThresholdOptions", () => {
  it("gives levels, A1..C3, and custom tiers lower-cased with non-alphanumerics as _", () => {
    expect(buildThresholdOptions("levels").map((o) => o.value)).toEqual(["high", "medium", "low"]);
    expect(buildThresholdOptions("combined").map((o) => o.value)).toEqual([
      "A1",
      "A2",
      "A3",
      "B1",
      "B2",
      "B3",
      "C1",
      "C2",
      "C3",
    ]);
    expect(buildThresholdOptions({ tiers: ["Very hot!", "Warm"] })).toEqual([
      { value: "very_hot_", label: "Very hot!" },
      { value: "warm", label: "Warm" },
    ]);
  });
});

describe("provisionProperties", () => {
  it("creates the group and the four properties of a combined score in one batch", async () => {
    const created: unknown[] = [];
    const scope = nock(HUBSPOT)
      .post("/crm/v3/properties/contacts/groups", group)
      .reply(201, { ...group, archived: false })
      .post("/crm/v3/properties/contacts/batch/read", {
        archived: false,
        inputs: names.map((name) => ({ name })),
        dataSensitivity: "non_sensitive",
      })
      .reply(200, buildPropertyBatch([]))
      .post("/crm/v3/properties/contacts/batch/create", (body) => {
        created.push(...body.inputs);
        return true;
      })
      .reply(201, buildPropertyBatch([]));
    const report = await provisionProperties(createTestCrmClient().client, "contacts", [combined]);
    expect(report).toEqual({ created: names, updated: [], unchanged: [] });
    expect(created[0]).toEqual({
      name: "ls_contact_lead",
      label: "Contact lead score",
      type: "number",
      fieldType: "number",
      groupName: "lead_score",
      description: "Computed by lead-score",
      formField: false,
      options: [],
    });
    expect(created[3]).toMatchObject({
      name: "ls_contact_lead_threshold",
      type: "enumeration",
      fieldType: "select",
      options: expect.arrayContaining([{ label: "C3", value: "C3", displayOrder: 8, hidden: false }]),
    });
    scope.done();
  });

  it("is idempotent: an existing group (409) and identical properties cause no writes", async () => {
    const existing = buildScoreProperties(combined).map((p) => buildProperty(p));
    const scope = nock(HUBSPOT)
      .post("/crm/v3/properties/contacts/groups")
      .reply(409, buildErrorBody(409, "A property group named lead_score already exists."))
      .post("/crm/v3/properties/contacts/batch/read")
      .reply(200, buildPropertyBatch(existing));
    const report = await provisionProperties(createTestCrmClient().client, "contacts", [combined]);
    expect(report).toEqual({ created: [], updated: [], unchanged: names });
    scope.done();
  });

  it("updates the threshold options when the tiers changed", async () => {
    const spec = {
      name: "ls_fit",
      label: "Fit",
      combined: false,
      thresholdOptions: buildThresholdOptions({ tiers: ["Hot", "Cold"] }),
    };
    const [score, threshold] = buildScoreProperties(spec);
    const patched: unknown[] = [];
    const stale = buildProperty({
      ...threshold,
      name: "ls_fit_threshold",
      options:
        buildScoreProperties({ ...spec, thresholdOptions: buildThresholdOptions("levels") })[1]?.options ??
        [],
    });
    const scope = nock(HUBSPOT)
      .post("/crm/v3/properties/companies/groups")
      .reply(409, buildErrorBody(409, "exists"))
      .post("/crm/v3/properties/companies/batch/read")
      .reply(200, buildPropertyBatch([buildProperty({ ...score, name: "ls_fit" }), stale]))
      .patch("/crm/v3/properties/companies/ls_fit_threshold", (body) => {
        patched.push(body);
        return true;
      })
      .reply(200, buildProperty({ name: "ls_fit_threshold" }));
    const report = await provisionProperties(createTestCrmClient().client, "companies", [spec]);
    expect(report).toEqual({ created: [], updated: ["ls_fit_threshold"], unchanged: ["ls_fit"] });
    expect(patched).toEqual([
      expect.objectContaining({
        type: "enumeration",
        options: [
          { label: "Hot", value: "hot", displayOrder: 0, hidden: false },
          { label: "Cold", value: "cold", displayOrder: 1, hidden: false },
        ],
      }),
    ]);
    scope.done();
  });

  it("refuses to take over a user's property of another type under the score's name", async () => {
    const spec = {
      name: "ls_fit",
      label: "Fit",
      combined: false,
      thresholdOptions: buildThresholdOptions("levels"),
    };
    nock(HUBSPOT)
      .post("/crm/v3/properties/deals/groups")
      .reply(201, group)
      .post("/crm/v3/properties/deals/batch/read")
      .reply(200, buildPropertyBatch([buildProperty({ name: "ls_fit", type: "string", fieldType: "text" })]))
      .post("/crm/v3/properties/deals/batch/create")
      .reply(201, buildPropertyBatch([]));
    await expect(provisionProperties(createTestCrmClient().client, "deals", [spec])).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("ls_fit exists with type string"),
    });
  });
});
