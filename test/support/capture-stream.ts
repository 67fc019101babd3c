import { PassThrough } from "node:stream";

/** A stream for a command to write to, and the text written to it so far; `isTTY` plays a terminal. */
export function captureStream(isTTY = false) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = "";
  stream.on("data", (chunk) => {
    text += String(chunk);
  });
  return { stream, text: () => text };
}
