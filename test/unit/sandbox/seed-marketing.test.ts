import { describe, expect, it } from "vitest";
import { computeContactRollups } from "../../../src/sandbox/compute-contact-rollups.js";
import { createSandboxServer } from "../../../src/sandbox/create-sandbox-server.js";

// The seeds' marketing and web past (src/sandbox/generate-marketing-data.ts): deterministic, within
// the seed's months, and every contact's roll-ups what its events say.

const at = Date.parse("2026-11-02T09:00:00.000Z");
const DAY = 86_400_000;
const open = () => createSandboxServer({ dataDir: ":memory:", seed: "small", now: () => at });
const rows = (s: ReturnType<typeof open>, sql: string) => s.portal.db.prepare(sql).all();

describe("the small seed's marketing and web sources", () => {
  it("is the same every time: campaigns, email events, forms, submissions, web events, tickets", () => {
    const [a, b] = [open(), open()];
    try {
      for (const table of ["email_campaigns", "email_events", "forms", "form_submissions", "web_events"])
        expect(rows(a, `SELECT * FROM ${table} ORDER BY rowid`)).toEqual(
          rows(b, `SELECT * FROM ${table} ORDER BY rowid`),
        );
      expect(a.portal.records.page("tickets", 0, 100)).toEqual(b.portal.records.page("tickets", 0, 100));
      expect(a.portal.records.page("contacts", 0, 100)).toEqual(b.portal.records.page("contacts", 0, 100));
    } finally {
      a.close();
      b.close();
    }
  });

  it("holds every kind of event over the seed's three months, none after now", () => {
    const s = open();
    try {
      // Two a month, and the conversion process's monthly nurture email over its year (plant-conversions.ts).
      const campaigns = s.portal.emailEvents.campaigns();
      expect(campaigns.filter((c) => !c.name.startsWith("Nurture:"))).toHaveLength(6);
      expect(campaigns.filter((c) => c.name.startsWith("Nurture:"))).toHaveLength(14);
      const types = rows(
        s,
        `SELECT type, COUNT(*) AS n, MIN(created) AS first, MAX(created) AS last FROM email_events e
         JOIN email_campaigns c ON c.id = e.campaign_id WHERE c.name NOT LIKE 'Nurture:%' GROUP BY type`,
      ) as {
        type: string;
        n: number;
        first: number;
        last: number;
      }[];
      expect(types.map((t) => t.type).sort()).toEqual(
        expect.arrayContaining(["BOUNCE", "CLICK", "DELIVERED", "OPEN", "SENT"]),
      );
      for (const t of types) {
        expect(t.first).toBeGreaterThanOrEqual(at - 90 * DAY);
        expect(t.last).toBeLessThanOrEqual(at);
      }
      expect(s.portal.forms.all().map((f) => f.name)).toEqual([
        "Contact us – sales",
        "Contact us – demo",
        "Newsletter signup",
        "Ebook download",
      ]);
      const webTypes = (rows(s, "SELECT DISTINCT event_type AS t FROM web_events") as { t: string }[]).map(
        (r) => r.t,
      );
      expect(webTypes).toEqual(
        expect.arrayContaining(["e_visited_page", "e_clicked_cta", "e_ad_interaction"]),
      );
      expect(s.seedReport.counts.tickets).toBeGreaterThan(0);
      for (const ticket of s.portal.records.page("tickets", 0, 100)) {
        expect(ticket.properties).toMatchObject({
          subject: expect.any(String),
          hs_pipeline_stage: expect.any(String),
        });
        expect(s.portal.associations.targets("tickets", ticket.id, "contacts", 0, 10)).toHaveLength(1);
      }
      const submission = rows(s, "SELECT field_values AS v, email FROM form_submissions LIMIT 1")[0] as {
        v: string;
        email: string;
      };
      expect(JSON.parse(submission.v)).toContainEqual({ name: "email", value: submission.email });
      expect(s.portal.changes.read(0, 10)).toEqual([]);
    } finally {
      s.close();
    }
  });

  it("gives every contact the roll-ups its events imply, and some contacts each kind", () => {
    const s = open();
    try {
      const contacts = s.portal.records.page("contacts", 0, 100);
      for (const contact of contacts) {
        const expected = computeContactRollups(s.portal, contact.id, contact.properties.email);
        for (const [name, value] of Object.entries(expected))
          expect(contact.properties[name] ?? null).toBe(value);
      }
      expect(s.portal.properties.get("contacts", "hs_email_open")).toMatchObject({
        type: "number",
        calculated: true,
        modificationMetadata: { readOnlyValue: true },
      });
      const having = (name: string) => contacts.filter((c) => Number(c.properties[name] ?? 0) > 0).length;
      for (const name of [
        "hs_email_delivered",
        "hs_email_open",
        "num_conversion_events",
        "hs_analytics_num_page_views",
      ])
        expect(having(name), name).toBeGreaterThan(0);
    } finally {
      s.close();
    }
  });
});
