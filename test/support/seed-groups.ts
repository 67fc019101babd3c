// The groups of the seed example of docs/scoring.md §Groups and limits: sales engagement limited to 60,
// marketing engagement limited to 40. One meeting, two opens and three clicks give 10 + 19 = 29.

const engagementGroup = (name: string, limit: number, rules: { event: string; points: number }[]) => ({
  name,
  kind: "engagement",
  limit,
  rules,
});

export const seedGroups = [
  engagementGroup("Engagement with sales", 60, [
    { event: "call", points: 15 },
    { event: "meeting", points: 10 },
    { event: "meeting_completed", points: 20 },
  ]),
  engagementGroup("Engagement with marketing", 40, [
    { event: "cta_click", points: 6 },
    { event: "marketing_email_open", points: 2 },
    { event: "marketing_email_click", points: 5 },
  ]),
];
