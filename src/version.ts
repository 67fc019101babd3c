import { readFileSync } from "node:fs";

/** The package version, read once from package.json (two levels up from src/ and dist/src/). */
export function loadVersion(): string {
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "lead-score" && pkg.version) return pkg.version;
    } catch {
      // try the next candidate: the file sits at a different depth in src/ and dist/src/
    }
  }
  return "0.0.0";
}
