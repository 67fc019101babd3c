import { type RecordSnapshot, SnapshotError } from "../scoring/index.js";
import { parseSnapshotFast } from "../scoring/parse-snapshot-fast.js";
import { type Outcome, parseOutcome } from "../suggest/index.js";
import { CliError, fileError, problemLines } from "./cli-error.js";
import { openRecordsFile } from "./open-records-file.js";
import { readJsonl } from "./read-jsonl.js";

// `lead-score suggest`'s inputs (docs/scoring.md §Offline CLI): snapshots and outcomes, every line checked.
// A suggestion from part of the data would mislead, so any bad line refuses the whole run (exit 1),
// after every bad line has been reported as `file:LINE: path: problem`.

type Problem = { path: string; message: string };

export async function readSnapshotsFile(path: string): Promise<RecordSnapshot[]> {
  return readLines<RecordSnapshot>(path, (json) => {
    try {
      return { value: parseSnapshotFast(json) };
    } catch (error) {
      if (error instanceof SnapshotError) return { problems: error.problems };
      throw error;
    }
  });
}

export async function readOutcomesFile(path: string): Promise<Outcome[]> {
  return readLines<Outcome>(path, (json) => {
    const parsed = parseOutcome(json);
    return "outcome" in parsed ? { value: parsed.outcome } : parsed;
  });
}

async function readLines<T>(path: string, parse: (json: unknown) => { value: T } | { problems: Problem[] }) {
  const { stream } = await openRecordsFile(path);
  const values: T[] = [];
  const report: string[] = [];
  try {
    for await (const { lines } of readJsonl(stream)) {
      for (const { lineNumber, text } of lines) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (error) {
          report.push(`${path}:${lineNumber}: invalid JSON: ${(error as Error).message}`);
          continue;
        }
        const parsed = parse(json);
        if ("value" in parsed) values.push(parsed.value);
        else report.push(...problemLines(`${path}:${lineNumber}`, parsed.problems));
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).syscall === "read") throw fileError(path, error);
    throw error;
  }
  if (report.length > 0) throw new CliError(report);
  return values;
}
