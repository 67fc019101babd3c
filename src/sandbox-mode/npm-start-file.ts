import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

// What `npm start` runs in sandbox mode, recorded under DATA_DIR so the CLI commands that talk to a
// portal (export, rescore, sandbox …) find it with no flags or environment (README §The CLI). It
// holds the admin token those commands use, so it is written 0600 like DATA_DIR/encryption-key, and
// removed when that start stops; a file left by a killed process is found stale by its pid.

export const NPM_START_FILE = "npm-start.json";

const npmStartSchema = z.object({
  pid: z.number().int(),
  appUrl: z.string(),
  sandboxUrl: z.string(),
  portalId: z.number().int(),
  adminToken: z.string(),
  startedAt: z.string(),
});

export type NpmStartRecord = z.infer<typeof npmStartSchema>;

export const npmStartFileOf = (dataDir: string) => join(dataDir, NPM_START_FILE);

export function writeNpmStartFile(dataDir: string, record: NpmStartRecord): void {
  const file = npmStartFileOf(dataDir);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; one left by an earlier start keeps its own.
  chmodSync(file, 0o600);
}

/** The record, or null when there is none; a file that is not one reads as none. */
export function readNpmStartFile(dataDir: string): NpmStartRecord | null {
  let text: string;
  try {
    text = readFileSync(npmStartFileOf(dataDir), "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = npmStartSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes the file if this process wrote it: a newer start's file stays. */
export function removeNpmStartFile(dataDir: string, pid: number): void {
  if (readNpmStartFile(dataDir)?.pid === pid) rmSync(npmStartFileOf(dataDir), { force: true });
}
