// docs/scoring.md §Properties: `name`, `name_threshold`, and for combined scores the two parts.
export function scorePropertyNames(name: string, type: "engagement" | "fit" | "combined"): string[] {
  const names = [name, `${name}_threshold`];
  if (type === "combined") names.push(`${name}_engagement`, `${name}_fit`);
  return names;
}
