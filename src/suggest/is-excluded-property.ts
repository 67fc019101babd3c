// Record properties a suggested fit score never reads (docs/scoring.md §Suggested scores, "What is left
// out"): the label itself and what moves with it, lead-score's own and HubSpot's scores, and ids.

const excludedNames = new Set([
  "lifecyclestage",
  "hs_lead_status",
  "hs_object_id",
  "hs_object_source_id",
  "hs_unique_creation_key",
  "email",
  "hs_email_domain",
  "firstname",
  "lastname",
  "name",
  "phone",
  "mobilephone",
  "fax",
  "address",
  "website",
  "domain",
]);

const excludedPatterns = [
  // Lifecycle stage history: when the record entered or left each stage is the label itself.
  /^hs_v2_/,
  /^hs_lifecyclestage_/,
  /^hs_date_(entered|exited)_/,
  /^hs_time_in_/,
  // Scores (lead-score's `ls_` properties, HubSpot's own scores) summarise the behaviour being predicted.
  /^ls_/,
  /score/,
  /_threshold$/,
  // Ids and record references identify records rather than describe them.
  /(^|_)id$/,
  /_ids$/,
];

/**
 * Whether a property is left out of a suggestion. `siblings` are the other property names seen, so a
 * combined score's parts (`name_engagement`, `name_fit` beside `name_threshold`) are recognised.
 */
export function isExcludedProperty(name: string, siblings: ReadonlySet<string>): boolean {
  if (excludedNames.has(name) || excludedPatterns.some((pattern) => pattern.test(name))) return true;
  if (siblings.has(`${name}_threshold`)) return true;
  const part = /^(.+)_(engagement|fit)$/.exec(name);
  return part !== null && siblings.has(`${part[1]}_threshold`);
}
