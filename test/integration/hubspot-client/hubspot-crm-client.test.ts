import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHubSpotCrmClient } from "../../../src/adapters/hubspot-client/create-hubspot-crm-client.js";
import { rapidRetryPolicy } from "../../../src/adapters/hubspot-client/retry-policy.js";
import { AppError } from "../../../src/errors.js";
import { createTestCrmClient, HUBSPOT, TOKEN } from "../../fixtures/hubspot/create-test-crm-client.js";
import {
  buildAssociationBatch,
  buildAssociationResult,
  buildBatchRead,
  buildErrorBody,
  buildRecord,
  tenSecondlyLimitBody,
} from "../../fixtures/hubspot/crm-payloads.js";

const ids = (count: number, from = 1) => Array.from({ length: count }, (_, i) => String(from + i));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("readRecords", () => {
  it("reads 250 contacts in batches of 100, 100 and 50 with the asked properties and a bearer token", async () => {
    const sizes: number[] = [];
    const scope = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post("/crm/v3/objects/contacts/batch/read", (body) => {
        sizes.push(body.inputs.length);
        return (
          body.properties.join() === "jobtitle,state" &&
          body.inputs.every((i: { id: string }) => /^\d+$/.test(i.id))
        );
      })
      .times(3)
      .reply(200, (_uri, body) =>
        buildBatchRead(
          (body as { inputs: { id: string }[] }).inputs.map((i) => buildRecord(i.id, { jobtitle: "CTO" })),
        ),
      );
    const { client } = createTestCrmClient();
    const records = await client.readRecords("contacts", ids(250), ["jobtitle", "state"]);
    expect(sizes).toEqual([100, 100, 50]);
    expect(records).toHaveLength(250);
    expect(records[0]).toEqual({ id: "1", properties: expect.objectContaining({ jobtitle: "CTO" }) });
    scope.done();
  });

  it("asks for a fresh token on every request", async () => {
    const tokens = ["first", "second"];
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/deals/batch/read")
      .matchHeader("authorization", "Bearer first")
      .reply(200, buildBatchRead([]))
      .post("/crm/v3/objects/deals/batch/read")
      .matchHeader("authorization", "Bearer second")
      .reply(200, buildBatchRead([]));
    const { client } = createTestCrmClient({ accessToken: async () => tokens.shift() ?? "none" });
    await client.readRecords("deals", ["1"], []);
    await client.readRecords("deals", ["2"], []);
    scope.done();
  });
});

describe("readAssociations", () => {
  it("reads 1,200 ids in two calls, follows paging, keeps labels and gives unlabeled associations []", async () => {
    const sizes: number[] = [];
    const scope = nock(HUBSPOT)
      .post("/crm/v4/associations/contacts/companies/batch/read", (body) => {
        sizes.push(body.inputs.length);
        return body.inputs.length === 1000;
      })
      .reply(
        207,
        buildAssociationBatch(
          [buildAssociationResult("contacts>companies", "1", [{ to: "9", labels: ["Primary"] }], "page-2")],
          ids(999, 2),
        ),
      )
      .post("/crm/v4/associations/contacts/companies/batch/read", (body) => {
        sizes.push(body.inputs.length);
        return body.inputs.length === 200;
      })
      .reply(
        200,
        buildAssociationBatch([buildAssociationResult("contacts>companies", "1001", [{ to: "10" }])]),
      )
      .post("/crm/v4/associations/contacts/companies/batch/read", {
        inputs: [{ id: "1", after: "page-2" }],
      })
      .reply(
        200,
        buildAssociationBatch([
          buildAssociationResult("contacts>companies", "1", [
            { to: "11", labels: ["Billing", "Decision maker"] },
          ]),
        ]),
      );
    const { client } = createTestCrmClient();
    const found = await client.readAssociations("contacts", "companies", ids(1200));
    expect(sizes).toEqual([1000, 200]);
    expect(found.get("1")).toEqual([
      { id: "9", labels: ["Primary"] },
      { id: "11", labels: ["Billing", "Decision maker"] },
    ]);
    expect(found.get("1001")).toEqual([{ id: "10", labels: [] }]);
    expect(found.get("2")).toEqual([]);
    expect(found.size).toBe(1200);
    scope.done();
  });
});

describe("updateRecords", () => {
  it("sends 150 updates as batches of 100 and 50 with string values", async () => {
    const bodies: { inputs: { id: string; properties: Record<string, string> }[] }[] = [];
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/update", (body) => {
        bodies.push(body);
        return true;
      })
      .times(2)
      .reply(200, buildBatchRead([]));
    const { client } = createTestCrmClient();
    await client.updateRecords(
      "contacts",
      ids(150).map((id) => ({ id, properties: { ls_lead: "42", ls_lead_threshold: "high" } })),
    );
    expect(bodies.map((b) => b.inputs.length)).toEqual([100, 50]);
    expect(bodies[0]?.inputs[0]).toEqual({
      id: "1",
      properties: { ls_lead: "42", ls_lead_threshold: "high" },
    });
    scope.done();
  });
});

describe("errors and retries", () => {
  it("pauses for Retry-After seconds on 429, then retries and succeeds", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read")
      .reply(429, tenSecondlyLimitBody, { "Retry-After": "3" })
      .post("/crm/v3/objects/contacts/batch/read")
      .reply(200, buildBatchRead([buildRecord("1")]));
    const { client, sleeps, warnings } = createTestCrmClient();
    expect(await client.readRecords("contacts", ["1"], [])).toHaveLength(1);
    expect(sleeps).toEqual([3000]);
    expect(warnings[0]).toMatchObject({ portalId: "123", pauseMs: 3000 });
    scope.done();
  });

  it("pauses for the 10-second window on a 429 without Retry-After", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read")
      .reply(429, tenSecondlyLimitBody)
      .post("/crm/v3/objects/contacts/batch/read")
      .reply(200, buildBatchRead([]));
    const { client, sleeps } = createTestCrmClient();
    await client.readRecords("contacts", ["1"], []);
    expect(sleeps).toEqual([10_000]);
    scope.done();
  });

  it("retries 5xx with growing backoff and gives up after the policy's attempts with status and correlation id", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read")
      .times(4)
      .reply(502, buildErrorBody(502, "Bad gateway"), {
        "x-hubspot-correlation-id": "ignored-when-body-has-one",
      });
    const { client, sleeps } = createTestCrmClient();
    const error = await client.readRecords("contacts", ["1"], []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "upstream_failed",
      details: { status: 502, correlationId: "corr-502", portalId: "123", operation: "contacts batch read" },
    });
    // rapid policy: ceilings 1, 2, 4 ms, jitter 0.5 → 75 % of each.
    expect(sleeps).toEqual([1, 2, 3]);
    scope.done();
  });

  it("never retries a 400 and maps it to invalid_input", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/update")
      .once()
      .reply(400, buildErrorBody(400, "Property values were not valid"));
    const { client, sleeps } = createTestCrmClient();
    await expect(
      client.updateRecords("contacts", [{ id: "1", properties: { x: "1" } }]),
    ).rejects.toMatchObject({
      code: "invalid_input",
      details: { status: 400, hubspotMessage: "Property values were not valid" },
    });
    expect(sleeps).toEqual([]);
    scope.done();
  });

  it("maps a 403 to forbidden, taking the correlation id from the header when the body has none", async () => {
    const scope = nock(HUBSPOT).post("/crm/v4/associations/contacts/emails/batch/read").reply(
      403,
      { status: "error", message: "This app hasn't been granted all required scopes" },
      {
        "x-hubspot-correlation-id": "hdr-1",
      },
    );
    const { client, sleeps } = createTestCrmClient();
    await expect(client.readAssociations("contacts", "emails", ["1"])).rejects.toMatchObject({
      code: "forbidden",
      details: { status: 403, correlationId: "hdr-1" },
    });
    expect(sleeps).toEqual([]);
    scope.done();
  });
});

describe("429 pause", () => {
  it("holds every other call of the portal while the pause lasts, and not other portals' calls", async () => {
    let endPause = () => {};
    let pauseStarted = () => {};
    const pausing = new Promise<void>((resolve) => {
      pauseStarted = resolve;
    });
    const paused = createHubSpotCrmClient({
      portalId: "123",
      accessToken: async () => "t",
      baseUrl: HUBSPOT,
      ratePer10s: 100,
      policy: rapidRetryPolicy,
      sleep: () =>
        new Promise<void>((resolve) => {
          endPause = resolve;
          pauseStarted();
        }),
      random: () => 0.5,
      logger: { warn: () => {} } as never,
    });
    const hits: string[] = [];
    const record = (_uri: string, body: unknown) => {
      hits.push((body as { inputs: { id: string }[] }).inputs[0]?.id ?? "");
      return buildBatchRead([]);
    };
    nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read")
      .reply(429, tenSecondlyLimitBody, { "Retry-After": "1" })
      .post("/crm/v3/objects/contacts/batch/read")
      .times(3)
      .reply(200, record);
    const first = paused.readRecords("contacts", ["1"], []);
    await pausing;
    const second = paused.readRecords("contacts", ["2"], []);
    // A call for another portal goes through a full HTTP round trip meanwhile.
    await createTestCrmClient().client.readRecords("contacts", ["other"], []);
    expect(hits).toEqual(["other"]);
    endPause();
    await Promise.all([first, second]);
    expect(hits.slice(1).sort()).toEqual(["1", "2"]);
  });
});

describe("listRecordIds", () => {
  it("pages through every record of an object 100 at a time, following the paging cursor", async () => {
    const scope = nock(HUBSPOT)
      .get("/crm/v3/objects/companies")
      .query({ limit: "100", properties: "hs_object_id", archived: "false" })
      .reply(200, { results: [buildRecord("1", {}), buildRecord("2", {})], paging: { next: { after: "2" } } })
      .get("/crm/v3/objects/companies")
      .query({ limit: "100", after: "2", properties: "hs_object_id", archived: "false" })
      .reply(200, { results: [buildRecord("3", {})] });
    const { client } = createTestCrmClient();
    expect(await client.listRecordIds("companies", null)).toEqual({ ids: ["1", "2"], after: "2" });
    expect(await client.listRecordIds("companies", "2")).toEqual({ ids: ["3"], after: null });
    scope.done();
  });
});
