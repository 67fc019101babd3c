import { describe, expect, it } from "vitest";
import { pickSuggestionProperties } from "../../../../src/app/suggest/pick-suggestion-properties.js";
import type { CrmPortalProperty } from "../../../../src/ports/crm-client.js";

const property = (overrides: Partial<CrmPortalProperty>): CrmPortalProperty => ({
  name: "industry",
  label: "Industry",
  type: "enumeration",
  fieldType: "select",
  groupName: "companyinformation",
  description: "",
  options: [],
  hidden: false,
  readOnly: false,
  calculated: false,
  ...overrides,
});

describe("pickSuggestionProperties", () => {
  it("keeps what people set, by kind, with labels and visible options", () => {
    const picked = pickSuggestionProperties([
      property({
        options: [
          { label: "Software", value: "COMPUTER_SOFTWARE", displayOrder: 0, hidden: false },
          { label: "Old", value: "OLD", displayOrder: 1, hidden: true },
        ],
      }),
      property({ name: "numberofemployees", label: "Employees", type: "number", fieldType: "number" }),
      property({ name: "jobtitle", label: "Job Title", type: "string", fieldType: "text" }),
      property({ name: "is_partner", label: "Partner", type: "bool", fieldType: "booleancheckbox" }),
    ]);
    expect(picked).toEqual({
      industry: {
        kind: "enumeration",
        label: "Industry",
        options: [{ value: "COMPUTER_SOFTWARE", label: "Software" }],
      },
      numberofemployees: { kind: "number", label: "Employees" },
      jobtitle: { kind: "text", label: "Job Title" },
      is_partner: { kind: "bool", label: "Partner" },
    });
  });

  it("leaves out calculated, read-only, hidden, hs_ internals, dates, free text, lead-score's own and the label", () => {
    const picked = pickSuggestionProperties([
      property({ name: "num_visits", calculated: true }),
      property({ name: "first_touch", readOnly: true }),
      property({ name: "secret", hidden: true }),
      property({ name: "hs_lead_status" }),
      property({ name: "closedate", type: "datetime", fieldType: "date" }),
      property({ name: "notes_blob", type: "string", fieldType: "textarea" }),
      property({ name: "ls_contact_lead", type: "number", fieldType: "number", groupName: "lead_score" }),
      property({ name: "lifecyclestage" }),
      property({ name: "email", type: "string", fieldType: "text" }),
    ]);
    expect(picked).toEqual({});
  });
});
