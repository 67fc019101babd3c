import { definitionToSend, newDefinition } from "./builder-definition.js";
import { focusByKey } from "./builder-focus.js";
import { renderDefinitionForm } from "./builder-form.js";
import { catalogNames, createPickerCatalog, redrawKeepingFocus } from "./picker-catalog.js";
import { ruleEvidenceAt, rulePlace } from "./rule-evidence.js";

// The form and the JSON view edit one definition object (docs/decisions.md §One definition object). The
// editor holds it with what the page knows of it: the saved score's id (null until the first save), its
// status, unsaved edits, and what is folded (docs/decisions.md §Builder inputs are never replaced).

/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */
/** @typedef {import("./types.js").BuilderView} BuilderView */
/** @typedef {ReturnType<typeof createDefinitionEditor>} DefinitionEditor */
/** @typedef {{openRule: [number, number] | null, closedGroups: number[]}} FoldedPlaces */

/**
 * What is open and folded, by place: the open rule's group and rule index, the folded groups' indexes.
 * @param {DraftDefinition} definition
 * @param {BuilderView} view
 * @returns {FoldedPlaces}
 */
export function foldedPlaces(definition, view) {
  /** @type {[number, number] | null} */
  let openRule = null;
  definition.groups.forEach((group, g) => {
    const r = view.openRule ? group.rules.indexOf(view.openRule) : -1;
    if (r >= 0) openRule = [g, r];
  });
  const closedGroups = definition.groups.flatMap((group, g) => (view.closedGroups.has(group) ? [g] : []));
  return { openRule, closedGroups };
}

/**
 * The view of another definition with the same places open and folded (those it has).
 * @param {DraftDefinition} definition
 * @param {FoldedPlaces} places
 * @returns {BuilderView}
 */
export function viewAt(definition, places) {
  const [g, r] = places.openRule ?? [-1, -1];
  const closedGroups = new WeakSet();
  for (const index of places.closedGroups) {
    const group = definition.groups[index];
    if (group) closedGroups.add(group);
  }
  return { openRule: definition.groups[g]?.rules[r] ?? null, closedGroups };
}

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
  /** Parts drawn from the definition that follow every edit in place (summaries, warnings, derived ids). */
  /** @type {(() => void)[]} */
  let liveParts = [];
  const editor = {
    scoreId,
    /** @type {NonNullable<DraftDefinition["status"]>} */
    status: "draft",
    dirty: false,
    definition: newDefinition(),
    /** @type {import("./types.js").BuilderView} */
    view: { openRule: null, closedGroups: new WeakSet() },
    /**
     * The suggestion this score came from, once read (builder-suggestion.js): its rules' evidence.
     * @type {import("./rule-evidence.js").HeldSuggestion | null}
     */
    suggestion: null,
    toSend: () => definitionToSend(editor.definition),
    toJson: () => JSON.stringify(editor.toSend(), null, 2),
    /**
     * HubSpot's labels for a rule's names from the catalogs loaded so far, as the folded rules show them.
     * @param {import("./types.js").PropertySource} source
     */
    ruleNames: (source) => catalogNames(pickers, source),
    /** Runs when a catalog arrives (or fails), after the form is drawn again: the test panel's rule lines. */
    onCatalog: () => {},
    /** @param {string} [key] the control to focus once drawn (builder-focus.js) */
    render(key) {
      liveParts = [];
      form.replaceChildren(...renderDefinitionForm(editor.definition, ctx).filter((part) => part !== null));
      focusByKey(form, key);
      syncJson();
      onRender();
    },
    /**
     * A revision from the API: its status moves out of the definition, to the lifecycle buttons. With
     * keepEdits (the user typed on while it was asked for), only its status is taken: the form and what
     * was typed stay, unsaved (docs/decisions.md §Builder inputs are never replaced).
     * @param {import("./types.js").ScoreRevision} revision
     * @param {{keepEdits?: boolean}} [options]
     */
    load(revision, { keepEdits = false } = {}) {
      if (keepEdits) {
        editor.status = revision.definition.status ?? "draft";
        editor.dirty = true;
        onRender();
        return;
      }
      // A save answers with the definition anew: what was open stays open, found by its place.
      const places = foldedPlaces(editor.definition, editor.view);
      editor.definition = structuredClone(revision.definition);
      editor.status = editor.definition.status ?? "draft";
      delete editor.definition.status;
      editor.dirty = false;
      editor.view = viewAt(editor.definition, places);
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
      editor.view.openRule = null;
      editor.render();
    },
    /**
     * Unfolds the rule and the group a definition path is in ("groups[1].rules[0].points"), so the
     * field it names is drawn; true when that needed a render.
     * @param {string} path
     */
    reveal(path) {
      const match = /^groups\[(\d+)\](?:\.rules\[(\d+)\])?/.exec(path);
      const group = match ? editor.definition.groups[Number(match[1])] : undefined;
      if (!group) return false;
      const rule = match?.[2] === undefined ? null : (group.rules[Number(match[2])] ?? null);
      const closed = editor.view.closedGroups.has(group);
      if (!closed && (rule === null || editor.view.openRule === rule)) return false;
      editor.view.closedGroups.delete(group);
      if (rule) editor.view.openRule = rule;
      editor.render();
      return true;
    },
  };

  // A new score starts with its one rule open, to be filled in.
  if (!scoreId) editor.view.openRule = editor.definition.groups[0]?.rules[0] ?? null;

  // Someone editing the JSON keeps their text until they apply it.
  function syncJson() {
    if (document.activeElement !== jsonView) jsonView.value = editor.toJson();
  }

  // A catalog that arrives draws the form again, the focus and what is being typed staying where they are.
  const pickers =
    call &&
    createPickerCatalog(
      call,
      () => {
        redrawKeepingFocus(form, (key) => editor.render(key));
        editor.onCatalog();
      },
      () => editor.definition.object,
    );

  /** What the form's parts see (builder-form.js). @type {import("./types.js").FormContext} */
  const ctx = {
    pickers,
    get isSaved() {
      return editor.scoreId !== null;
    },
    get view() {
      return editor.view;
    },
    changed() {
      editor.dirty = true;
      for (const refresh of liveParts) refresh();
      syncJson();
    },
    // Only a control that changes the form's shape calls this (a select, a checkbox, a button): it is
    // the focused control, drawn anew and focused again by its key. A typed value never rebuilds the
    // form (docs/decisions.md §Builder inputs are never replaced).
    rerender(key) {
      editor.dirty = true;
      editor.render(key);
    },
    redraw(key) {
      editor.render(key);
    },
    live(refresh) {
      liveParts.push(refresh);
      refresh();
    },
    get ruleEvidence() {
      const suggestion = editor.suggestion;
      if (!suggestion) return undefined;
      return (/** @type {string} */ path) => {
        const place = rulePlace(path);
        return place && ruleEvidenceAt(suggestion, editor.definition, ...place);
      };
    },
  };
  return editor;
}
