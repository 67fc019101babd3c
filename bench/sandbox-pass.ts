import { fileURLToPath } from "node:url";
import { Keyv } from "keyv";
import { pino } from "pino";
import { createLocalRecordLocks } from "../src/adapters/coordination/local-record-locks.js";
import { createHubSpotCrmClient } from "../src/adapters/hubspot-client/create-hubspot-crm-client.js";
import { openSqliteDueIndex } from "../src/adapters/queue/sqlite-due-index.js";
import { createKeyvRecordStore } from "../src/adapters/stores/keyv-record-store.js";
import { provisionProperties } from "../src/app/provision-properties.js";
import { rescore } from "../src/app/rescore/rescore.js";
import { scorePropertySpec } from "../src/app/score-property-spec.js";
import { createSandboxServer } from "../src/sandbox/create-sandbox-server.js";
import { allSandboxScopes } from "../src/sandbox/object-scopes.js";
import { parseDefinition } from "../src/scoring/index.js";
import { benchDefinition } from "./bench-definition.js";

// docs/decisions.md §Benchmarks: a full snapshot-and-write pass over a 10,000-contact sandbox portal with 10
// engagements each, at HubSpot's real rate limit (110 per rolling 10 s, the app pacing itself at
// its default 100): the rescore job's own path (listRecordIds pages → rescore, i.e.
// loadSnapshots + evaluate + writeScores) through the app's CRM client. Goals: ≤ 0.15 API calls
// per contact (one call per record and source would be ≥ 4) and no 429. Real time, not a test.

export type SandboxPassOptions = {
  contacts?: number;
  engagementsPerContact?: number;
  /** The sandbox's limit; HubSpot's is 110 (docs/hubspot.md §Rate limits and batching). */
  ratePer10s?: number;
  /** The app's pace: HUBSPOT_RATE_LIMIT_PER_10S, default 100. */
  clientRatePer10s?: number;
  /**
   * Ids per rescore call: 100 is the rescore job's page today; 1,000 shows what reading
   * associations at their batch size (1,000 ids a call, docs/hubspot.md §Rate limits and batching) would save.
   */
  idsPerPass?: number;
  log?: (line: string) => void;
};

export type SandboxPassReport = {
  contacts: number;
  idsPerPass: number;
  engagements: number;
  calls: number;
  callsPerContact: number;
  wallSeconds: number;
  served429: number;
  updatedRecords: number;
  seedSeconds: number;
  callsByEndpoint: Record<string, number>;
};

export async function runSandboxPassBench(options: SandboxPassOptions = {}): Promise<SandboxPassReport> {
  const contacts = options.contacts ?? 10_000;
  const engagementsPerContact = options.engagementsPerContact ?? 10;
  const idsPerPass = options.idsPerPass ?? 100;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const sizes = {
    companies: Math.ceil(contacts / 10),
    contacts,
    deals: 0,
    months: 6,
    maxEngagementsPerContact: 0,
  };
  const sandbox = createSandboxServer({
    dataDir: ":memory:",
    seed: "demo",
    seedSizes: { ...sizes, engagementsPerContact },
    ratePer10s: options.ratePer10s ?? 110,
  });
  const seedSeconds = sandbox.seedReport.elapsedMs / 1000;
  const listening = await sandbox.listen(0);
  // The job's path indexes each record's next change; an in-memory index keeps the pass free of disk.
  const dueIndex = openSqliteDueIndex({ file: ":memory:" });
  try {
    const { portal } = sandbox;
    const token = portal.tokens.issue(portal.app.clientId, [...allSandboxScopes], portal.clock.nowMs());
    const logger = pino({ level: "warn" });
    const crm = createHubSpotCrmClient({
      portalId: String(portal.portalId),
      accessToken: async () => token.accessToken,
      baseUrl: listening.url,
      ratePer10s: options.clientRatePer10s ?? 100,
      logger,
    });
    const definition = parseDefinition(benchDefinition);
    await provisionProperties(crm, "contacts", [scorePropertySpec(definition)]);
    // Measure the pass alone: provisioning is once per install, not per pass.
    sandbox.stats.reset(portal.clock.nowMs());
    const deps = {
      crmFor: () => crm,
      records: createKeyvRecordStore(new Keyv()),
      logger,
      now: () => portal.clock.nowMs(),
      dueIndex,
      recordLocks: createLocalRecordLocks(),
    };
    const started = performance.now();
    let cursor: string | null = null;
    let updatedRecords = 0;
    do {
      const ids: string[] = [];
      do {
        const page = await crm.listRecordIds("contacts", cursor);
        ids.push(...page.ids);
        cursor = page.after;
      } while (cursor !== null && ids.length < idsPerPass);
      const outcome = await rescore(deps, {
        portalId: portal.portalId,
        object: "contacts",
        ids,
        definitions: [definition],
        cause: "enable",
        busy: "wait",
        due: "lower",
      });
      updatedRecords += outcome.updated;
    } while (cursor !== null);
    const wallSeconds = (performance.now() - started) / 1000;
    const stats = sandbox.stats.snapshot();
    const report: SandboxPassReport = {
      contacts,
      idsPerPass,
      engagements:
        portal.records.count("meetings") +
        portal.records.count("calls") +
        portal.records.count("emails") +
        portal.records.count("notes") +
        portal.records.count("tasks"),
      calls: stats.total,
      callsPerContact: stats.total / contacts,
      wallSeconds,
      served429: Object.values(stats.rateLimited).reduce((sum, n) => sum + n, 0),
      updatedRecords,
      seedSeconds,
      callsByEndpoint: stats.calls,
    };
    for (const line of formatSandboxPassReport(report)) log(line);
    return report;
  } finally {
    await dueIndex.close();
    await listening.close();
    sandbox.close();
  }
}

export function formatSandboxPassReport(r: SandboxPassReport): string[] {
  const n = (value: number, digits = 0) =>
    value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return [
    `sandbox pass: ${n(r.contacts)} contacts, ${n(r.engagements)} engagements (seeded in ${n(r.seedSeconds, 1)} s), ${n(r.idsPerPass)} ids per loadSnapshots + writeScores`,
    `  API calls          ${n(r.calls)} = ${n(r.callsPerContact, 3)} per contact  ${r.callsPerContact <= 0.15 ? "goal ≤ 0.15: met" : "goal ≤ 0.15: MISSED"}`,
    `  wall time          ${n(r.wallSeconds, 1)} s (${n(r.calls / r.wallSeconds, 1)} calls/s, ${n(r.contacts / r.wallSeconds)} contacts/s)`,
    `  429s served        ${n(r.served429)}  ${r.served429 === 0 ? "goal 0: met" : "goal 0: MISSED"}`,
    `  records updated    ${n(r.updatedRecords)}`,
    ...Object.entries(r.callsByEndpoint)
      .sort(([, a], [, b]) => b - a)
      .map(([endpoint, calls]) => `    ${n(calls).padStart(6)}  ${endpoint}`),
  ];
}

// `node dist/bench/sandbox-pass.js [contacts] [idsPerPass]` runs it alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runSandboxPassBench({
    contacts: Number(process.argv[2] ?? 10_000),
    idsPerPass: Number(process.argv[3] ?? 100),
  });
}
