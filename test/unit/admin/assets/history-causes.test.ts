import { describe, expect, it } from "vitest";
import { describeChange, describeReason } from "../../../../src/admin/assets/history-causes.js";

// A history entry's cause in words (docs/scoring.md §History).

describe("describeReason", () => {
  it("says what a salesperson did: a meeting logged, a job title changed", () => {
    expect(describeReason({ kind: "record", object: "meetings", change: "creation" }, "contacts")).toBe(
      "meeting logged",
    );
    expect(describeReason({ kind: "property", object: "contacts", property: "jobtitle" }, "contacts")).toBe(
      "job title changed",
    );
  });

  it("names the other object when the change was not on the scored record's own kind", () => {
    expect(describeReason({ kind: "property", object: "contacts", property: "jobtitle" }, "companies")).toBe(
      "contact job title changed",
    );
    expect(describeReason({ kind: "property", object: "deals", property: "hs_custom_x" }, "contacts")).toBe(
      "deal hs_custom_x changed",
    );
    expect(describeReason({ kind: "association", from: "contacts", to: "companies" }, "contacts")).toBe(
      "contact ↔ company association changed",
    );
  });

  it("tells deletions, merges, erasures and who reset apart", () => {
    expect(describeReason({ kind: "record", object: "contacts", change: "merge" }, "contacts")).toBe(
      "contact merged",
    );
    expect(
      describeReason({ kind: "record", object: "contacts", change: "privacyDeletion" }, "contacts"),
    ).toBe("contact erased (privacy request)");
    expect(describeReason({ kind: "record", object: "calls", change: "deletion" }, "contacts")).toBe(
      "call deleted",
    );
    expect(describeReason({ kind: "reset", by: "workflow" }, "contacts")).toBe("reset by workflow");
    expect(describeReason({ kind: "reset", by: "admin" }, "contacts")).toBe("reset from the admin page");
  });
});

describe("describeChange", () => {
  it("joins an entry's reasons, each once", () => {
    const reasons = [
      { kind: "record", object: "meetings", change: "creation" },
      { kind: "property", object: "contacts", property: "jobtitle" },
      { kind: "record", object: "meetings", change: "creation" },
    ] as const;
    expect(describeChange({ cause: "webhook", reasons: [...reasons] }, "contacts")).toBe(
      "meeting logged, job title changed",
    );
  });

  it("says an old entry's cause in words, as it has no reasons", () => {
    expect(describeChange({ cause: "decay" }, "contacts")).toBe("decay step or time window");
    expect(describeChange({ cause: "enable" }, "contacts")).toBe("score enabled");
    expect(describeChange({ cause: "scope" }, "contacts")).toBe("list membership changed");
    expect(describeChange({ cause: "webhook", reasons: [] }, "contacts")).toBe("change in HubSpot");
  });
});
