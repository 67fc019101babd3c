import { definitionSchema, type ScoreDefinition } from "./definition-schema.js";
import { type FieldProblem, formatIssues, renderProblems } from "./format-issues.js";

/** A definition that breaks docs/scoring.md's rules; `problems` names every field path. */
export class DefinitionError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(renderProblems(problems).join("\n"));
    this.name = "DefinitionError";
  }
}

/** Every problem of a definition (empty when it is valid). */
export function findDefinitionProblems(input: unknown): FieldProblem[] {
  const parsed = definitionSchema.safeParse(input, { reportInput: true });
  return parsed.success ? [] : formatIssues(parsed.error.issues);
}

/** A valid definition with its defaults filled in, or a DefinitionError naming every problem. */
export function parseDefinition(input: unknown): ScoreDefinition {
  const parsed = definitionSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new DefinitionError(formatIssues(parsed.error.issues));
  return parsed.data;
}
