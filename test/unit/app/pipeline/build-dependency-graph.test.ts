import { describe, expect, it } from "vitest";
import { buildDependencyGraph } from "../../../../src/app/pipeline/build-dependency-graph.js";
import { companyEngagement, contactLead } from "../../../fixtures/pipeline-definitions.js";

const edgesFrom = (graph: ReturnType<typeof buildDependencyGraph>, source: string) =>
  graph.edges
    .filter((e) => e.source === source)
    .map((e) => ({ hops: e.hops, properties: [...e.properties].sort() }));

describe("buildDependencyGraph", () => {
  it("reads nothing from drafts and disabled scores", () => {
    const graph = buildDependencyGraph([
      contactLead({ status: "draft" }),
      companyEngagement({ status: "disabled" }),
    ]);
    expect(graph.scored.size).toBe(0);
    expect(graph.edges).toEqual([]);
  });

  it("lists every score property this app writes, per object (combined: total, threshold, parts)", () => {
    const graph = buildDependencyGraph([contactLead(), companyEngagement()]);
    expect([...(graph.written.get("contacts") ?? [])].sort()).toEqual([
      "ls_lead",
      "ls_lead_engagement",
      "ls_lead_fit",
      "ls_lead_threshold",
    ]);
    expect([...(graph.written.get("companies") ?? [])].sort()).toEqual([
      "ls_company",
      "ls_company_threshold",
    ]);
  });

  it("has the contact's own properties, its meetings, and the reverse edge from a company property read through `of`", () => {
    const graph = buildDependencyGraph([contactLead()]);
    expect(edgesFrom(graph, "contacts")).toEqual([{ hops: [], properties: ["jobtitle"] }]);
    expect(edgesFrom(graph, "companies")).toEqual([{ hops: ["contacts"], properties: ["industry"] }]);
    const meetings = edgesFrom(graph, "meetings");
    expect(meetings).toHaveLength(1);
    expect(meetings[0]?.hops).toEqual(["contacts"]);
    expect(meetings[0]?.properties).toContain("hs_meeting_outcome");
    expect(meetings[0]?.properties).toContain("hs_meeting_end_time");
    expect(graph.sources).toEqual(new Set(["contacts", "companies", "meetings"]));
  });

  it("routes engagements of contacts to companies whose scores aggregate them: call → contacts → companies", () => {
    const graph = buildDependencyGraph([companyEngagement()]);
    expect(edgesFrom(graph, "calls").map((e) => e.hops)).toEqual([["contacts", "companies"]]);
    // association.where reads the contact's lifecyclestage: a contact property → its companies.
    expect(edgesFrom(graph, "contacts")).toEqual([{ hops: ["companies"], properties: ["lifecyclestage"] }]);
    expect(edgesFrom(graph, "meetings")).toEqual([]);
  });

  it("records the lists of scopes and inList rules, with the records a membership change reaches", () => {
    const graph = buildDependencyGraph([
      contactLead({
        records: { mode: "lists", include: ["7"], exclude: ["8"] },
        groups: [
          {
            name: "Fit",
            kind: "fit",
            rules: [
              {
                property: "lists",
                operator: "inList",
                values: ["9"],
                of: { association: "companies" },
                points: 1,
              },
            ],
          },
        ],
        type: "fit",
        thresholds: undefined,
      }),
    ]);
    expect(graph.lists).toEqual([
      { listId: "7", source: "contacts", hops: [] },
      { listId: "8", source: "contacts", hops: [] },
      { listId: "9", source: "companies", hops: ["contacts"] },
    ]);
  });
});
