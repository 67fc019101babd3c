import { describe, expect, it } from "vitest";
import {
  type ConversionSignals,
  conversionLogit,
  conversionProbability,
  conversionWindowMs,
  engagementSignals,
  FROM_STAGE,
  fitSignals,
  noiseSignals,
  signalWindowMs,
  TO_STAGE,
  trueCoefficients,
} from "../../../src/sandbox/conversion-process.js";
import { createSandboxServer } from "../../../src/sandbox/create-sandbox-server.js";

// The seeds' known conversion process (docs/decisions.md §Sandbox conversion process): its coefficients,
// and the lifecycle it writes, the same on every run.

const at = Date.parse("2026-11-02T09:00:00.000Z");
const none: ConversionSignals = {
  seniorTitle: 0,
  targetIndustry: 0,
  largeCompany: 0,
  demoRequests: 0,
  pricingPageViews: 0,
  completedMeetings: 0,
  emailClicks: 0,
  careersPageViews: 0,
  newsletterSignups: 0,
};

describe("the conversion process's coefficients", () => {
  it("weighs every fit and engagement signal up and the noise signals not at all", () => {
    for (const name of [...fitSignals, ...engagementSignals])
      expect(trueCoefficients[name]).toBeGreaterThan(0);
    for (const name of noiseSignals) expect(name in trueCoefficients).toBe(false);
    expect(conversionLogit({ ...none, careersPageViews: 5, newsletterSignups: 3 })).toBe(
      trueCoefficients.intercept,
    );
  });

  it("adds each signal's coefficient per unit to the log-odds", () => {
    const logit = conversionLogit({ ...none, seniorTitle: 1, demoRequests: 2, pricingPageViews: 3 });
    expect(logit).toBeCloseTo(-3.1 + 1.1 + 2 * 1.3 + 3 * 0.4, 12);
    expect(conversionProbability(none)).toBeCloseTo(1 / (1 + Math.exp(3.1)), 12);
    expect(conversionProbability({ ...none, completedMeetings: 1 })).toBeGreaterThan(
      conversionProbability(none),
    );
  });
});

describe("the lifecycle the small seed gets from the process", () => {
  const open = () => createSandboxServer({ dataDir: ":memory:", seed: "small", now: () => at });
  const dated = (properties: Record<string, string>, stage: string, edge = "entered") => {
    const value = properties[`hs_v2_date_${edge}_${stage}`];
    return value === undefined ? undefined : Date.parse(value);
  };

  it("is the same on every run, property history included", () => {
    const [a, b] = [open(), open()];
    try {
      const history = (s: typeof a) =>
        s.portal.db.prepare("SELECT * FROM property_history ORDER BY seq").all();
      expect(history(a)).toEqual(history(b));
      expect(history(a).length).toBeGreaterThan(0);
      expect(a.portal.records.page("contacts", 0, 1_000)).toEqual(
        b.portal.records.page("contacts", 0, 1_000),
      );
    } finally {
      a.close();
      b.close();
    }
  });

  it("plants the nurture emails' events, which only qualifying contacts get, in the 30 days before T", () => {
    const s = open();
    try {
      const events = s.portal.db
        .prepare(
          `SELECT e.recipient AS recipient, e.type AS type, e.created AS created FROM email_events e
           JOIN email_campaigns c ON c.id = e.campaign_id WHERE c.name LIKE 'Nurture:%'`,
        )
        .all() as { recipient: string; type: string; created: number }[];
      const decisionOf = new Map(
        s.portal.records
          .page("contacts", 0, 1_000)
          .map((c) => [c.properties.email?.toLowerCase(), dated(c.properties, FROM_STAGE)]),
      );
      expect(events.filter((e) => e.type === "CLICK").length).toBeGreaterThan(25);
      for (const event of events) {
        const decisionAtMs = decisionOf.get(event.recipient) ?? Number.NaN;
        expect(event.created).toBeLessThan(decisionAtMs);
        expect(event.created).toBeGreaterThanOrEqual(decisionAtMs - signalWindowMs);
      }
    } finally {
      s.close();
    }
  });

  it("walks each contact forward in time: lead, MQL at T, SQL within 30 days or after them, exits where stages were left", () => {
    const s = open();
    try {
      let within = 0;
      let later = 0;
      for (const { properties, createdAtMs } of s.portal.records.page("contacts", 0, 1_000)) {
        const mql = dated(properties, FROM_STAGE);
        const sql = dated(properties, TO_STAGE);
        if (mql === undefined) {
          expect(["subscriber", "lead", "other"]).toContain(properties.lifecyclestage);
          expect(sql).toBeUndefined();
          continue;
        }
        expect(dated(properties, "lead")).toBe(createdAtMs);
        expect(dated(properties, "lead", "exited")).toBe(mql);
        expect(mql).toBeGreaterThan(createdAtMs);
        expect(mql).toBeLessThan(at);
        if (sql === undefined) continue;
        expect(dated(properties, FROM_STAGE, "exited")).toBe(sql);
        if (sql - mql <= conversionWindowMs) within++;
        else later++;
        for (const [stage, before] of [
          ["opportunity", sql],
          ["customer", dated(properties, "opportunity")],
        ] as const) {
          const enteredAt = dated(properties, stage);
          if (enteredAt !== undefined) expect(enteredAt).toBeGreaterThan(before ?? Number.POSITIVE_INFINITY);
        }
      }
      expect(within).toBeGreaterThan(25);
      expect(later).toBeGreaterThan(0);
    } finally {
      s.close();
    }
  });
});
