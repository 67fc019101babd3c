import type { CrmClient, CrmObjectType } from "../ports/crm-client.js";
import { CliError } from "./cli-error.js";

/** One page of ids to export, and the `--after` value that continues after it (null on the last). */
export type ExportPage = { ids: string[]; next: string | null };

/** docs/hubspot.md §Rate limits and batching: batch reads take 100 ids, so an ids file is read in pages of that size too. */
export const EXPORT_PAGE_SIZE = 100;

/** Every record of the object, through the objects API's own paging (pages of 100, no search cap). */
export async function* listPages(
  crm: CrmClient,
  object: CrmObjectType,
  after: string | null,
): AsyncGenerator<ExportPage> {
  let cursor = after;
  do {
    const page = await crm.listRecordIds(object, cursor);
    yield { ids: page.ids, next: page.after };
    cursor = page.after;
  } while (cursor !== null);
}

/**
 * The ids of a file in pages of 100. The cursor is how many ids are done, so `--after 300`
 * continues with the 301st id whatever the ids are (a file may repeat one).
 */
export function* filePages(ids: readonly string[], after: string | null): Generator<ExportPage> {
  if (after !== null && !/^\d+$/.test(after)) {
    throw new CliError([`--after: with --ids, expected the number of ids already exported, got "${after}"`]);
  }
  for (let start = after === null ? 0 : Number(after); start < ids.length; start += EXPORT_PAGE_SIZE) {
    const end = start + EXPORT_PAGE_SIZE;
    yield { ids: ids.slice(start, end), next: end < ids.length ? String(end) : null };
  }
}

/** Record ids, one per line (blank lines skipped); HubSpot ids are numbers, so anything else is a typo. */
export function parseIdsFile(path: string, text: string): string[] {
  const ids: string[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    if (/^\d+$/.test(line)) ids.push(line);
    else if (problems.length < 5) problems.push(`${path}:${index + 1}: "${line}" is not a HubSpot record id`);
  });
  if (problems.length > 0) throw new CliError(problems);
  return ids;
}
