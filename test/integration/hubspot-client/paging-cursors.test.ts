import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildAssociationBatch, buildAssociationResult } from "../../fixtures/hubspot/crm-payloads.js";
import { buildMembersPage } from "../../fixtures/hubspot/list-payloads.js";
import { appErrorRejection } from "../../support/app-error-rejection.js";

// A cursor HubSpot (or a proxy in front of it) hands out twice is an error, not a loop that spends the
// portal's whole budget: the read stops after the repeat, naming the listing.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("a paging cursor that repeats", () => {
  it("ends a list's membership read instead of looping", async () => {
    const scope = nock(HUBSPOT)
      .get("/crm/v3/lists/7/memberships")
      .query({ limit: 250 })
      .reply(200, buildMembersPage(["1", "2"], "c1"))
      .get("/crm/v3/lists/7/memberships")
      .query({ after: "c1", limit: 250 })
      .reply(200, buildMembersPage(["3"], "c2"))
      .get("/crm/v3/lists/7/memberships")
      .query({ after: "c2", limit: 250 })
      .reply(200, buildMembersPage(["4"], "c1"));
    const error = await appErrorRejection(createTestCrmClient().client.readListMemberIds("7"));
    scope.done();
    expect(error.details).toMatchObject({ reason: "repeated_cursor", retryable: false });
    expect(error.message).toContain('gave the paging cursor "c1" twice for list 7');
  });

  it("still follows cursors that move on to the end", async () => {
    const scope = nock(HUBSPOT)
      .get("/crm/v3/lists/7/memberships")
      .query({ limit: 250 })
      .reply(200, buildMembersPage(["1"], "c1"))
      .get("/crm/v3/lists/7/memberships")
      .query({ after: "c1", limit: 250 })
      .reply(200, buildMembersPage(["2"]));
    expect(await createTestCrmClient().client.readListMemberIds("7")).toEqual(["1", "2"]);
    scope.done();
  });

  it("ends a record's association pages instead of looping", async () => {
    const page = (after: string) =>
      buildAssociationBatch([buildAssociationResult("contacts>meetings", "1", [{ to: "m1" }], after)]);
    const scope = nock(HUBSPOT)
      .post("/crm/v4/associations/contacts/meetings/batch/read")
      .times(2)
      .reply(200, page("same"));
    const error = await appErrorRejection(
      createTestCrmClient().client.readAssociations("contacts", "meetings", ["1"]),
    );
    scope.done();
    expect(error.message).toContain('gave the paging cursor "same" twice for record 1');
  });
});
