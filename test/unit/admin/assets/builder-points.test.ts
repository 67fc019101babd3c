import { describe, expect, it } from "vitest";
import { placeRows, syncPointsByValue } from "../../../../src/admin/assets/builder-points.js";
import type { DraftRule } from "../../../../src/admin/assets/types.js";

// A values edit never replaces the Points input being typed in (docs/decisions.md §Builder inputs are never
// replaced): the "Points for …" rows follow the values by adding and removing rows, and a row that stays
// where it was is not touched, since a node taken out of the page loses its focus and selection. The
// browser side of it, selecting Points and typing 20 after a values edit, is test/system/admin-builder.test.ts.

/** The part of an element placeRows uses, recording every node it takes out of the list. */
class RecordingList {
  readonly rows: Row[] = [];
  readonly detached: string[] = [];
  get children() {
    return this.rows;
  }
  get lastElementChild() {
    return this.rows.at(-1) ?? null;
  }
  insertBefore(row: Row, before: Row | null) {
    const at = this.rows.indexOf(row);
    if (at >= 0) {
      this.rows.splice(at, 1);
      this.detached.push(row.key);
    }
    row.list = this;
    const to = before ? this.rows.indexOf(before) : this.rows.length;
    this.rows.splice(to, 0, row);
    return row;
  }
}
class Row {
  list: RecordingList | null = null;
  constructor(readonly key: string) {}
  remove() {
    if (!this.list) return;
    this.list.rows.splice(this.list.rows.indexOf(this), 1);
    this.list.detached.push(this.key);
  }
}
const place = (list: RecordingList, rows: Row[]) =>
  placeRows(list as unknown as HTMLElement, rows as unknown as Element[]);

describe("placeRows", () => {
  it("adds the new value's row and removes the dropped one, leaving the rows that stay in the page", () => {
    const [ceo, cto, cfo, founder] = ["CEO", "CTO", "CFO", "Founder"].map((key) => new Row(key)) as [
      Row,
      Row,
      Row,
      Row,
    ];
    const list = new RecordingList();
    place(list, [ceo, cto, cfo]);
    expect(list.detached).toEqual([]);
    // The values CEO, CTO, CFO edited to CEO, CTO, Founder while "Points for CEO" has the focus.
    place(list, [ceo, cto, founder]);
    expect(list.rows.map((row) => row.key)).toEqual(["CEO", "CTO", "Founder"]);
    expect(list.detached).toEqual(["CFO"]);
    // The same values again: nothing moves.
    place(list, [ceo, cto, founder]);
    expect(list.detached).toEqual(["CFO"]);
  });

  it("moves a row only when the values were put in another order", () => {
    const [a, b] = [new Row("A"), new Row("B")];
    const list = new RecordingList();
    place(list, [a, b]);
    place(list, [b, a]);
    expect(list.rows.map((row) => row.key)).toEqual(["B", "A"]);
    expect(list.detached).toEqual(["B"]);
  });
});

describe("syncPointsByValue after a values edit", () => {
  it("keeps a rule scored together as it is, and keeps each remaining value's points", () => {
    const together: DraftRule = {
      property: "jobtitle",
      operator: "in",
      values: ["CEO", "CTO", "CFO", "COO"],
      points: 25,
    };
    syncPointsByValue(together);
    expect(together).toEqual({
      property: "jobtitle",
      operator: "in",
      values: ["CEO", "CTO", "CFO", "COO"],
      points: 25,
    });
    const byValue: DraftRule = {
      property: "jobtitle",
      operator: "in",
      values: ["CEO", "Founder"],
      pointsByValue: { CEO: 7, CTO: 20 },
    };
    syncPointsByValue(byValue);
    expect(byValue.pointsByValue).toEqual({ CEO: 7, Founder: 0 });
  });
});
