// The scores of the end-to-end run: small, with round numbers, so each step has one exact value.

const COMPLETED = [{ property: "hs_meeting_outcome", operator: "in", values: ["COMPLETED"] }];
export const lead = {
  id: "e2e-lead",
  name: "E2E lead",
  object: "contacts",
  type: "combined",
  limits: { max: 1000 },
  thresholds: { fit: { high: 20, medium: 10 }, engagement: { high: 20, medium: 10 } },
  property: { name: "ls_e2e_lead", label: "E2E lead" },
  groups: [
    {
      name: "Meetings",
      kind: "engagement",
      decay: { percent: 50, everyMonths: 1 },
      rules: [{ event: "meeting", where: COMPLETED, points: 16 }],
    },
    {
      name: "Role",
      kind: "fit",
      rules: [{ property: "jobtitle", operator: "in", values: ["CTO"], points: 20 }],
    },
  ],
};
export const fit = {
  id: "e2e-fit",
  name: "E2E fit",
  object: "contacts",
  type: "fit",
  property: { name: "ls_e2e_fit" },
  groups: [
    {
      name: "Role",
      kind: "fit",
      rules: [{ property: "jobtitle", operator: "eq", value: "CTO", points: 30 }],
    },
  ],
};
export const company = {
  id: "e2e-company",
  name: "E2E company",
  object: "companies",
  type: "engagement",
  limits: { max: 1000 },
  property: { name: "ls_e2e_company" },
  groups: [
    { name: "Meetings", kind: "engagement", rules: [{ event: "meeting", where: COMPLETED, points: 10 }] },
  ],
};
