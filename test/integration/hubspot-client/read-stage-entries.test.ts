import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestCrmClient, HUBSPOT, TOKEN } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead, buildRecord } from "../../fixtures/hubspot/crm-payloads.js";

// readStageEntries (docs/hubspot.md §Lifecycle stage history): hs_v2_date_entered_<stage> in batch reads of
// 100, and lifecyclestage's history, 50 at a time, for records whose answer lacks that property.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

describe("readStageEntries", () => {
  it("reads hs_v2_date_entered_<stage> 100 ids a call and answers each date in ms, or null", async () => {
    const asked: number[] = [];
    const scope = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post("/crm/v3/objects/contacts/batch/read", (body) => {
        asked.push(body.inputs.length);
        return body.properties.length === 1 && body.properties[0] === "hs_v2_date_entered_customer";
      })
      .times(2)
      .reply(200, (_uri, raw) => {
        const body = raw as { inputs: { id: string }[] };
        return buildBatchRead(
          body.inputs.map(({ id }) =>
            buildRecord(id, {
              hs_v2_date_entered_customer: id === "150" ? "2026-10-01T08:30:00.000Z" : null,
            }),
          ),
        );
      });
    const { client } = createTestCrmClient();
    const found = await client.readStageEntries("contacts", ids(100, 150), "customer");
    expect(asked).toEqual([100, 50]);
    expect(found.size).toBe(150);
    expect(found.get("150")).toBe(Date.UTC(2026, 9, 1, 8, 30));
    expect(found.get("100")).toBeNull();
    scope.done();
  });

  it("falls back to lifecyclestage's history, 50 a call, when the answer lacks the property", async () => {
    const historyAsked: number[] = [];
    const scope = nock(HUBSPOT)
      .post(
        "/crm/v3/objects/companies/batch/read",
        (body) => body.properties[0] === "hs_v2_date_entered_9001",
      )
      .reply(200, (_uri, raw) =>
        buildBatchRead((raw as { inputs: { id: string }[] }).inputs.map(({ id }) => buildRecord(id))),
      )
      .post("/crm/v3/objects/companies/batch/read", (body) => {
        historyAsked.push(body.inputs.length);
        return body.propertiesWithHistory?.[0] === "lifecyclestage";
      })
      .times(2)
      .reply(200, (_uri, raw) =>
        buildBatchRead(
          (raw as { inputs: { id: string }[] }).inputs.map(({ id }) => ({
            ...buildRecord(id),
            propertiesWithHistory: {
              lifecyclestage:
                id === "7"
                  ? [
                      { value: "9001", timestamp: "2026-11-02T00:00:00.000Z", sourceType: "CRM_UI" },
                      { value: "lead", timestamp: "2026-10-20T00:00:00.000Z", sourceType: "CRM_UI" },
                      { value: "9001", timestamp: "2026-10-25T00:00:00.000Z", sourceType: "CRM_UI" },
                    ]
                  : [{ value: "lead", timestamp: "2026-10-20T00:00:00.000Z", sourceType: "IMPORT" }],
            },
          })),
        ),
      );
    const { client } = createTestCrmClient();
    const found = await client.readStageEntries("companies", ids(1, 60), "9001");
    expect(historyAsked).toEqual([50, 10]);
    // The first time it entered the stage, not the latest.
    expect(found.get("7")).toBe(Date.UTC(2026, 9, 25));
    expect(found.get("8")).toBeNull();
    expect(found.size).toBe(60);
    scope.done();
  });
});
