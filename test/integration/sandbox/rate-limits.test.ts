import { afterEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// HubSpot's limits (docs/hubspot.md §Rate limits and batching): 110 requests per rolling 10 s per portal, search
// apart at 5/s per token; past them a 429 with policyName and Retry-After. Time moves by the
// injected clock, never by waiting.

let s: TestSandbox;
afterEach(() => s.close());

const read = (id = "1") => s.crm("POST", "/crm/v3/objects/companies/batch/read", { inputs: [{ id }] });
const search = () => s.crm("POST", "/crm/v3/objects/contacts/search", { filterGroups: [], limit: 1 });

describe("the ten-second rolling limit at HubSpot's real 110", () => {
  it("serves 110 calls, answers the 111th with 429 TEN_SECONDLY_ROLLING and Retry-After, and serves again 10 s later", async () => {
    s = await startTestSandbox({ ratePer10s: 110 });
    const answers = [];
    for (let i = 0; i < 110; i++) answers.push(await read());
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.at(-1)?.headers.get("x-hubspot-ratelimit-remaining")).toBe("0");
    const refused = await read();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(refused.json).toMatchObject({
      status: "error",
      category: "RATE_LIMITS",
      errorType: "RATE_LIMIT",
      policyName: "TEN_SECONDLY_ROLLING",
      message: "You have reached your ten_secondly_rolling limit.",
      correlationId: expect.any(String),
    });
    await s.call("POST", "/__sandbox/clock", { advance: "9999ms" });
    expect((await read()).status).toBe(429);
    await s.call("POST", "/__sandbox/clock", { advance: 1 });
    expect((await read()).status).toBe(200);
    expect(s.sandbox.stats.snapshot().rateLimited).toEqual({ TEN_SECONDLY_ROLLING: 2 });
  });

  it("counts the window per rolling start times: Retry-After shrinks as the oldest call ages", async () => {
    s = await startTestSandbox({ ratePer10s: 2 });
    await read();
    await s.call("POST", "/__sandbox/clock", { advance: "4s" });
    await read();
    const refused = await read();
    expect(refused.headers.get("retry-after")).toBe("6");
  });
});

describe("the search limit", () => {
  it("allows 5 searches a second, answers the 6th with SECONDLY, and does not spend the 10-second budget", async () => {
    s = await startTestSandbox({ ratePer10s: 3 });
    for (let i = 0; i < 5; i++) expect((await search()).status).toBe(200);
    const refused = await search();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.json).toMatchObject({
      policyName: "SECONDLY",
      message: "You have reached your secondly limit.",
    });
    expect(refused.headers.get("x-hubspot-ratelimit-max")).toBeNull();
    for (let i = 0; i < 3; i++) expect((await read()).status).toBe(200);
    await s.call("POST", "/__sandbox/clock", { advance: "1s" });
    expect((await search()).status).toBe(200);
  });
});

describe("the app's client under the sandbox's limit", () => {
  it("pauses for Retry-After on the sandbox's 429 and completes every read", async () => {
    s = await startTestSandbox({ ratePer10s: 3, clientRatePer10s: 100 });
    const { ids } = await s.client.listRecordIds("contacts", null);
    const records = await s.client.readRecords("contacts", ids.slice(0, 5), ["jobtitle"]);
    expect(records).toHaveLength(5);
    const reads = await Promise.all(ids.slice(0, 5).map((id) => s.client.readRecords("contacts", [id], [])));
    expect(reads.flat()).toHaveLength(5);
    expect(s.sleeps.length).toBeGreaterThan(0);
    expect(s.sleeps.every((ms) => ms >= 1_000 && ms <= 10_000)).toBe(true);
    expect(s.sandbox.stats.snapshot().rateLimited.TEN_SECONDLY_ROLLING).toBeGreaterThan(0);
  });
});
