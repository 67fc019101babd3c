import type { Keyv } from "keyv";
import type {
  PerformanceSnapshotHead,
  PerformanceSnapshotStore,
  RecordPerformanceSummary,
} from "../../ports/performance-snapshot-store.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

type Value = PerformanceSnapshotHead | RecordPerformanceSummary;

/** A SQLite listing page of summaries, a few tier changes each (open-keyv.ts sqlitePageSize). */
export const SUMMARY_SQLITE_PAGE = 1_000;

/**
 * PerformanceSnapshotStore on keyv: `portal:score:head` and `portal:score:r:record`, the score id
 * URI-encoded so that one score's keys never start with another's (a score id may hold a colon).
 */
export function createKeyvPerformanceSnapshotStore(keyv: Keyv<Value>): PerformanceSnapshotStore {
  const scorePrefix = (portalId: number, scoreId: string) => `${portalId}:${encodeURIComponent(scoreId)}:`;
  const headKey = (portalId: number, scoreId: string) => `${scorePrefix(portalId, scoreId)}head`;
  const summaryPrefix = (portalId: number, scoreId: string) => `${scorePrefix(portalId, scoreId)}r:`;
  return {
    async head(portalId, scoreId) {
      return (await keyv.get(headKey(portalId, scoreId))) as PerformanceSnapshotHead | undefined;
    },
    async saveHead(portalId, scoreId, head) {
      await keyv.set(headKey(portalId, scoreId), head);
    },
    async putSummaries(portalId, scoreId, summaries) {
      const prefix = summaryPrefix(portalId, scoreId);
      const kept: { key: string; value: Value }[] = [];
      const gone: string[] = [];
      for (const [recordId, summary] of summaries) {
        if (summary) kept.push({ key: prefix + recordId, value: summary });
        else gone.push(prefix + recordId);
      }
      if (kept.length > 0) await keyv.setMany(kept);
      if (gone.length > 0) await keyv.deleteMany(gone);
    },
    async forEachSummaryPage(portalId, scoreId, visit, pageSize = 1_000) {
      if (keyv.iterator === undefined) throw new Error("this keyv store cannot list its entries");
      const prefix = summaryPrefix(portalId, scoreId);
      let page: [string, RecordPerformanceSummary][] = [];
      for await (const [k, value] of keyv.iterator(undefined)) {
        if (typeof k !== "string" || !k.startsWith(prefix)) continue;
        page.push([k.slice(prefix.length), value as RecordPerformanceSummary]);
        if (page.length < pageSize) continue;
        await visit(page);
        page = [];
      }
      if (page.length > 0) await visit(page);
    },
    async deleteScore(portalId, scoreId) {
      await deleteByPrefix(keyv as Keyv<unknown>, scorePrefix(portalId, scoreId));
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
    },
  };
}
