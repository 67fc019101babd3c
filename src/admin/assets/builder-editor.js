import { definitionToSend, newDefinition } from "./builder-definition.js";
import { focusByKey, focusedKey } from "./builder-focus.js";
import { renderDefinitionForm } from "./builder-form.js";
import { createPickerCatalog } from "./picker-catalog.js";

// The form and the JSON view edit one definition object (docs/decisions.md §One definition object). The
// editor holds it with what the page knows of it: the saved score's id (null until the first save), its
// status, unsaved edits.

/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */
/** @typedef {ReturnType<typeof createDefinitionEditor>} DefinitionEditor */

/**
 * onRender runs after every render, for what depends on the state (which buttons apply).
 * @param {{
 *   form: HTMLElement,
 *   jsonView: HTMLTextAreaElement,
 *   scoreId: string | null,
 *   onRender: () => void,
 *   call?: import("./types.js").PortalCall,
 * }} parts `call` reads the portal's catalogs for the pickers (picker-catalog.js)
 */
export function createDefinitionEditor({ form, jsonView, scoreId, onRender, call }) {
  const editor = {
    scoreId,
    /** @type {NonNullable<DraftDefinition["status"]>} */
    status: "draft",
    dirty: false,
    definition: newDefinition(),
    toSend: () => definitionToSend(editor.definition),
    toJson: () => JSON.stringify(editor.toSend(), null, 2),
    /** @param {string} [key] the control to focus once drawn (builder-focus.js) */
    render(key) {
      form.replaceChildren(...renderDefinitionForm(editor.definition, ctx).filter((part) => part !== null));
      focusByKey(form, key);
      syncJson();
      onRender();
    },
    /**
     * A revision from the API: its status moves out of the definition, to the lifecycle buttons.
     * @param {import("./types.js").ScoreRevision} revision
     */
    load(revision) {
      editor.definition = structuredClone(revision.definition);
      editor.status = editor.definition.status ?? "draft";
      delete editor.definition.status;
      editor.dirty = false;
      editor.render();
    },
    /**
     * A definition from outside the form (JSON): unsaved, and a saved score keeps its id.
     * @param {DraftDefinition} definition
     */
    apply(definition) {
      editor.definition = { ...definition, ...(editor.scoreId ? { id: editor.scoreId } : {}) };
      delete editor.definition.status;
      editor.dirty = true;
      editor.render();
    },
  };

  // Someone editing the JSON keeps their text until they apply it.
  function syncJson() {
    if (document.activeElement !== jsonView) jsonView.value = editor.toJson();
  }

  // A catalog that arrives draws the form again, the focus staying where it is.
  const pickers =
    call &&
    createPickerCatalog(
      call,
      () => editor.render(focusedKey(form)),
      () => editor.definition.object,
    );

  /** What the form's parts see (builder-form.js). @type {import("./types.js").FormContext} */
  const ctx = {
    pickers,
    get isSaved() {
      return editor.scoreId !== null;
    },
    changed() {
      editor.dirty = true;
      syncJson();
    },
    // Without a key, after the current event: a change fired by leaving a field must not pull focus back.
    rerender(key) {
      editor.dirty = true;
      if (key) editor.render(key);
      else setTimeout(() => editor.render(focusedKey(form)), 0);
    },
  };
  return editor;
}
