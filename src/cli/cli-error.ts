import type { FieldProblem } from "../scoring/index.js";

/**
 * A failure the CLI reports as lines on stderr, then exits with `exitCode`
 * (docs/scoring.md §Offline CLI: 1 when the definition or a file is unusable).
 */
export class CliError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode = 1,
  ) {
    super(lines.join("\n"));
    this.name = "CliError";
  }
}

/** `prefix: path: message` per problem (`prefix: message` when the problem is the whole value). */
export const problemLines = (prefix: string, problems: readonly FieldProblem[]): string[] =>
  problems.map((p) => (p.path ? `${prefix}: ${p.path}: ${p.message}` : `${prefix}: ${p.message}`));

/** A file the CLI could not open or read, named as the user wrote it. */
export function fileError(path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return new CliError([`${path}: file not found`]);
  if (code === "EISDIR") return new CliError([`${path}: is a directory, expected a file`]);
  if (code === "EACCES") return new CliError([`${path}: permission denied`]);
  return new CliError([`${path}: cannot read: ${error instanceof Error ? error.message : String(error)}`]);
}
