import { beforeAll, describe, expect, it } from "vitest";
import { seedDefinition } from "./fixtures.js";
import { ensureCliBuilt } from "./support/build-cli.js";
import { runCli, tempFiles } from "./support/run-cli.js";

const validate = (files: Record<string, string | object>) =>
  runCli(tempFiles(files), "validate", "--definition", "def.json");

describe("lead-score validate", () => {
  beforeAll(ensureCliBuilt, 180_000);

  it('prints "ok" and exits 0 for a valid definition', () => {
    expect(validate({ "def.json": seedDefinition })).toEqual({ code: 0, stdout: "ok\n", stderr: "" });
  });

  it("prints every problem as file: path: message on stderr and exits 1", () => {
    const def = {
      ...seedDefinition,
      type: "sometimes",
      colour: "red",
      groups: [
        seedDefinition.groups[0],
        { name: "Marketing", kind: "engagement", rules: [{ event: "cta_click", points: "6" }] },
      ],
    };
    expect(validate({ "def.json": def })).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        'def.json: type: expected "engagement" or "fit" or "combined"',
        "def.json: groups[1].rules[0].points: expected a number",
        "def.json: colour: unknown field",
        "",
      ].join("\n"),
    });
  });

  it("names the file and the parse error when the definition is not JSON", () => {
    const run = validate({ "def.json": "{ nope" });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^def\.json: invalid JSON: .+\n$/);
  });

  it("exits 1 when the definition file is missing", () => {
    expect(validate({})).toEqual({ code: 1, stdout: "", stderr: "def.json: file not found\n" });
  });
});
