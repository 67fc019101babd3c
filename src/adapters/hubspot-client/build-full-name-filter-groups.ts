// "Test a record" by a contact's full name (docs/decisions.md §Test a record search). CRM search's full-text
// `query` matches each default searchable property on its own, so "Zoe Jensen" is in neither `firstname`
// nor `lastname` and finds nothing. Filter groups do it: groups are ORed and a group's filters ANDed
// (docs/hubspot.md §Rate limits and batching), so each way of cutting the words into a first and a last name is one group, read
// both ways round ("Jensen Zoe"). EQ compares strings in any case. Pure: the door sends what it builds.

export type NameFilter = { propertyName: "firstname" | "lastname"; operator: "EQ"; value: string };
export type NameFilterGroup = { filters: NameFilter[] };

/** HubSpot allows 5 filter groups in one search (docs/hubspot.md §Rate limits and batching). */
const MAX_GROUPS = 5;

const group = (first: string, last: string): NameFilterGroup => ({
  filters: [
    { propertyName: "firstname", operator: "EQ", value: first },
    { propertyName: "lastname", operator: "EQ", value: last },
  ],
});

/**
 * The filter groups that find a contact whose first and last names, joined by a space, are the query's
 * words (in either order); none for a single word, which `query` already finds.
 */
export function buildFullNameFilterGroups(query: string): NameFilterGroup[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return [];
  const cuts: [string, string][] = [];
  for (let at = 1; at < words.length; at += 1) {
    const before = words.slice(0, at).join(" ");
    const after = words.slice(at).join(" ");
    cuts.push([before, after], [after, before]);
  }
  // Most likely first: a one-word first name, then a one-word last name, each read as typed first.
  const ordered = [cuts[0], cuts.at(-2), cuts[1], cuts.at(-1), ...cuts.slice(2, -2)];
  const seen = new Set<string>();
  const groups: NameFilterGroup[] = [];
  for (const cut of ordered) {
    if (cut === undefined) continue;
    const key = cut.join("\u0000").toLowerCase();
    if (seen.has(key) || groups.length >= MAX_GROUPS) continue;
    seen.add(key);
    groups.push(group(cut[0], cut[1]));
  }
  return groups;
}
