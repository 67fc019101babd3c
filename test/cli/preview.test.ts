import { beforeAll, describe, expect, it } from "vitest";
import { contact, NOW, seedContact, seedDefinition } from "./fixtures.js";
import { ensureCliBuilt } from "./support/build-cli.js";
import { jsonl, runCli, tempFiles } from "./support/run-cli.js";

// Scores 0, 15, 29, 29 and 60 (four calls: the sales group's limit), and one record out of scope.
const definition = { ...seedDefinition, records: { mode: "all", exclude: ["9"] } };
const records = jsonl(
  contact("1"),
  contact("2", "call"),
  seedContact,
  { ...seedContact, id: "4" },
  contact("5", "call", "call", "call", "call", "call"),
  { ...contact("6", "call"), lists: ["9"] },
);
const preview = (files: Record<string, string | object>, ...extra: string[]) =>
  runCli(
    tempFiles(files),
    "preview",
    "--definition",
    "def.json",
    "--records",
    "records.jsonl",
    "--now",
    NOW,
    ...extra,
  );

describe("lead-score preview", () => {
  beforeAll(ensureCliBuilt, 180_000);

  it("draws the histogram, then a line per threshold, then min/median/p90/max", () => {
    const run = preview({ "def.json": definition, "records.jsonl": records });
    const bar = "█".repeat(40);
    const half = "█".repeat(20);
    const empty = (from: number) => `[${String(from).padStart(2)}, ${String(from + 5).padStart(3)}) 0`;
    expect(run).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "scored: 5",
        "out of scope: 1",
        "",
        `[ 0,   5) 1 ${half}`,
        empty(5),
        empty(10),
        `[15,  20) 1 ${half}`,
        empty(20),
        `[25,  30) 2 ${bar}`,
        ...[30, 35, 40, 45, 50, 55].map(empty),
        `[60,  65) 1 ${half}`,
        ...[65, 70, 75, 80, 85, 90].map(empty),
        "[95, 100] 0",
        "",
        "high: 0",
        "medium: 1",
        "low: 4",
        "min: 0",
        "median: 29",
        "p90: 60",
        "max: 60",
        "",
      ].join("\n"),
    });
  });

  it("prints the same figures as JSON with --json", () => {
    const run = preview({ "def.json": definition, "records.jsonl": records }, "--json");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      scored: 5,
      outOfScope: 1,
      bucketWidth: 5,
      thresholds: [
        { value: "high", count: 0 },
        { value: "medium", count: 1 },
        { value: "low", count: 4 },
      ],
      min: 0,
      median: 29,
      p90: 60,
      max: 60,
    });
    expect(summary.buckets).toHaveLength(20);
    expect(summary.buckets.filter((b: { count: number }) => b.count > 0)).toEqual([
      { from: 0, to: 5, count: 1 },
      { from: 15, to: 20, count: 1 },
      { from: 25, to: 30, count: 2 },
      { from: 60, to: 65, count: 1 },
    ]);
  });

  it("lists A1..C3 for a combined score", () => {
    const combined = {
      ...definition,
      type: "combined",
      thresholds: { fit: { high: 10, medium: 5 }, engagement: { high: 20, medium: 10 } },
      groups: [
        ...definition.groups,
        { name: "Fit", kind: "fit", rules: [{ property: "jobtitle", operator: "known", points: 5 }] },
      ],
    };
    const run = preview({ "def.json": combined, "records.jsonl": records }, "--json");
    expect(JSON.parse(run.stdout).thresholds).toEqual(
      ["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3"].map((value) => ({
        value,
        count: { C1: 3, C2: 1, C3: 1 }[value] ?? 0,
      })),
    );
  });

  it("summarises the good records, reports the bad lines and exits 2", () => {
    const run = preview({ "def.json": definition, "records.jsonl": `${records}{"id": 1}\n` }, "--json");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("records.jsonl:7: object: required\n");
    expect(JSON.parse(run.stdout)).toMatchObject({ scored: 5, outOfScope: 1 });
  });

  it("summarises only the records before the first bad line with --strict", () => {
    const run = preview(
      { "def.json": definition, "records.jsonl": `${jsonl(contact("1", "call"))}x\n${records}` },
      "--json",
      "--strict",
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^records\.jsonl:2: invalid JSON: /);
    expect(JSON.parse(run.stdout)).toMatchObject({ scored: 1, min: 15, max: 15 });
  });

  it("exits 1 without output when the records file is missing", () => {
    expect(preview({ "def.json": definition })).toEqual({
      code: 1,
      stdout: "",
      stderr: "records.jsonl: file not found\n",
    });
  });
});
