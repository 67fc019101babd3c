import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// Why a thread: with SQLite's automatic checkpoint, every ~4 MB of WAL the committing connection
// copies the pages back into the database file and fsyncs it, inside whichever delivery's commit
// crossed the line: measured at 30–250 ms, far over the ack p99 goal (docs/decisions.md §WAL checkpoints). A
// PASSIVE checkpoint from a second connection runs beside the writer without blocking it
// (https://sqlite.org/wal.html, "Checkpointing"), so the event loop never waits for it. Durability is
// unchanged: until a frame is checkpointed it lives in the WAL, which recovery replays after kill -9.

// Evaluated as CommonJS in the worker; the driver path comes from here so resolution never depends
// on the working directory or on whether this module runs from src/ (vitest) or dist/.
const WORKER_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
db.pragma("synchronous = " + workerData.synchronous);
const checkpoint = (mode) => {
  try { db.pragma("wal_checkpoint(" + mode + ")"); } catch (error) { parentPort.postMessage(String(error)); }
};
const timer = setInterval(() => checkpoint("PASSIVE"), workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint("PASSIVE");
  db.close();
  parentPort.close();
});
`;

export type WalCheckpointer = { stop(): Promise<void> };

/** Checkpoints `file`'s WAL every `intervalMs` from a worker thread; `onError` hears its failures. */
export function startWalCheckpointer(options: {
  file: string;
  fsync: boolean;
  intervalMs?: number;
  onError?: (message: string) => void;
}): WalCheckpointer {
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      file: options.file,
      synchronous: options.fsync ? "FULL" : "NORMAL",
      intervalMs: options.intervalMs ?? 250,
    },
  });
  worker.unref();
  worker.on("message", (message: string) => options.onError?.(message));
  worker.on("error", (error) => options.onError?.(String(error)));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      worker.ref(); // unref'd so it never holds the process open; waiting for its exit must
      worker.postMessage("stop");
      await exited;
    },
  };
}
