import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestCrmClient, HUBSPOT, TOKEN } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildProperty, buildPropertyBatch } from "../../fixtures/hubspot/property-payloads.js";

// Fields HubSpot's published specs mark required that @hubspot/api-client 13.5's models lack, so its
// serializer would drop them (docs/decisions.md §Fields the SDK does not send): the door adds them to
// the body the SDK built, and the request is otherwise the SDK's own (token, path, fields).

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("request bodies HubSpot's specs require", () => {
  it("properties batch read sends dataSensitivity non_sensitive with archived and the names", async () => {
    const scope = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post("/crm/v3/properties/contacts/batch/read", {
        archived: false,
        inputs: [{ name: "ls_lead" }, { name: "ls_lead_threshold" }],
        dataSensitivity: "non_sensitive",
      })
      .reply(200, buildPropertyBatch([buildProperty({ name: "ls_lead" })]));
    const read = await createTestCrmClient().client.readProperties("contacts", [
      "ls_lead",
      "ls_lead_threshold",
    ]);
    scope.done();
    expect(read.map((property) => property.name)).toEqual(["ls_lead"]);
  });

  it("a workflow callback completion sends typedOutputs {} beside the output fields", async () => {
    const outputFields = { hs_execution_state: "SUCCESS", previous_score: "28", new_score: "20" };
    const scope = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post("/automation/v4/actions/callbacks/cb-7/complete", { outputFields, typedOutputs: {} })
      .reply(204);
    await createTestCrmClient().client.completeActionCallback("cb-7", outputFields);
    scope.done();
  });
});
