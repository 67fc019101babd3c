import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger("trace", stream) };
}

const SECRET = "pat-na1-11111111-2222-3333-4444-555555555555";

describe("createLogger redaction", () => {
  it.each([
    ["top level", { accessToken: SECRET }],
    ["snake case", { refresh_token: SECRET }],
    ["one level down", { grant: { accessToken: SECRET, refreshToken: SECRET } }],
    ["two levels down", { req: { body: { client_secret: SECRET } } }],
    ["OAuth query string", { req: { query: { code: SECRET, state: SECRET } } }],
    ["config", { config: { clientSecret: SECRET, encryptionKey: SECRET, adminToken: SECRET } }],
    ["authorization header", { req: { headers: { authorization: `Bearer ${SECRET}` } } }],
  ])("never writes a token or secret (%s)", (_name, fields) => {
    const { lines, logger } = capture();
    logger.info(fields, "event");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    expect(lines[0]).toContain("[redacted]");
  });

  it("keeps the other fields, including error codes", () => {
    const { lines, logger } = capture();
    logger.info({ portalId: 62515, accessToken: SECRET, err: { code: "disconnected" } }, "refreshed");
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      portalId: 62515,
      err: { code: "disconnected" },
      msg: "refreshed",
    });
  });
});
