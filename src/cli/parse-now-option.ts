import { parseInstant } from "../scoring/index.js";
import { CliError } from "./cli-error.js";

/**
 * `--now` in epoch ms: the instant the scores are computed at. Absent, the current time: the CLI
 * edge may read the clock, the engine never does (docs/architecture.md §Layers).
 */
export function parseNowOption(text: string | undefined, clockMs: () => number): number {
  if (text === undefined) return clockMs();
  const ms = parseInstant(text);
  if (Number.isNaN(ms)) {
    throw new CliError([
      `--now: expected an ISO 8601 instant or epoch milliseconds, got ${JSON.stringify(text)}`,
    ]);
  }
  return ms;
}
