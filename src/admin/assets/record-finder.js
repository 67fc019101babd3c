import { fill, h } from "./dom.js";

// "Test a record: find it by email, name or id" (docs/decisions.md §Test a record search). The search box
// asks the admin API (GET /records/:objectType/search) and lists the matches as buttons: Tab or the arrow
// keys reach them, Enter or a click tests one. A single match is tested at once, as that is what was asked
// for.

/** Wires the finder: `find(query)` answers [{id, label}], `test(id)` tests one record. */
export function attachRecordFinder({ form, input, list, status, find, test, onError }) {
  const buttons = () => [...list.querySelectorAll("button")];

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
      const count = `${records.length} match${records.length === 1 ? "" : "es"}`;
      fill(
        status,
        records.length === 0
          ? `No record matches “${query}”.`
          : `${count} for “${query}”${records.length > 1 ? ": choose one to test (↓ to reach them)" : ""}.`,
      );
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
                onClick: (e) => choose(record, e.currentTarget),
              },
              record.label,
              " ",
              h("small", { class: "hint" }, `#${record.id}`),
            ),
          ),
        ),
      );
      if (records.length === 1) await choose(records[0], buttons()[0]);
    } catch (error) {
      fill(status);
      onError(error);
    }
  });

  input.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" || buttons().length === 0) return;
    event.preventDefault();
    buttons()[0].focus();
  });
  list.addEventListener("keydown", (event) => {
    const all = buttons();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    const next =
      event.key === "ArrowDown"
        ? all[Math.min(at + 1, all.length - 1)]
        : event.key === "ArrowUp"
          ? (all[at - 1] ?? input)
          : event.key === "Escape"
            ? input
            : null;
    if (!next) return;
    event.preventDefault();
    next.focus();
  });
}
