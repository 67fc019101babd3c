import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliMain } from "./build-cli.js";

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** `lead-score ...args` through the real bin, in `cwd` (so reports name files as given). */
export function runCli(cwd: string, ...args: string[]): CliRun {
  const run = spawnSync(process.execPath, [cliMain, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A fresh temporary folder holding `files` (name → content; objects are written as JSON). */
export function tempFiles(files: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), "lead-score-cli-"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return dir;
}

/** JSON Lines text from values (strings are written as they are: broken lines on purpose). */
export const jsonl = (...lines: unknown[]) =>
  `${lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n")}\n`;
