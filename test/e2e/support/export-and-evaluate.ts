import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { Command } from "commander";
import { registerExportCommand } from "../../../src/cli/export-command.js";
import { openExportContext } from "../../../src/cli/open-export-context.js";
import { scoreRecords } from "../../../src/cli/score-records.js";
import { compileScore, parseDefinition, type ScoreResult } from "../../../src/scoring/index.js";
import { captureStream } from "../../support/capture-stream.js";
import type { E2eApp } from "./start-e2e-app.js";

/**
 * What a person gets offline for records of the running app: `lead-score export --ids` against the
 * app's DATA_DIR and sandbox (the command's own wiring), then `lead-score evaluate`'s scoring of
 * those lines at the portal's now.
 */
export async function exportAndEvaluate(
  app: E2eApp,
  definition: unknown,
  object: string,
  ids: readonly string[],
): Promise<{ lines: string[]; results: ScoreResult[] }> {
  const dir = mkdtempSync(join(tmpdir(), "lead-score-e2e-export-"));
  try {
    const idsFile = join(dir, "ids.txt");
    writeFileSync(idsFile, `${ids.join("\n")}\n`);
    const out = captureStream();
    const env = { DATA_DIR: app.dataDir, HUBSPOT_API_BASE_URL: app.running.sandboxUrl };
    const program = new Command("lead-score").exitOverride();
    registerExportCommand(program, () =>
      openExportContext(env, { out: out.stream, err: captureStream().stream }),
    );
    const portal = String(app.running.portalId);
    await program.parseAsync(["export", "--portal", portal, "--object", object, "--ids", idsFile], {
      from: "user",
    });
    const exported = out.text();
    const { nowMs } = await app.sandbox.call<{ nowMs: number }>("GET", "/__sandbox/clock");
    const results: ScoreResult[] = [];
    const { badLines } = await scoreRecords(Readable.from([Buffer.from(exported)]), {
      score: compileScore(parseDefinition(definition)),
      nowMs,
      explain: false,
      strict: true,
      recordsPath: "export.jsonl",
      onResult: (result) => results.push(result),
      onBatch: async () => {},
      report: (line) => {
        throw new Error(line);
      },
    });
    if (badLines > 0) throw new Error(`${badLines} exported lines were bad`);
    return { lines: exported.split("\n").filter(Boolean), results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
