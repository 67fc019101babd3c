import { diffLines } from "./diff-lines.js";
import { button, fill, formatDate, h } from "./dom.js";

// Revisions (docs/decisions.md §Revisions): a diff against the form and
// restore.

/** @typedef {import("./types.js").ScoreRevision} ScoreRevision */

const pretty = (/** @type {unknown} */ definition) => JSON.stringify(definition, null, 2);

/**
 * @param {ScoreRevision} revision
 * @param {import("./types.js").DraftDefinition} current
 */
function diffView(revision, current) {
  const lines = diffLines(pretty(revision.definition), pretty(current));
  const changed = lines.filter((l) => l.op !== " ").length;
  return h(
    "div",
    { class: "diff-block" },
    h(
      "p",
      {},
      changed === 0
        ? "No difference with the form."
        : `Revision ${revision.revision} (−) against the form (+):`,
    ),
    changed > 0 &&
      h(
        "pre",
        { class: "diff", tabindex: 0 },
        lines.map((l) =>
          h("span", { class: l.op === "+" ? "add" : l.op === "-" ? "del" : "same" }, `${l.op} ${l.line}\n`),
        ),
      ),
  );
}

/**
 * @param {HTMLElement} container
 * @param {{
 *   call: import("./types.js").PortalCall,
 *   scoreId: string,
 *   current: () => import("./types.js").DraftDefinition,
 *   restored: (revision: ScoreRevision) => void,
 * }} ctx
 */
export async function renderRevisions(container, ctx) {
  const { revisions } = /** @type {{revisions: ScoreRevision[]}} */ (
    await ctx.call("GET", `/scores/${encodeURIComponent(ctx.scoreId)}/revisions`)
  );
  const latest = revisions.at(-1)?.revision;
  fill(
    container,
    h(
      "ol",
      { class: "revisions", reversed: true },
      revisions
        .slice()
        .reverse()
        .map((r) => {
          const slot = h("div", {});
          return h(
            "li",
            {},
            h(
              "span",
              {},
              `Revision ${r.revision} · ${r.change} · ${r.savedBy} · ${formatDate(new Date(r.savedAtMs).toISOString())}`,
            ),
            " ",
            button("Diff with the form", () => slot.replaceChildren(diffView(r, ctx.current())), {
              class: "small",
            }),
            r.revision !== latest &&
              button(
                `Restore revision ${r.revision}`,
                async () => {
                  const restored = await ctx.call(
                    "POST",
                    `/scores/${encodeURIComponent(ctx.scoreId)}/revisions/restore`,
                    { revision: r.revision },
                  );
                  ctx.restored(/** @type {ScoreRevision} */ (restored));
                },
                { class: "small" },
              ),
            slot,
          );
        }),
    ),
  );
}
