import { z } from "zod";
import { formatIssues } from "../scoring/format-issues.js";
import { parseInstant, type RecordSnapshot, SnapshotError } from "../scoring/index.js";
import { parseSnapshotFast } from "../scoring/parse-snapshot-fast.js";
import type { Outcome } from "../suggest/index.js";
import { CliError, fileError, problemLines } from "./cli-error.js";
import { openRecordsFile } from "./open-records-file.js";
import { readJsonl } from "./read-jsonl.js";

// `lead-score suggest`'s inputs (docs/scoring.md §Offline CLI): snapshots and outcomes, every line checked.
// A suggestion from part of the data would mislead, so any bad line refuses the whole run (exit 1),
// after every bad line has been reported as `file:LINE: path: problem`.

const outcomeSchema = z.strictObject({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  converted: z.boolean(),
  at: z
    .union([z.string(), z.number()])
    .refine((v) => !Number.isNaN(parseInstant(v)), "expected a date (ISO 8601 or epoch milliseconds)"),
});

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
    const parsed = outcomeSchema.safeParse(json, { reportInput: true });
    if (parsed.success) {
      const { id, converted, at } = parsed.data;
      return { value: { id, converted, atMs: parseInstant(at) } };
    }
    return { problems: formatIssues(parsed.error.issues) };
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
