import { afterAll, describe, expect, it } from "vitest";
import { loadExampleScores } from "../../src/sandbox-mode/load-example-scores.js";
import { type E2eApp, startE2eApp } from "./support/start-e2e-app.js";

// `npm start` on a fresh DATA_DIR, then again on the same one (docs/decisions.md §Quick start), at HubSpot's
// own rate limit of 110 requests per 10 s: the only end-to-end test that keeps it.

let app: E2eApp | undefined;
afterAll(async () => {
  await app?.close();
});

type Stats = { total: number; rateLimited: Record<string, number>; statuses: Record<string, number> };

describe("the quick start", { timeout: 120_000 }, () => {
  it("creates and enables the example scores on the first start and scores every record at HubSpot's rate", async () => {
    const started = await startE2eApp({ exampleScores: loadExampleScores() });
    app = started;
    expect(started.running.installed).toBe("now");
    expect(started.running.examples.map((e) => [e.scoreId, e.object])).toEqual([
      ["company-engagement", "companies"],
      ["contact-lead", "contacts"],
    ]);
    const { counts } = await started.sandbox.call<{ counts: Record<string, number> }>(
      "GET",
      "/__sandbox/info",
    );
    for (const example of started.running.examples) {
      const job = await started.finished(example.job?.id ?? "");
      expect(job).toMatchObject({
        status: "done",
        result: { evaluated: counts[example.object], skipped: [] },
      });
    }
    // Every seeded contact and company got a value and a threshold.
    for (const [object, property] of [
      ["contacts", "ls_contact_lead"],
      ["companies", "ls_company_engagement"],
    ] as const) {
      const records = await listRecords(started, object, [property, `${property}_threshold`]);
      expect(records).toHaveLength(counts[object] as number);
      for (const { properties } of records) {
        expect(Number.isFinite(Number(properties[property] ?? "x"))).toBe(true);
        expect(properties[`${property}_threshold`]).toMatch(/^([ABC][123]|high|medium|low)$/);
      }
    }
    // Paced under HubSpot's limit: the sandbox never had to answer 429.
    const stats = await started.sandbox.call<Stats>("GET", "/__sandbox/stats");
    expect(stats.statuses["429"] ?? 0).toBe(0);
    expect(stats.total).toBeGreaterThan(0);
  });

  it("reuses DATA_DIR on a second start: no reinstall, no second copy of the examples", async () => {
    const first = app as E2eApp;
    const before = await first.api("GET", "/scores");
    await first.close({ keep: true });
    app = await startE2eApp({ dataDir: first.dataDir, exampleScores: loadExampleScores() });
    expect(app.running.installed).toBe("already");
    expect(app.running.examples).toEqual([]);
    const after = await app.api("GET", "/scores");
    expect(after.body).toEqual(before.body);
    expect(after.body.scores.map((s: { definition: { id: string } }) => s.definition.id).sort()).toEqual([
      "company-engagement",
      "contact-lead",
    ]);
  });
});

/** Every record of a type with the given properties, through the CRM API, 100 a page. */
async function listRecords(app: E2eApp, object: string, properties: string[]) {
  const { accessToken } = await app.sandbox.call<{ accessToken: string }>("POST", "/__sandbox/tokens", {});
  const records: { id: string; properties: Record<string, string | null> }[] = [];
  let after = "";
  do {
    const url = `${app.running.sandboxUrl}/crm/v3/objects/${object}?limit=100&properties=${properties.join(",")}${after}`;
    const page = (await (
      await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as {
      results: { id: string; properties: Record<string, string | null> }[];
      paging?: { next?: { after: string } };
    };
    records.push(...page.results);
    after = page.paging?.next ? `&after=${page.paging.next.after}` : "";
  } while (after);
  return records;
}
