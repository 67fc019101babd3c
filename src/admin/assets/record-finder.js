import { fill, h } from "./dom.js";

// "Test a record: find it by email, name or id" (docs/decisions.md §Test a record search). The search box
// asks the admin API (GET /records/:objectType/search) and lists the matches as buttons: Tab or the arrow
// keys reach them, Enter or a click tests one. A single match is tested at once, as that is what was asked
// for.

/** @typedef {import("./types.js").FoundRecord} FoundRecord */

/**
 * The status line once a search is answered: none, one (tested at once), or several to choose from.
 * @param {number} count
 * @param {string} query
 */
export function matchesText(count, query) {
  if (count === 0) return `No record matches “${query}”.`;
  const matches = `${count} match${count === 1 ? "" : "es"}`;
  return `${matches} for “${query}”${count > 1 ? ": choose one to test (↓ to reach them)" : ""}.`;
}

/**
 * Where a key moves the focus from the match at `at` of `count`: the next or previous match, the
 * search box ("input") above the first match or on Escape, or nowhere (null) for any other key.
 * @param {string} key
 * @param {number} at
 * @param {number} count
 * @returns {number | "input" | null}
 */
export function focusAfterKey(key, at, count) {
  if (key === "ArrowDown") return Math.min(at + 1, count - 1);
  if (key === "ArrowUp") return at > 0 ? at - 1 : "input";
  if (key === "Escape") return "input";
  return null;
}

/**
 * Wires the finder: `find(query)` answers [{id, label}], `test(id)` tests one record.
 * @param {{
 *   form: HTMLElement,
 *   input: HTMLInputElement,
 *   list: HTMLElement,
 *   status: HTMLElement,
 *   find: (query: string) => Promise<FoundRecord[]>,
 *   test: (recordId: string) => Promise<void>,
 *   onError: (error: unknown) => void,
 * }} parts
 */
export function attachRecordFinder({ form, input, list, status, find, test, onError }) {
  const buttons = () => [...list.querySelectorAll("button")];

  /**
   * @param {FoundRecord} record
   * @param {HTMLElement | undefined} button
   */
  async function choose(record, button) {
    for (const b of buttons()) b.removeAttribute("aria-current");
    button?.setAttribute("aria-current", "true");
    await test(record.id);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (!query) return;
    fill(status, "Searching…");
    list.replaceChildren();
    try {
      const records = await find(query);
      fill(status, matchesText(records.length, query));
      fill(
        list,
        records.map((record) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: "match",
                dataset: { recordId: record.id },
                onClick: (e) => choose(record, /** @type {HTMLElement} */ (e.currentTarget)),
              },
              record.label,
              " ",
              h("small", { class: "hint" }, `#${record.id}`),
            ),
          ),
        ),
      );
      const [only] = records;
      if (records.length === 1 && only) await choose(only, buttons()[0]);
    } catch (error) {
      fill(status);
      onError(error);
    }
  });

  input.addEventListener("keydown", (event) => {
    const first = buttons()[0];
    if (event.key !== "ArrowDown" || !first) return;
    event.preventDefault();
    first.focus();
  });
  list.addEventListener("keydown", (event) => {
    const all = buttons();
    const at = all.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
    if (at < 0) return;
    const to = focusAfterKey(event.key, at, all.length);
    const next = to === "input" ? input : to === null ? null : all[to];
    if (!next) return;
    event.preventDefault();
    next.focus();
  });
}
