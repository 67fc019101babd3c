import { describe, expect, it } from "vitest";
import { loadExampleScores } from "../../src/sandbox-mode/load-example-scores.js";
import { findPortalConflicts, parseDefinition } from "../../src/scoring/index.js";
import { daysAgo, event, nowMs, record, score } from "../support/scoring-builders.js";

// examples/*.json: the quick start's scores (docs/decisions.md §Quick start), the README's examples and CLI
// inputs.

const [company, contact] = loadExampleScores() as [Record<string, unknown>, Record<string, unknown>];
const completed = (days: number) => event("meeting", daysAgo(days), { hs_meeting_outcome: "COMPLETED" });

describe("the example scores", () => {
  it("are valid drafts with distinct ids and property names, as createScore requires", () => {
    const parsed = loadExampleScores().map((input) => parseDefinition(input));
    expect(parsed.map((d) => [d.id, d.object, d.type, d.status])).toEqual([
      ["company-engagement", "companies", "engagement", "draft"],
      ["contact-lead", "contacts", "combined", "draft"],
    ]);
    for (const d of parsed)
      expect(
        findPortalConflicts(
          d,
          parsed.filter((o) => o !== d),
        ),
      ).toEqual([]);
  });

  it("rate a CTO at a mid-sized software company with a recent meeting A2, and the meeting decays", () => {
    const cto = record({
      properties: {
        jobtitle: "CTO",
        numberofemployees: "250",
        industry: "Computer Software",
        state: "California",
        lifecyclestage: "lead",
      },
      events: [completed(10)],
    });
    expect(score(contact, cto)).toMatchObject({ score: 70, fit: 50, engagement: 20, threshold: "A2" });
    const monthLater = record({ ...cto, events: [completed(40)] });
    expect(score(contact, monthLater)).toMatchObject({ engagement: 10, threshold: "A2" });
    const twoMonthsLater = record({ ...cto, events: [completed(70)] });
    expect(score(contact, twoMonthsLater)).toMatchObject({ engagement: 0, threshold: "A3" });
  });

  it("hold the product's seed example: one booked meeting, two opens and three clicks give 10 + 19 = 29", () => {
    const booked = event("meeting", daysAgo(2), { hs_meeting_outcome: "SCHEDULED" });
    const opens = [1, 2].map((d) => event("marketing_email_open", daysAgo(d)));
    const clicks = [1, 2, 3].map((d) =>
      event("marketing_email_click", daysAgo(d), { url: "https://x.example" }),
    );
    const result = score(contact, record({ events: [booked, ...opens, ...clicks] }), nowMs, true);
    expect(result).toMatchObject({ engagement: 29, fit: 0, score: 29 });
    expect(result.groups.map((g) => [g.name, g.value])).toEqual([
      ["Sales engagement", 10],
      ["Marketing engagement", 19],
      ["Role", 0],
      ["Company and region", 0],
    ]);
  });

  it("give contact 309 what docs/scoring.md §Example 1: a contact lead score with decay says", () => {
    const at = (iso: string) => `${iso}T09:00:00Z`;
    const contact309 = record({
      id: "309",
      properties: {
        jobtitle: "VP of Sales",
        numberofemployees: "120",
        industry: "Computer Software",
        state: "Texas",
      },
      events: [
        event("meeting", at("2026-10-11"), { hs_meeting_outcome: "COMPLETED" }),
        event("meeting", at("2026-11-15"), { hs_meeting_outcome: "SCHEDULED" }),
        event("email", at("2026-09-11"), { hs_email_direction: "INCOMING_EMAIL" }),
        event("email", at("2026-09-11"), { hs_email_direction: "INCOMING_EMAIL" }),
        event("task", at("2026-11-18")),
        event("marketing_email_open", at("2026-11-02"), { campaign: "7" }),
        event("marketing_email_open", at("2026-11-02"), { campaign: "7" }),
        ...[1, 2, 3].map(() => event("marketing_email_click", at("2026-11-02"), { campaign: "7" })),
        event("form_submission", at("2026-11-05"), { form_name: "Contact us" }),
        event("cta_click", at("2026-11-10"), { cta_name: "Book a demo" }),
        event("cta_click", at("2026-11-12"), { cta_name: "Book a demo" }),
      ],
    });
    const result = score(contact, contact309, Date.parse("2026-11-20T00:00:00Z"), true);
    expect(result).toMatchObject({
      score: 100,
      engagement: 61,
      fit: 40,
      threshold: "A1",
      limitHit: true,
      nextChangeAt: "2026-12-10T09:00:00.000Z",
    });
    expect(result.groups.map((g) => [g.name, g.value])).toEqual([
      ["Sales engagement", 21],
      ["Marketing engagement", 40],
      ["Role", 20],
      ["Company and region", 20],
    ]);
    expect(result.groups[1]?.limitHit).toBe(true);
  });

  it("rate an intern at a customer low on fit, never below the score's minimum", () => {
    const intern = record({ properties: { jobtitle: "Intern", lifecyclestage: "customer" } });
    expect(score(contact, intern)).toMatchObject({ score: -20, fit: -25, threshold: "C3" });
  });

  it("sum the meetings of a company's primary contacts, decaying a quarter a month", () => {
    const contactWith = (id: string, labels: string[], days: number) => ({
      id,
      labels,
      properties: {},
      events: [completed(days)],
    });
    const acme = record({
      id: "9",
      object: "companies",
      associations: {
        contacts: [
          contactWith("1", ["Primary"], 5),
          contactWith("2", ["Primary"], 35),
          contactWith("3", [], 1),
        ],
      },
    });
    expect(score(company, acme)).toMatchObject({ score: 17.5, threshold: "low" });
  });
});
