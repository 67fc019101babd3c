import { errorCode, StartupError } from "./startup-error.js";

/**
 * The one line printed when start-up fails: a StartupError's own message, else what failed and a
 * pointer to LOG_LEVEL=debug for the stack. The stack itself only at debug (README §Configuration).
 */
export function explainStartupFailure(error: unknown, options: { dataDir: string; debug: boolean }): string {
  const line =
    error instanceof StartupError
      ? error.message
      : describeUnexpected(error, options.dataDir) + (options.debug ? "" : " (LOG_LEVEL=debug shows where)");
  if (!options.debug) return `${line}\n`;
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error ? `\ncaused by: ${error.cause.stack}` : "";
  return `${line}\n${stack}${cause}\n`;
}

function describeUnexpected(error: unknown, dataDir: string): string {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  const code = errorCode(error);
  if (code?.startsWith("SQLITE_"))
    return `a SQLite file in DATA_DIR ${dataDir} is damaged (${code}: ${message}): move the file away or set DATA_DIR to another directory`;
  return `lead-score could not start: ${message}`;
}
