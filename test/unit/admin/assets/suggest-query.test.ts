import { describe, expect, it } from "vitest";
import { parseSuggestQuery, suggestQuery } from "../../../../src/admin/assets/suggest-query.js";

// The suggest page's address names the job it follows and what was asked, so a reload follows it again.

const request = {
  object: "companies" as const,
  type: "engagement" as const,
  from: "marketingqualifiedlead",
  to: "1234 custom",
  withinDays: 45,
};

describe("the suggest page's address", () => {
  it("carries the job and the request, and gives them back", () => {
    const search = suggestQuery("job-1", request);
    expect(search).toBe(
      "?job=job-1&object=companies&type=engagement&from=marketingqualifiedlead&to=1234+custom&withinDays=45",
    );
    expect(parseSuggestQuery(search)).toEqual({ jobId: "job-1", request });
  });

  it("is a fresh form without a job, or with a request it cannot be", () => {
    expect(parseSuggestQuery("")).toBeNull();
    expect(parseSuggestQuery("?object=contacts&type=fit&from=a&to=b&withinDays=3")).toBeNull();
    expect(parseSuggestQuery("?job=j&object=deals&type=fit&from=a&to=b&withinDays=3")).toBeNull();
    expect(parseSuggestQuery("?job=j&object=contacts&type=combined&from=a&to=b&withinDays=3")).toBeNull();
    expect(parseSuggestQuery("?job=j&object=contacts&type=fit&from=a&to=b&withinDays=x")).toBeNull();
  });
});
