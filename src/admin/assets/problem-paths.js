// Where a validation message goes (docs/decisions.md §One definition object): the API's `problems[].path`
// ("groups[1].rules[0].points") names a field; when the form has no element for it (a list, an
// optional part not shown), the message goes to the nearest enclosing path that has one.

/**
 * The path, then each enclosing path, most specific first:
 * "groups[1].rules" → ["groups[1].rules", "groups[1]", "groups"].
 * @param {string} path
 * @returns {string[]}
 */
export function enclosingPaths(path) {
  const paths = [];
  let p = path;
  for (;;) {
    paths.push(p);
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return paths;
    p = p.slice(0, cut);
  }
}
