import { once } from "node:events";
import type { Writable } from "node:stream";

/** Output lines to a stream in ~64 KiB writes, waiting for "drain" when the reader is slower. */
export type LineWriter = { write(line: string): void; ready(): Promise<void>; end(): Promise<void> };

const flushChars = 1 << 16;

/**
 * Lines are gathered into modest chunks (one write per line costs more than the scoring) and the
 * caller awaits `ready()` between input batches, so memory is bounded by one batch of output
 * however slow the consumer (`lead-score evaluate ... | slow-tool`).
 */
export function writeLines(out: Writable): LineWriter {
  let pending: string[] = [];
  let pendingChars = 0;
  let blocked = false;
  const flush = () => {
    if (pending.length === 0) return;
    if (!out.write(pending.join(""))) blocked = true;
    pending = [];
    pendingChars = 0;
  };
  return {
    write(line) {
      pending.push(line, "\n");
      pendingChars += line.length + 1;
      if (pendingChars >= flushChars) flush();
    },
    async ready() {
      if (!blocked) return;
      blocked = false;
      await once(out, "drain");
    },
    async end() {
      flush();
      if (blocked) {
        blocked = false;
        await once(out, "drain");
      }
    },
  };
}
