// The API's validation problems in the page's words (docs/decisions.md §Problems in plain words): the
// API keeps zod's terse message and the field path ("groups[1].rules[0].points: expected a number");
// the page says "Group 2, rule 1, Points: Enter a number."

/** @type {readonly (readonly [RegExp, (...found: string[]) => string])[]} */
const SENTENCES = [
  [/^(required|must not be empty)$/, () => "Fill this in."],
  [/^expected a number \(or pointsByValue\)$/, () => "Enter points, or score each value individually."],
  [/^expected a number$/, () => "Enter a number."],
  [/^expected a whole number$/, () => "Enter a whole number."],
  [/^expected a string$/, () => "Enter text."],
  [/^expected true or false$/, () => "Choose yes or no."],
  [/^expected (a|an) (array|object)$/, () => "This part has the wrong shape: fix it in the JSON view."],
  [
    /^expected ((?:"[^"]*"(?: or )?)+)$/,
    (list) => `Choose one of ${list.replace(/"/g, "").split(" or ").join(", ")}.`,
  ],
  [/^must be at least (.+)$/, (n) => `Use ${n} or more.`],
  [/^must be greater than (.+)$/, (n) => `Use more than ${n}.`],
  [/^must be at most (.+)$/, (n) => `Use ${n} or less.`],
  [/^must be less than (.+)$/, (n) => `Use less than ${n}.`],
  [/^must have at least 1 item\(s\)$/, () => "Add at least one."],
  [/^must have at least (\d+) item\(s\)$/, (n) => `Add at least ${n}.`],
  [/^must have at most (\d+) item\(s\)$/, (n) => `Keep at most ${n}.`],
  [/^unknown field$/, () => "A score definition has no such setting: remove it in the JSON view."],
  // The engine's own rules (docs/scoring.md §Score definition), where they name a JSON key.
  [
    /^must not start with "hs_"/,
    () => "HubSpot keeps names starting with hs_ for its own: start with ls_, for example.",
  ],
  [/^must not be greater than limits\.max$/, () => "Make it no more than Score at most."],
  // "Suggest a score" (suggestion-schemas.ts): the stage to reach.
  [/^must be another stage than from$/, () => "Choose a stage other than From stage."],
  [/^give either points or pointsByValue, not both$/, () => "Give points, or points by value, not both."],
  [/^cannot be used with frequency$/, () => "Points by value cannot go with a frequency."],
  [/^must be \[low, high\]$/, () => "Give the lower number first."],
  [/^is not one of the rule's values$/, () => "This value is not among the rule's values."],
  [/^has no points for the value "(.*)"$/, (value) => `Give points for “${value}”.`],
  [/^must be greater than or equal to medium$/, () => "Make it at least Medium from."],
  [/^combined scores use \{/, () => "A combined score has a fit part and an engagement part."],
  [/^give either high\/medium or tiers, not both$/, () => "Give levels or tiers, not both."],
  // A message that names a pattern (an older server's): what the pattern allows, in words.
  [/^must match \^\[a-z\]\[a-z0-9_\].*$/, () => "Use lowercase letters, digits and _; start with a letter."],
  [/^must match .*$/, () => "Use only the characters this field allows."],
];

/**
 * A problem's message as a sentence: the known terse ones rewritten, any other capitalised with a full stop.
 * @param {string} message
 */
export function plainMessage(message) {
  for (const [pattern, sentence] of SENTENCES) {
    const found = pattern.exec(message);
    if (found) return sentence(...found.slice(1));
  }
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// The form's labels for the fields a path can end in, most specific first.
/** @type {Record<string, string>} */
const FIELD_LABELS = {
  "property.name": "Property name",
  "property.label": "Property label",
  "property.description": "Description",
  "limits.min": "Score at least",
  "limits.max": "Score at most",
  "decay.percent": "Decay percent",
  "decay.everyDays": "Decay days",
  "within.amount": "Timeframe amount",
  pointsByValue: "Points by value",
  cap: "Cap",
  event: "Event type",
  id: "Id",
  records: "Scope",
  high: "high from",
  medium: "medium from",
};

/** @type {Record<string, string>} */
const PARTS = {
  groups: "Group",
  rules: "rule",
  where: "condition",
  tiers: "tier",
  include: "Include list",
  exclude: "Exclude list",
};

/** "a" → "A". */
const capitalised = (/** @type {string} */ text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Where a path points, as the form names it: "groups[1].rules[0].points" → "Group 2, rule 1, Points";
 * "" for the whole definition.
 * @param {string} path
 */
export function placeOf(path) {
  const keys = path.match(/[^.[\]]+/g) ?? [];
  /** @type {string[]} */
  const place = [];
  /** @type {string[]} */
  let field = [];
  for (let i = 0; i < keys.length; i++) {
    const key = /** @type {string} */ (keys[i]);
    const next = keys[i + 1];
    const part = PARTS[key];
    if (part && next !== undefined && /^\d+$/.test(next)) {
      place.push(`${part} ${Number(next) + 1}`);
      field = [];
      i++;
    } else if (next !== undefined && FIELD_LABELS[`${key}.${next}`]) {
      field.push(FIELD_LABELS[`${key}.${next}`] ?? "");
      i++;
    } else if (keys[i - 1] === "pointsByValue") {
      field = [`Points for “${key}”`];
    } else {
      field.push(FIELD_LABELS[key] ?? key);
    }
  }
  if (field.length > 0) place.push(capitalised(field.join(" ")));
  return place.join(", ");
}

/**
 * The line listed above the form for a problem: where, then what to do.
 * @param {import("./types.js").FieldProblem} problem
 */
export function problemSentence(problem) {
  const place = placeOf(problem.path);
  return place ? `${place}: ${plainMessage(problem.message)}` : plainMessage(problem.message);
}
