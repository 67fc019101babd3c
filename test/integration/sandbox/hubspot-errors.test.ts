import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// Refusals answered like HubSpot (docs/hubspot.md §Rate limits and batching): batch sizes (100; 1,000 for association
// reads), search's page and 10,000-result caps, missing or expired credentials, missing
// scopes, unknown object types, all with {status: "error", message, correlationId, category}.

let s: TestSandbox;
beforeEach(async () => {
  s = await startTestSandbox({ seed: "none" });
});
afterEach(() => s.close());

const inputs = (count: number) => Array.from({ length: count }, (_, i) => ({ id: String(i + 1) }));
const hubspotError = (category: string) => ({
  status: "error",
  message: expect.any(String),
  correlationId: expect.any(String),
  category,
});

describe("batch sizes", () => {
  it.each([
    ["/crm/v3/objects/contacts/batch/read", 100],
    ["/crm/v3/objects/contacts/batch/update", 100],
    ["/crm/v4/associations/contacts/companies/batch/read", 1_000],
    ["/crm/v3/properties/contacts/batch/read", 100],
  ])("%s takes %i inputs and refuses one more with 400 VALIDATION_ERROR", async (path, limit) => {
    const body = (n: number) => ({
      inputs: path.includes("properties")
        ? inputs(n).map((i) => ({ name: `p${i.id}` }))
        : path.includes("update")
          ? inputs(n).map((i) => ({ ...i, properties: {} }))
          : inputs(n),
    });
    expect((await s.crm("POST", path, body(limit))).status).toBeLessThan(300);
    const refused = await s.crm("POST", path, body(limit + 1));
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual(hubspotError("VALIDATION_ERROR"));
    expect(refused.json.message).toContain(String(limit));
  });

  it("refuses duplicate ids in a batch", async () => {
    const refused = await s.crm("POST", "/crm/v3/objects/contacts/batch/read", {
      inputs: [{ id: "1" }, { id: "1" }],
    });
    expect(refused.json).toMatchObject({
      category: "VALIDATION_ERROR",
      message: expect.stringContaining("Duplicate IDs"),
    });
  });
});

describe("search caps", () => {
  // Paging up to the cap through the app's door is in the door contract
  // (test/integration/door-contract/define-search-cases.ts); here, the refusals' bodies.
  it("refuses a page past the 10,000th result, or of more than 200, with 400 VALIDATION_ERROR", async () => {
    for (const body of [{ limit: 10, after: "10000" }, { limit: 201 }]) {
      const refused = await s.crm("POST", "/crm/v3/objects/contacts/search", body);
      expect(refused.status).toBe(400);
      expect(refused.json).toEqual(hubspotError("VALIDATION_ERROR"));
    }
  });

  it("refuses more than 5 filter groups", async () => {
    const group = { filters: [{ propertyName: "email", operator: "HAS_PROPERTY" }] };
    const refused = await s.crm("POST", "/crm/v3/objects/contacts/search", {
      filterGroups: Array(6).fill(group),
    });
    expect(refused.status).toBe(400);
  });
});

describe("credentials and scopes", () => {
  it("answers a missing or unknown token with 401 INVALID_AUTHENTICATION", async () => {
    expect((await s.call("GET", "/crm/v3/objects/contacts")).json).toEqual(
      hubspotError("INVALID_AUTHENTICATION"),
    );
    const unknown = await s.crm("GET", "/crm/v3/objects/contacts", undefined, "not-a-token");
    expect(unknown.status).toBe(401);
  });

  it("answers a call outside the token's scopes with 403 MISSING_SCOPES naming them", async () => {
    const token = await s.issueToken(["crm.objects.contacts.read"]);
    const refused = await s.crm(
      "POST",
      "/crm/v3/properties/contacts/groups",
      { name: "g", label: "G" },
      token,
    );
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({
      category: "MISSING_SCOPES",
      errors: [{ context: { requiredGranularScopes: ["crm.schemas.contacts.write"] } }],
    });
  });

  it("answers an object type HubSpot does not know with 400, and accepts 0-1 for contacts", async () => {
    expect((await s.crm("GET", "/crm/v3/objects/widgets")).json).toMatchObject({
      category: "VALIDATION_ERROR",
      message: "Unable to infer object type from: widgets",
    });
    expect((await s.crm("GET", "/crm/v3/objects/0-1")).status).toBe(200);
  });

  it("answers a body that is not JSON with 400 VALIDATION_ERROR", async () => {
    const refused = await s.crm("POST", "/crm/v3/objects/contacts/batch/read", "{nope");
    expect(refused.json).toEqual(hubspotError("VALIDATION_ERROR"));
  });
});
