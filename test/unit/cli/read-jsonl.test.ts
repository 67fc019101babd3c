import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readJsonl } from "../../../src/cli/read-jsonl.js";

async function linesOf(...chunks: (string | Buffer)[]) {
  const out: [number, string][] = [];
  let bytesRead = 0;
  const input = Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
  for await (const batch of readJsonl(input)) {
    for (const { lineNumber, text } of batch.lines) out.push([lineNumber, text]);
    bytesRead = batch.bytesRead;
  }
  return { lines: out, bytesRead };
}

describe("readJsonl", () => {
  it("joins lines split across chunks and numbers physical lines, blank ones included", async () => {
    expect(await linesOf('{"a":', "1}\n\n  \n", '{"b"', ":2", "}\n[3]")).toEqual({
      lines: [
        [1, '{"a":1}'],
        [4, '{"b":2}'],
        [5, "[3]"],
      ],
      bytesRead: 23,
    });
  });

  it("keeps a multi-byte character split between chunks whole", async () => {
    const bytes = Buffer.from('"Zürich – 東京"\n');
    const { lines } = await linesOf(bytes.subarray(0, 3), bytes.subarray(3, 14), bytes.subarray(14));
    expect(lines).toEqual([[1, '"Zürich – 東京"']]);
  });

  it("drops a BOM at the start of the file only, and leaves \\r for JSON.parse to skip", async () => {
    const { lines } = await linesOf("\uFEFF[1]\r\n\uFEFF[2]\r\n\r\n");
    expect(lines).toEqual([
      [1, "[1]\r"],
      [2, "\uFEFF[2]\r"],
    ]);
  });

  it("yields nothing for an empty input", async () => {
    expect(await linesOf()).toEqual({ lines: [], bytesRead: 0 });
  });
});
