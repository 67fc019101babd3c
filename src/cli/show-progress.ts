import { MultiBar, Presets } from "cli-progress";

/** Progress through the records file by bytes read, plus a way to print around the bar. */
export type Progress = { update(bytesRead: number): void; log(line: string): void; stop(): void };

/**
 * A progress bar on `stream` only when it is a terminal (docs/decisions.md §Progress only on terminals):
 * piped or redirected stderr gets the bad-line reports alone, so scripts can parse them.
 */
export function showProgress(totalBytes: number, stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) {
    return { update() {}, log: (line) => void stream.write(`${line}\n`), stop() {} };
  }
  // MultiBar rather than SingleBar: only it can print log lines above the bar without garbling it.
  const bars = new MultiBar(
    {
      stream,
      clearOnComplete: true,
      hideCursor: true,
      format: "scoring [{bar}] {percentage}% | {value}/{total} MB | ETA {eta_formatted}",
    },
    Presets.shades_classic,
  );
  const megabytes = (bytes: number) => Math.round(bytes / 1e5) / 10;
  const bar = bars.create(megabytes(totalBytes), 0);
  return {
    update: (bytesRead) => bar.update(megabytes(bytesRead)),
    log: (line) => bars.log(`${line}\n`),
    stop() {
      // stop() with clearOnComplete drops log lines not yet drawn: draw them first.
      bars.update();
      bars.stop();
    },
  };
}
