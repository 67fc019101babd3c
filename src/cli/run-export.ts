import { once } from "node:events";
import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import { loadSnapshots } from "../app/load-snapshots.js";
import type { SnapshotNeeds } from "../app/snapshot-needs.js";
import type { SourceContext } from "../app/sources/source-context.js";
import type { CrmClient } from "../ports/crm-client.js";
import type { ObjectType } from "../scoring/index.js";
import type { SnapshotInput } from "../scoring/snapshot-schema.js";
import { CliError, fileError } from "./cli-error.js";
import { type ExportPage, filePages, listPages, parseIdsFile } from "./export-pages.js";

export type ExportOptions = {
  object: ObjectType;
  /** Record ids, one per line; every record of the object when absent. */
  idsFile?: string;
  /** Where a previous export stopped, as it printed on stderr. */
  after?: string;
};

export type ExportDeps = {
  crm: CrmClient;
  needs: SnapshotNeeds;
  /** The app's resets of these records (RecordStore.resets): per record id, score id → instant in ms. */
  resets: (ids: readonly string[]) => Promise<ReadonlyMap<string, Readonly<Record<string, number>>>>;
  /** Contacts' stored marketing email events and form submissions (docs/decisions.md §Portal-wide feeds). */
  sources?: SourceContext;
  out: Writable;
  err: Writable;
};

export type ExportSummary = { exported: number; missing: number };

/**
 * A snapshot carries its record's resets as the app holds them (docs/scoring.md §Resets): events
 * before a reset are ignored offline as they are in the portal. A record without resets has none.
 */
function withResets(snapshot: SnapshotInput, resets: Readonly<Record<string, number>> | undefined) {
  if (resets === undefined || Object.keys(resets).length === 0) return snapshot;
  const iso = Object.entries(resets).map(([scoreId, atMs]) => [scoreId, new Date(atMs).toISOString()]);
  return { ...snapshot, resets: Object.fromEntries(iso) };
}

/** `--after` values are HubSpot's opaque cursors: quote one the shell would not take as it is. */
const shellWord = (value: string) =>
  /^[\w.=:-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;

async function writeChunk(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

async function pagesOf(options: ExportOptions, crm: CrmClient): Promise<AsyncIterable<ExportPage>> {
  const after = options.after ?? null;
  if (options.idsFile === undefined) return listPages(crm, options.object, after);
  const path = options.idsFile;
  const text = await readFile(path, "utf8").catch((error: unknown) => {
    throw fileError(path, error);
  });
  const pages = filePages(parseIdsFile(path, text), after);
  // Validate --after now rather than after the first HubSpot call.
  const first = pages.next();
  return (async function* () {
    if (!first.done) yield first.value;
    yield* pages;
  })();
}

/**
 * docs/scoring.md snapshots of a portal's records as JSON Lines on `out`, a page of 100 at a time through
 * loadSnapshots (paced by the door). A page's lines are written before its cursor is printed on
 * `err`, so an export killed at any point continues with the last printed `--after` without losing
 * or repeating a page.
 */
export async function runExport(options: ExportOptions, deps: ExportDeps): Promise<ExportSummary> {
  const { object } = options;
  const say = (line: string) => deps.err.write(`${line}\n`);
  const warned = new Set<string>();
  const summary: ExportSummary = { exported: 0, missing: 0 };
  let resumeAt = options.after ?? null;
  try {
    for await (const page of await pagesOf(options, deps.crm)) {
      if (page.ids.length > 0) {
        const { snapshots, warnings } = await loadSnapshots(
          deps.crm,
          object,
          page.ids,
          deps.needs,
          deps.sources,
        );
        const resets = await deps.resets(snapshots.map((s) => String(s.id)));
        const lines = snapshots.map((s) => JSON.stringify(withResets(s, resets.get(String(s.id)))));
        if (lines.length > 0) await writeChunk(deps.out, `${lines.join("\n")}\n`);
        summary.exported += snapshots.length;
        for (const warning of warnings) {
          const key = `${warning.source}:${warning.code}`;
          if (!warned.has(key)) say(`warning: ${warning.message}`);
          warned.add(key);
        }
        const found = new Set(snapshots.map((s) => String(s.id)));
        const missing = page.ids.filter((id) => !found.has(id));
        summary.missing += missing.length;
        if (missing.length > 0) say(`warning: not in HubSpot (deleted or wrong id): ${missing.join(", ")}`);
      }
      resumeAt = page.next;
      if (page.next !== null)
        say(`next: --after ${shellWord(page.next)}  (${summary.exported} ${object} so far)`);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const resume =
      resumeAt === null ? [] : [`to continue, run the same command with --after ${shellWord(resumeAt)}`];
    throw new CliError([`export stopped: ${message}`, ...resume]);
  }
  say(`done: ${summary.exported} ${object} exported`);
  return summary;
}
