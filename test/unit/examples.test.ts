import { describe, expect, it } from "vitest";
import { loadExampleScores } from "../../src/sandbox-mode/load-example-scores.js";
import { findPortalConflicts, parseDefinition } from "../../src/scoring/index.js";
import { daysAgo, event, record, score } from "../support/scoring-builders.js";

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
    expect(score(contact, cto)).toMatchObject({ score: 65, fit: 50, engagement: 15, threshold: "A2" });
    const monthLater = record({ ...cto, events: [completed(40)] });
    expect(score(contact, monthLater)).toMatchObject({ engagement: 7.5, threshold: "A3" });
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
