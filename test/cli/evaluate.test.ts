import { spawn } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { contact, NOW, seedContact, seedDefinition, seedResultLine } from "./fixtures.js";
import { cliMain, ensureCliBuilt } from "./support/build-cli.js";
import { jsonl, runCli, tempFiles } from "./support/run-cli.js";

const evaluate = (dir: string, ...extra: string[]) =>
  runCli(dir, "evaluate", "--definition", "def.json", "--records", "records.jsonl", "--now", NOW, ...extra);
const resultsOf = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
const jsonError = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("valid JSON");
};

describe("lead-score evaluate", () => {
  beforeAll(ensureCliBuilt, 180_000);

  it("prints docs/scoring.md's Result for the seed example (29 = 10 + 19), byte for byte, and exits 0", () => {
    const dir = tempFiles({ "def.json": seedDefinition, "records.jsonl": jsonl(seedContact) });
    expect(evaluate(dir)).toEqual({ code: 0, stdout: `${seedResultLine}\n`, stderr: "" });
  });

  it("prints one line per record in input order, skipping blank lines, CRLF endings and a BOM", () => {
    const lines = [contact("1", "call"), contact("2"), contact("3", "meeting", "meeting")];
    const text = `\uFEFF${lines.map((l) => JSON.stringify(l)).join("\r\n\r\n  \r\n")}`; // no final newline
    const run = evaluate(tempFiles({ "def.json": seedDefinition, "records.jsonl": text }));
    expect(run.code).toBe(0);
    expect(resultsOf(run.stdout).map((r) => [r.id, r.score])).toEqual([
      ["1", 15],
      ["2", 0],
      ["3", 20],
    ]);
  });

  it("adds each contributing event with its points before and after decay with --explain", () => {
    const def = {
      ...seedDefinition,
      groups: [
        {
          name: "Decaying",
          kind: "engagement",
          decay: { percent: 50, everyMonths: 1 },
          rules: [{ event: "meeting", points: 10 }],
        },
      ],
    };
    const record = {
      id: "7",
      object: "contacts",
      events: [
        { type: "meeting", occurredAt: "2026-10-10T12:00:00Z" }, // 41 days before NOW: halved
        { type: "call", occurredAt: "2026-11-19T12:00:00Z" }, // no rule for calls: not listed
      ],
    };
    const run = evaluate(tempFiles({ "def.json": def, "records.jsonl": jsonl(record) }), "--explain");
    expect(run.code).toBe(0);
    expect(resultsOf(run.stdout)[0].groups[0].rules).toEqual([
      {
        index: 0,
        value: 5,
        matches: 1,
        events: [{ type: "meeting", occurredAt: "2026-10-10T12:00:00.000Z", points: 10, afterDecay: 5 }],
      },
    ]);
    // Without --explain, the same result has no events.
    const plain = evaluate(tempFiles({ "def.json": def, "records.jsonl": jsonl(record) }));
    expect(resultsOf(plain.stdout)[0].groups[0].rules).toEqual([{ index: 0, value: 5, matches: 1 }]);
  });

  it("evaluates at the current time when --now is absent", () => {
    const record = {
      id: "1",
      object: "contacts",
      events: [
        { type: "call", occurredAt: "2001-01-01T00:00:00Z" },
        { type: "meeting", occurredAt: "2999-01-01T00:00:00Z" }, // not yet: only the next change
      ],
    };
    const dir = tempFiles({ "def.json": seedDefinition, "records.jsonl": jsonl(record) });
    const run = runCli(dir, "evaluate", "--definition", "def.json", "--records", "records.jsonl");
    expect(run.code).toBe(0);
    expect(resultsOf(run.stdout)[0]).toMatchObject({ score: 15, nextChangeAt: "2999-01-01T00:00:00.000Z" });
  });

  it("reports each bad line as file:line: path: problem, scores the others and exits 2", () => {
    const broken = '{"id": "2", "object": "contacts"';
    const records = jsonl(
      contact("1", "call"),
      "",
      broken,
      { id: "4", object: "companies" },
      { id: "5", object: "contacts", lists: "12", events: [{ type: "call" }] },
      [1, 2],
      contact("7", "meeting"),
    );
    const run = evaluate(tempFiles({ "def.json": seedDefinition, "records.jsonl": records }));
    expect(run.code).toBe(2);
    expect(resultsOf(run.stdout).map((r) => r.id)).toEqual(["1", "7"]);
    expect(run.stderr).toBe(
      [
        `records.jsonl:3: invalid JSON: ${jsonError(broken)}`,
        'records.jsonl:4: object: expected "contacts" (the score\'s object)',
        "records.jsonl:5: lists: expected an array",
        "records.jsonl:5: events[0].occurredAt: required",
        "records.jsonl:6: expected an object",
        "",
      ].join("\n"),
    );
  });

  it("reports a date that is not one with its field path", () => {
    const record = { id: "1", object: "contacts", events: [{ type: "call", occurredAt: "last Tuesday" }] };
    const run = evaluate(tempFiles({ "def.json": seedDefinition, "records.jsonl": jsonl(record) }));
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: "records.jsonl:1: events[0].occurredAt: expected a date (ISO 8601 or epoch milliseconds)\n",
    });
  });

  it("stops at the first bad line with --strict, after printing the results before it", () => {
    const records = jsonl(contact("1", "call"), { id: "2", object: "deals" }, "{", contact("4"));
    const run = evaluate(tempFiles({ "def.json": seedDefinition, "records.jsonl": records }), "--strict");
    expect(run.code).toBe(2);
    expect(resultsOf(run.stdout).map((r) => r.id)).toEqual(["1"]);
    expect(run.stderr).toBe('records.jsonl:2: object: expected "contacts" (the score\'s object)\n');
  });

  it("streams an input larger than one read chunk, lines split across chunks, in order", () => {
    // 1 MiB reads: 3,000 records of ~1.1 kB each span several chunks.
    const filler = "x".repeat(1000);
    const lines = Array.from({ length: 3000 }, (_, i) => ({
      ...contact(String(i), "call"),
      properties: { filler },
    }));
    const run = evaluate(tempFiles({ "def.json": seedDefinition, "records.jsonl": jsonl(...lines) }));
    expect(run.code).toBe(0);
    const results = resultsOf(run.stdout);
    expect(results.map((r) => r.id)).toEqual(lines.map((l) => l.id));
    expect(results.every((r) => r.score === 15)).toBe(true);
  });

  it("exits 0 quietly when the reader closes stdout early (| head)", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => contact(String(i), "call"));
    const dir = tempFiles({ "def.json": seedDefinition, "records.jsonl": jsonl(...lines) });
    const child = spawn(
      process.execPath,
      [cliMain, "evaluate", "--definition", "def.json", "--records", "records.jsonl", "--now", NOW],
      { cwd: dir },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  });

  describe("exits 1, printing nothing on stdout, when the input is unusable", () => {
    const records = jsonl(seedContact);
    it.each([
      ["the definition file is missing", {}, "def.json: file not found"],
      ["the records file is missing", { "def.json": seedDefinition }, "records.jsonl: file not found"],
      [
        "the definition is not JSON",
        { "def.json": '{"id": "x",}', "records.jsonl": records },
        `def.json: invalid JSON: ${jsonError('{"id": "x",}')}`,
      ],
      [
        "the definition is invalid (every problem, with its field path)",
        {
          "def.json": {
            ...seedDefinition,
            name: "",
            groups: [{ name: "G", kind: "engagement", rules: [{ event: "call", points: "5" }] }],
          },
          "records.jsonl": records,
        },
        "def.json: name: must not be empty\ndef.json: groups[0].rules[0].points: expected a number",
      ],
    ])("when %s", (_, files, stderr) => {
      expect(evaluate(tempFiles(files))).toEqual({ code: 1, stdout: "", stderr: `${stderr}\n` });
    });

    it("when the records path is a directory", () => {
      const dir = tempFiles({ "def.json": seedDefinition });
      const run = runCli(dir, "evaluate", "--definition", "def.json", "--records", ".", "--now", NOW);
      expect(run).toEqual({ code: 1, stdout: "", stderr: ".: is a directory, expected a file\n" });
    });

    it("when --now is not an instant", () => {
      const dir = tempFiles({ "def.json": seedDefinition, "records.jsonl": records });
      const run = runCli(
        dir,
        "evaluate",
        "--definition",
        "def.json",
        "--records",
        "records.jsonl",
        "--now",
        "soon",
      );
      expect(run).toEqual({
        code: 1,
        stdout: "",
        stderr: '--now: expected an ISO 8601 instant or epoch milliseconds, got "soon"\n',
      });
    });

    it("when --records is not given", () => {
      const run = runCli(tempFiles({ "def.json": seedDefinition }), "evaluate", "--definition", "def.json");
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("--records");
    });
  });

  it("names files by the path the user gave", () => {
    const dir = tempFiles({ "def.json": seedDefinition, "records.jsonl": jsonl("nope") });
    const run = runCli(
      dir,
      "evaluate",
      "--definition",
      join(dir, "def.json"),
      "--records",
      "./records.jsonl",
      "--now",
      NOW,
    );
    expect(run.stderr).toBe(`./records.jsonl:1: invalid JSON: ${jsonError("nope")}\n`);
  });
});
