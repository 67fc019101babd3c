import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestCrmClient, HUBSPOT, TOKEN } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead, buildRecord } from "../../fixtures/hubspot/crm-payloads.js";

// The reads behind suggested scores (docs/decisions.md §Suggested scores from HubSpot): every record with
// its stage entries through the objects list API, and property histories in batch reads of 50.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));
const page = (records: ReturnType<typeof buildRecord>[], after?: string) => ({
  results: records,
  ...(after ? { paging: { next: { after, link: `${HUBSPOT}/next` } } } : {}),
});
const stageQuery = {
  limit: "100",
  // The SDK repeats the parameter, one property each.
  properties: ["hs_v2_date_entered_marketingqualifiedlead", "hs_v2_date_entered_salesqualifiedlead"],
  archived: "false",
};

describe("listStageEntries", () => {
  it("pages the objects list API 100 at a time with both stages' entry dates, in ms or null", async () => {
    const scope = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get("/crm/v3/objects/contacts")
      .query(stageQuery)
      .reply(
        200,
        page(
          [
            buildRecord("1", {
              hs_v2_date_entered_marketingqualifiedlead: "2026-09-01T10:00:00.000Z",
              hs_v2_date_entered_salesqualifiedlead: "2026-09-05T10:00:00.000Z",
            }),
            buildRecord("2", {
              hs_v2_date_entered_marketingqualifiedlead: null,
              hs_v2_date_entered_salesqualifiedlead: null,
            }),
          ],
          "2",
        ),
      )
      .get("/crm/v3/objects/contacts")
      .query({ ...stageQuery, after: "2" })
      .reply(
        200,
        page([
          buildRecord("3", {
            hs_v2_date_entered_marketingqualifiedlead: "1788000000000",
            hs_v2_date_entered_salesqualifiedlead: "",
          }),
        ]),
      );
    const { client } = createTestCrmClient();
    const stages = ["marketingqualifiedlead", "salesqualifiedlead"];
    const first = await client.listStageEntries("contacts", stages, null);
    expect(first).toEqual({
      records: [
        {
          id: "1",
          enteredAtMs: {
            marketingqualifiedlead: Date.UTC(2026, 8, 1, 10),
            salesqualifiedlead: Date.UTC(2026, 8, 5, 10),
          },
        },
        { id: "2", enteredAtMs: { marketingqualifiedlead: null, salesqualifiedlead: null } },
      ],
      after: "2",
    });
    const second = await client.listStageEntries("contacts", stages, first.after);
    expect(second).toEqual({
      records: [
        { id: "3", enteredAtMs: { marketingqualifiedlead: 1788000000000, salesqualifiedlead: null } },
      ],
      after: null,
    });
    scope.done();
  });

  it("reads a custom stage's entries from lifecyclestage's history when the page lacks its property", async () => {
    let historyBody: unknown;
    const scope = nock(HUBSPOT)
      .get("/crm/v3/objects/companies")
      .query({
        limit: "100",
        properties: ["hs_v2_date_entered_lead", "hs_v2_date_entered_9001"],
        archived: "false",
      })
      .reply(200, page([buildRecord("7", { hs_v2_date_entered_lead: "2026-10-01T00:00:00.000Z" })]))
      .post("/crm/v3/objects/companies/batch/read", (body) => {
        historyBody = body;
        return true;
      })
      .reply(
        200,
        buildBatchRead([
          {
            ...buildRecord("7"),
            propertiesWithHistory: {
              lifecyclestage: [
                { value: "9001", timestamp: "2026-10-09T00:00:00.000Z", sourceType: "CRM_UI" },
                { value: "lead", timestamp: "2026-09-20T00:00:00.000Z", sourceType: "CRM_UI" },
                { value: "9001", timestamp: "2026-10-03T00:00:00.000Z", sourceType: "CRM_UI" },
              ],
            },
          },
        ]),
      );
    const { client } = createTestCrmClient();
    const answer = await client.listStageEntries("companies", ["lead", "9001"], null);
    expect(historyBody).toEqual({
      inputs: [{ id: "7" }],
      properties: [],
      propertiesWithHistory: ["lifecyclestage"],
    });
    // The property's answer stands for lead; the history's first entry into 9001 fills the gap.
    expect(answer.records).toEqual([
      { id: "7", enteredAtMs: { lead: Date.UTC(2026, 9, 1), 9001: Date.UTC(2026, 9, 3) } },
    ]);
    scope.done();
  });

  it("waits out a 429 and asks for the same page again", async () => {
    const scope = nock(HUBSPOT)
      .get("/crm/v3/objects/contacts")
      .query(stageQuery)
      .reply(
        429,
        { status: "error", category: "RATE_LIMITS", message: "ten secondly rolling limit" },
        {
          "Retry-After": "1",
        },
      )
      .get("/crm/v3/objects/contacts")
      .query(stageQuery)
      .reply(
        200,
        page([
          buildRecord("1", {
            hs_v2_date_entered_marketingqualifiedlead: null,
            hs_v2_date_entered_salesqualifiedlead: null,
          }),
        ]),
      );
    const { client, sleeps } = createTestCrmClient();
    const answer = await client.listStageEntries(
      "contacts",
      ["marketingqualifiedlead", "salesqualifiedlead"],
      null,
    );
    expect(answer.records.map((r) => r.id)).toEqual(["1"]);
    // Retry-After: 1 is honoured before the same page is asked again.
    expect(sleeps.some((ms) => ms >= 1_000)).toBe(true);
    scope.done();
  });
});

describe("readPropertyHistories", () => {
  it("asks 50 ids a call for the properties' history only, and answers each history newest first", async () => {
    const bodies: unknown[] = [];
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read", (body) => {
        bodies.push(body);
        return true;
      })
      .times(2)
      .reply(200, (_uri, raw) =>
        buildBatchRead(
          (raw as { inputs: { id: string }[] }).inputs.map(({ id }) => ({
            ...buildRecord(id),
            propertiesWithHistory:
              id === "1"
                ? {
                    industry: [
                      { value: "Retail", timestamp: "2026-08-01T00:00:00.000Z", sourceType: "CRM_UI" },
                      { value: "Software", timestamp: "2026-10-01T00:00:00.000Z", sourceType: "IMPORT" },
                    ],
                  }
                : { industry: [] },
          })),
        ),
      );
    const { client } = createTestCrmClient();
    const found = await client.readPropertyHistories("contacts", ids(1, 60), ["industry", "jobtitle"]);
    expect(bodies).toEqual([
      {
        inputs: ids(1, 50).map((id) => ({ id })),
        properties: [],
        propertiesWithHistory: ["industry", "jobtitle"],
      },
      {
        inputs: ids(51, 10).map((id) => ({ id })),
        properties: [],
        propertiesWithHistory: ["industry", "jobtitle"],
      },
    ]);
    expect(found.size).toBe(60);
    expect(found.get("1")).toEqual({
      industry: [
        { value: "Software", sinceMs: Date.UTC(2026, 9, 1) },
        { value: "Retail", sinceMs: Date.UTC(2026, 7, 1) },
      ],
      jobtitle: [],
    });
    expect(found.get("2")).toEqual({ industry: [], jobtitle: [] });
    scope.done();
  });

  it("asks nothing when no property is named", async () => {
    const { client } = createTestCrmClient();
    expect((await client.readPropertyHistories("contacts", ["1"], [])).size).toBe(0);
  });
});
