import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

// `lead-score evaluate` as a user runs it (a fresh node process, output to a file) against the
// baseline of merely reading + JSON.parse-ing every line, also in a fresh process (bench/parse-only).

const cliPath = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
const parseOnlyPath = fileURLToPath(new URL("./parse-only.js", import.meta.url));
// GNU time reports the child's peak RSS (%M, KiB) from the kernel: no guessing by sampling.
const gnuTime = "/usr/bin/time";

export type RunFigures = { seconds: number; peakRssMb: number | undefined };

/** Runs `node args` `runs` times with stdout to `outPath`; the median wall time, and the peak RSS seen. */
export async function measureNode(args: string[], outPath: string, runs = 3): Promise<RunFigures> {
  const figures: RunFigures[] = [];
  for (let i = 0; i < runs; i++) figures.push(await runOnce(args, outPath));
  const sorted = figures.map((f) => f.seconds).sort((a, b) => a - b);
  const rss = figures.map((f) => f.peakRssMb).filter((r): r is number => r !== undefined);
  return {
    seconds: sorted[Math.floor(sorted.length / 2)] as number,
    peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
  };
}

async function runOnce(args: string[], outPath: string): Promise<RunFigures> {
  const withTime = existsSync(gnuTime);
  const [command, argv] = withTime
    ? [gnuTime, ["-f", "peak-rss-kib=%M", process.execPath, ...args]]
    : [process.execPath, args];
  const out = openSync(outPath, "w");
  const start = performance.now();
  const child = spawn(command, argv, { stdio: ["ignore", out, "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const seconds = (performance.now() - start) / 1000;
  closeSync(out);
  if (code !== 0) throw new Error(`node ${args.join(" ")} exited with ${code}: ${stderr.slice(-2000)}`);
  const kib = /peak-rss-kib=(\d+)/.exec(stderr)?.[1];
  return { seconds, peakRssMb: kib === undefined ? undefined : Number(kib) / 1024 };
}

export const evaluateArgs = (definition: string, records: string, now: string) => [
  cliPath,
  "evaluate",
  "--definition",
  definition,
  "--records",
  records,
  "--now",
  now,
];

export const parseOnlyArgs = (records: string, reader?: "readline") =>
  reader ? [parseOnlyPath, records, reader] : [parseOnlyPath, records];
