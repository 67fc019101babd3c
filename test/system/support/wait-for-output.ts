import type { ChildProcess } from "node:child_process";

/**
 * Resolves once the child prints `ready` on stdout or stderr; rejects with everything it printed
 * when it exits first or takes longer than `timeoutMs`.
 */
export function waitForOutput(child: ChildProcess, ready: RegExp, timeoutMs: number): Promise<void> {
  let output = "";
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      // Keep draining: a server that fills an unread pipe blocks on its next log line.
      child.stdout?.resume();
      child.stderr?.resume();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) done();
    };
    const onExit = (code: number | null) => done(new Error(`exited with ${code} before ready:\n${output}`));
    const timer = setTimeout(() => done(new Error(`not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", onExit);
  });
}
