import nock from "nock";
import { afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead } from "../../fixtures/hubspot/crm-payloads.js";

// Pacing is p-queue's sliding window (docs/hubspot.md §Rate limits and batching, §SDK retries and pacing); the clock is vitest's fake one, so
// 50 s of HubSpot time pass in milliseconds and no test sleeps.

beforeAll(() => nock.disableNetConnect());
beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] }));
afterEach(() => {
  vi.useRealTimers();
  nock.cleanAll();
});

function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

/**
 * Runs `count` calls to completion. Fake time only moves while no request is in flight, so real
 * HTTP round trips (nock) take no HubSpot time and the queue alone decides when calls start.
 */
async function settle(
  count: number,
  call: (index: number) => Promise<unknown>,
  starts: number[],
): Promise<void> {
  let finished = 0;
  const all = Promise.all(
    Array.from({ length: count }, (_, i) =>
      call(i).finally(() => {
        finished++;
      }),
    ),
  );
  while (finished < count) {
    if (starts.length > finished) await new Promise((resolve) => setImmediate(resolve));
    else await vi.advanceTimersByTimeAsync(100);
  }
  await all;
}

// A request starts when the queue runs it, and the first thing it does is ask for the token:
// those moments are the starts HubSpot's window counts (replies arrive later, in real time).
function recordingToken(times: number[]) {
  return async () => {
    times.push(Date.now());
    return "t";
  };
}

it("sends 500 calls with never more than 100 starting in any 10-second window", async () => {
  const started = Date.now();
  const times: number[] = [];
  const scope = nock(HUBSPOT)
    .post("/crm/v3/objects/contacts/batch/read")
    .times(500)
    .reply(200, buildBatchRead([]));
  const { client } = createTestCrmClient({ ratePer10s: 100, accessToken: recordingToken(times) });
  await settle(500, (i) => client.readRecords("contacts", [String(i)], []), times);
  expect(times).toHaveLength(500);
  expect(maxInWindow(times, 10_000)).toBe(100);
  // Five windows' worth: the last 100 cannot start before 40 s.
  expect(Math.max(...times) - started).toBeGreaterThanOrEqual(40_000);
  scope.done();
});

it("paces CRM search in its own lane at 4 per second, apart from the 10-second budget", async () => {
  const times: number[] = [];
  const scope = nock(HUBSPOT)
    .post(
      "/crm/v3/objects/contacts/search",
      (body) => body.filterGroups[0].filters[0].propertyName === "hs_lastmodifieddate",
    )
    .times(12)
    .reply(200, { total: 0, results: [] });
  const { client } = createTestCrmClient({ ratePer10s: 1, accessToken: recordingToken(times) });
  await settle(12, () => client.searchModifiedSince("contacts", 0, null), times);
  expect(times).toHaveLength(12);
  expect(maxInWindow(times, 1_000)).toBe(4);
  scope.done();
});
