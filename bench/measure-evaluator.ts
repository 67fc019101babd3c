import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import {
  compileScore,
  evaluateRecord,
  parseDefinition,
  parseSnapshot,
  type RecordSnapshot,
} from "../src/scoring/index.js";
import { parseSnapshotFast } from "../src/scoring/parse-snapshot-fast.js";
import { benchDefinition } from "./bench-definition.js";

// In process, no I/O in the timed parts: (a) the compiled evaluator on pre-parsed snapshots,
// (b) what parseSnapshot (zod) and the CLI's parseSnapshotFast cost per record next to JSON.parse.

export type EvaluatorFigures = {
  records: number;
  events: number;
  jsonParseUsPerRecord: number;
  parseSnapshotUsPerRecord: number;
  parseSnapshotFastUsPerRecord: number;
  evaluateSeconds: number;
  eventsPerSecond: number;
  recordsPerSecond: number;
  stringifyUsPerRecord: number;
};

const seconds = (fn: () => void) => {
  const start = performance.now();
  fn();
  return (performance.now() - start) / 1000;
};

/** The fastest of `runs` timings: the least disturbed by GC and the other core's work. */
const best = (runs: number, fn: () => void) => Math.min(...Array.from({ length: runs }, () => seconds(fn)));

export function measureEvaluator(path: string, nowMs: number, passes = 5): EvaluatorFigures {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "");
  const records = lines.length;
  // (b) as the CLI does it, one record at a time and nothing kept: a validator's cost is the time
  // it adds to a JSON.parse-only loop (keeping 50,000 parsed records would time the GC instead).
  const loop = (validate: (json: unknown) => unknown) => () => {
    for (const line of lines) validate(JSON.parse(line));
  };
  const jsonSeconds = best(
    3,
    loop((json) => json),
  );
  const zodSeconds = best(3, loop(parseSnapshot)) - jsonSeconds;
  const fastSeconds = best(3, loop(parseSnapshotFast)) - jsonSeconds;

  const snapshots: RecordSnapshot[] = lines.map((l) => parseSnapshotFast(JSON.parse(l)));
  const events = snapshots.reduce((sum, s) => sum + s.events.length, 0);
  const score = compileScore(parseDefinition(benchDefinition));
  const evaluateAll = () => {
    for (const s of snapshots) evaluateRecord(score, s, nowMs);
  };
  evaluateAll(); // warm-up: let the JIT compile the hot paths first
  const evaluateSeconds = best(passes, evaluateAll);
  const results = snapshots.map((s) => evaluateRecord(score, s, nowMs));
  const stringifySeconds = best(3, () => {
    for (const r of results) JSON.stringify(r);
  });
  return {
    records,
    events,
    jsonParseUsPerRecord: (jsonSeconds / records) * 1e6,
    parseSnapshotUsPerRecord: (zodSeconds / records) * 1e6,
    parseSnapshotFastUsPerRecord: (fastSeconds / records) * 1e6,
    evaluateSeconds,
    eventsPerSecond: events / evaluateSeconds,
    recordsPerSecond: records / evaluateSeconds,
    stringifyUsPerRecord: (stringifySeconds / records) * 1e6,
  };
}
