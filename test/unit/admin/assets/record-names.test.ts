import { describe, expect, it } from "vitest";
import { loadRecordNames, recordText } from "../../../../src/admin/assets/record-names.js";
import type { NamedRecord } from "../../../../src/admin/assets/types.js";

// Records by name (docs/decisions.md §Records by name): one request per 200 ids, the id on hover.

const ada: NamedRecord = { id: "7", name: "Ada Lovelace", label: "Ada Lovelace · ada@example.com" };

describe("recordText", () => {
  it("shows a named record by name with its id on hover, and an unnamed one by id", () => {
    const names = new Map([["7", ada]]);
    expect(recordText("7", names)).toEqual({
      text: "Ada Lovelace",
      title: "Ada Lovelace · ada@example.com (record 7)",
    });
    expect(recordText("8", names)).toEqual({ text: "#8", title: "record 8" });
  });
});

describe("loadRecordNames", () => {
  it("asks once per 200 distinct ids, and keys the answers by id", async () => {
    const paths: string[] = [];
    const ids = Array.from({ length: 250 }, (_, i) => String(i + 1));
    const names = await loadRecordNames(
      async (_method, path) => {
        paths.push(path);
        const asked = new URL(path, "http://x").searchParams.get("ids")?.split(",") ?? [];
        return { records: asked.map((id) => ({ id, name: `n${id}`, label: `n${id}` })) };
      },
      "contacts",
      [...ids, "7", null, undefined, "not-an-id"],
    );
    expect(paths).toHaveLength(2);
    expect(paths[0]).toMatch(/^\/records\/contacts\/names\?ids=1,2,/);
    expect(names.size).toBe(250);
    expect(names.get("250")?.name).toBe("n250");
  });

  it("asks nothing for no ids, and gives no names rather than an error when the API fails", async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error("HubSpot is down");
    };
    expect((await loadRecordNames(failing, "deals", [])).size).toBe(0);
    expect(calls).toBe(0);
    expect((await loadRecordNames(failing, "deals", ["1"])).size).toBe(0);
  });
});
