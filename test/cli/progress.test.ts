import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { contact, NOW, seedDefinition } from "./fixtures.js";
import { cliMain, ensureCliBuilt } from "./support/build-cli.js";
import { jsonl, tempFiles } from "./support/run-cli.js";

// util-linux `script` gives the bin a terminal, the one case where progress is drawn.
const script = "/usr/bin/script";

describe("lead-score progress", () => {
  beforeAll(ensureCliBuilt, 180_000);

  it.skipIf(!existsSync(script))(
    "draws a progress bar on a terminal and still reports bad lines there",
    () => {
      const records = jsonl(contact("1", "call"), "oops", contact("3"));
      const dir = tempFiles({ "def.json": seedDefinition, "records.jsonl": records });
      const command = `${process.execPath} ${cliMain} evaluate --definition def.json --records records.jsonl --now ${NOW} > out.jsonl`;
      const run = spawnSync(script, ["-qec", command, "/dev/null"], { cwd: dir, encoding: "utf8" });
      expect(run.status).toBe(2);
      expect(run.stdout).toContain("scoring [");
      expect(run.stdout).toContain("records.jsonl:2: invalid JSON:");
    },
  );
});
