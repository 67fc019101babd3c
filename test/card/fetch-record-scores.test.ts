import { hubspot } from "@hubspot/ui-extensions";
import { afterEach, describe, expect, it, vi } from "vitest";
import { APP_BASE_URL } from "../../hubspot-card/app-base-url";
import { fetchRecordScores } from "../../hubspot-card/fetch-record-scores";

// HubSpot's testing utilities have no stand-in for hubspot.fetch (docs/hubspot.md §App cards), so the
// SDK module's fetch is replaced here, as HubSpot's own card examples do.
vi.mock("@hubspot/ui-extensions", () => ({ hubspot: { fetch: vi.fn() } }));
const hubspotFetch = vi.mocked(hubspot.fetch);

afterEach(() => hubspotFetch.mockReset());

describe("fetchRecordScores", () => {
  it("asks the app's card endpoint for the record, by objectTypeId and id, within HubSpot's time limit", async () => {
    const answer = { portalId: 1, objectType: "contacts", recordId: "309", adminUrl: "x", scores: [] };
    hubspotFetch.mockResolvedValue(new Response(JSON.stringify(answer), { status: 200 }));
    await expect(fetchRecordScores("0-1", "309")).resolves.toEqual(answer);
    expect(hubspotFetch).toHaveBeenCalledWith(
      `${APP_BASE_URL}/cards/record-scores?objectTypeId=0-1&recordId=309`,
      {
        method: "GET",
        timeout: 10_000,
      },
    );
  });

  it("fails with the app's message when it refuses", async () => {
    hubspotFetch.mockResolvedValue(
      new Response(JSON.stringify({ message: "portal 7 has not installed lead-score" }), { status: 404 }),
    );
    await expect(fetchRecordScores("0-2", "1")).rejects.toThrowError("portal 7 has not installed lead-score");
  });

  it("fails with the status when the answer is not JSON", async () => {
    hubspotFetch.mockResolvedValue(new Response("Bad gateway", { status: 502 }));
    await expect(fetchRecordScores("0-3", "1")).rejects.toThrowError("lead-score answered 502");
  });
});
