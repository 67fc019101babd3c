import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { writeLines } from "../../../src/cli/write-lines.js";

/** A consumer that takes one write at a time and acknowledges it only when told to. */
function slowSink() {
  const written: string[] = [];
  const pending: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      pending.push(done);
    },
  });
  return { stream, written, acknowledge: () => pending.shift()?.() };
}

describe("writeLines", () => {
  it("holds the caller in ready() until a slow consumer drains, then resumes", async () => {
    const sink = slowSink();
    const out = writeLines(sink.stream);
    const big = "x".repeat(70_000); // over the 64 KiB gathering size: written at once
    out.write(big);
    let ready = false;
    const waiting = out.ready().then(() => {
      ready = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(ready).toBe(false);
    sink.acknowledge();
    await waiting;
    expect(ready).toBe(true);
    expect(sink.written).toEqual([`${big}\n`]);
  });

  it("gathers small lines into one write and flushes the rest on end()", async () => {
    const sink = slowSink();
    const out = writeLines(sink.stream);
    out.write("a");
    out.write("b");
    await out.ready(); // nothing written yet: nothing to wait for
    expect(sink.written).toEqual([]);
    const ending = out.end();
    sink.acknowledge();
    await ending;
    expect(sink.written).toEqual(["a\nb\n"]);
  });
});
