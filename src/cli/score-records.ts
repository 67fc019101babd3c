import type { Readable } from "node:stream";
import { type CompiledScore, evaluateRecord, type ScoreResult, SnapshotError } from "../scoring/index.js";
import { parseSnapshotFast } from "../scoring/parse-snapshot-fast.js";
import { fileError, problemLines } from "./cli-error.js";
import { readJsonl } from "./read-jsonl.js";

export type ScoreRecordsOptions = {
  score: CompiledScore;
  nowMs: number;
  explain: boolean;
  /** Stop at the first bad line (`--strict`). */
  strict: boolean;
  /** The records file as the user named it, for `file:line: path: problem` reports. */
  recordsPath: string;
  /** Each good record's result, in input order. */
  onResult(result: ScoreResult): void;
  /** Called between input chunks: awaiting it lets a slow output hold back reading. */
  onBatch(bytesRead: number): Promise<void>;
  /** One line of a bad-record report. */
  report(line: string): void;
};

/** Scores every record of a JSON Lines stream; returns how many lines were bad (docs/scoring.md §Offline CLI). */
export async function scoreRecords(input: Readable, o: ScoreRecordsOptions): Promise<{ badLines: number }> {
  try {
    return await scoreLines(input, o);
  } catch (error) {
    // A disk failing mid-file makes the file unusable (exit 1), like one that cannot be opened.
    if ((error as NodeJS.ErrnoException).syscall === "read") throw fileError(o.recordsPath, error);
    throw error;
  }
}

async function scoreLines(input: Readable, o: ScoreRecordsOptions): Promise<{ badLines: number }> {
  let badLines = 0;
  for await (const { lines, bytesRead } of readJsonl(input)) {
    for (const { lineNumber, text } of lines) {
      const problems = scoreLine(text, o);
      if (problems === undefined) continue;
      badLines += 1;
      for (const line of problemLines(`${o.recordsPath}:${lineNumber}`, problems)) o.report(line);
      if (o.strict) {
        input.destroy();
        return { badLines };
      }
    }
    await o.onBatch(bytesRead);
  }
  return { badLines };
}

// One record: its result goes to onResult; a bad line gives its problems instead.
function scoreLine(text: string, o: ScoreRecordsOptions): { path: string; message: string }[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [{ path: "", message: `invalid JSON: ${(error as Error).message}` }];
  }
  try {
    // A record of another object is a bad line too: evaluateRecord reports it at path "object".
    o.onResult(evaluateRecord(o.score, parseSnapshotFast(json), o.nowMs, { explain: o.explain }));
    return undefined;
  } catch (error) {
    if (error instanceof SnapshotError) return error.problems;
    throw error;
  }
}
