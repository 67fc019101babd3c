import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { readJsonl } from "../src/cli/read-jsonl.js";

// The baseline of docs/decisions.md §Fast snapshot parser: merely read a JSON Lines file and JSON.parse each
// line.
// `node dist/bench/parse-only.js FILE [readline]`: with "readline", node:readline does the splitting
// (to compare it with the CLI's own reader). Prints the number of lines parsed.

const [path, reader] = process.argv.slice(2);
if (!path) throw new Error("usage: parse-only FILE [readline]");
let count = 0;
if (reader === "readline") {
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line.trim() === "") continue;
    JSON.parse(line);
    count += 1;
  }
} else {
  for await (const { lines } of readJsonl(createReadStream(path, { highWaterMark: 1 << 20 }))) {
    for (const { text } of lines) {
      JSON.parse(text);
      count += 1;
    }
  }
}
process.stdout.write(`${count}\n`);
