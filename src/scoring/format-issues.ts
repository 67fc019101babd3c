import type { z } from "zod";

export type FieldProblem = { path: string; message: string };

/** `groups[1].rules[0].points` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

const article: Record<string, string> = {
  number: "a number",
  string: "a string",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  record: "an object",
  tuple: "an array",
  int: "a whole number",
};

// Messages in the product's words: "expected a number", "required", "unknown field".
function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required";
      return `expected ${article[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      if (issue.input === undefined) return "required";
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
    case "too_small":
      if (issue.origin === "array") return `must have at least ${issue.minimum} item(s)`;
      if (issue.origin === "string") return "must not be empty";
      return `must be ${issue.inclusive ? "at least" : "greater than"} ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "array") return `must have at most ${issue.maximum} item(s)`;
      return `must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    default:
      return issue.message;
  }
}

/** Every zod issue as `{path, message}`; unknown keys each get their own line. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push({ path: formatPath([...issue.path, key]), message: "unknown field" });
    } else if (issue.code === "invalid_union") {
      const alternative = plausibleAlternative(issue);
      if (alternative) {
        const nested = alternative.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
        out.push(...formatIssues(nested as z.core.$ZodIssue[]));
      } else {
        const message = issue.message === "Invalid input" ? unionMessage(issue) : issue.message;
        out.push({ path: formatPath(issue.path), message: issue.input === undefined ? "required" : message });
      }
    } else {
      out.push({ path: formatPath(issue.path), message: describe(issue) });
    }
  }
  return out;
}

// Of a union of object shapes ({"within"} | {"before"} ...), the one alternative whose keys the
// input used: its own problems say more than "expected one of".
function plausibleAlternative(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const candidates = issue.errors.filter(
    (alt) =>
      !alt.some((i) => i.path.length === 0 && (i.code === "unrecognized_keys" || i.code === "invalid_type")),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

// A plain union (string | number) failing: name what the alternatives expected.
function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  if (issue.input === undefined) return "required";
  const expected = issue.errors.flatMap((alt) =>
    alt
      .filter((i) => i.code === "invalid_type" && i.path.length === 0)
      .map((i) => (i as { expected: string }).expected),
  );
  if (expected.length === 0) return "invalid value";
  return `expected ${[...new Set(expected)].map((e) => article[e] ?? e).join(" or ")}`;
}

/** One line per problem: `path: message`, or just the message when the path is empty. */
export function renderProblems(problems: readonly FieldProblem[]): string[] {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}
