import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type ConversionProcess, generateConversions } from "./generate-conversions.js";
import { measureNode } from "./measure-cli.js";

// `npm run bench` (docs/decisions.md §Benchmarks): `lead-score suggest` over 10,000 labelled contacts with
// events, as a user runs it (a fresh node process: read, parse, suggest, write). Goal: under 30 s on 2 cores.

const cliPath = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));

export type SuggestFigures = {
  type: ConversionProcess;
  contacts: number;
  events: number;
  seconds: number;
  peakRssMb: number | undefined;
  auc: number;
  rules: number;
};

/** One timed `lead-score suggest` per score type over `contacts` generated contacts, files under `outDir`. */
export async function measureSuggest(outDir: string, contacts: number): Promise<SuggestFigures[]> {
  const figures: SuggestFigures[] = [];
  for (const type of ["engagement", "fit"] as const) {
    const generated = generateConversions({ records: contacts, seed: 31, process: type });
    const records = `${outDir}suggest-${type}-records.jsonl`;
    const outcomes = `${outDir}suggest-${type}-outcomes.jsonl`;
    writeFileSync(records, `${generated.snapshots.map((s) => JSON.stringify(s)).join("\n")}\n`);
    writeFileSync(outcomes, `${generated.outcomes.map((o) => JSON.stringify(o)).join("\n")}\n`);
    const evidencePath = `${outDir}suggest-${type}-evidence.json`;
    const args = [cliPath, "suggest", "--records", records, "--outcomes", outcomes, "--type", type];
    const run = await measureNode([...args, "--out", `${outDir}suggest-${type}-draft.json`], evidencePath, 1);
    const evidence = JSON.parse(readFileSync(evidencePath, "utf8"));
    figures.push({
      type,
      contacts,
      events: generated.snapshots.reduce(
        (sum, s) => sum + ((s.events as unknown[] | undefined)?.length ?? 0),
        0,
      ),
      seconds: run.seconds,
      peakRssMb: run.peakRssMb,
      auc: evidence.metrics.auc,
      rules: evidence.rules.length,
    });
  }
  return figures;
}

export function formatSuggestFigures(figures: readonly SuggestFigures[]): string[] {
  return figures.map(
    (f) =>
      `lead-score suggest --type ${f.type}: ${f.contacts.toLocaleString("en-US")} contacts, ` +
      `${f.events.toLocaleString("en-US")} events: ${f.seconds.toFixed(1)} s ` +
      `(goal < 30 s: ${f.seconds < 30 ? "met" : "MISSED"}), peak RSS ` +
      `${f.peakRssMb === undefined ? "n/a (no /usr/bin/time)" : `${f.peakRssMb.toFixed(0)} MB`}, ` +
      `holdout AUC ${f.auc.toFixed(3)}, ${f.rules} rules`,
  );
}

// `node dist/bench/suggest.js [contacts]`: this part of the bench alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const out = fileURLToPath(new URL("../../bench/out/", import.meta.url));
  const load = loadavg()[0] ?? 0;
  for (const line of formatSuggestFigures(await measureSuggest(out, Number(process.argv[2] ?? 10_000)))) {
    process.stdout.write(`${line}\n`);
  }
  process.stdout.write(
    `load average: ${load.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end, on ${cpus().length} cores\n`,
  );
}
