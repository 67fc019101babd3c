import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * examples/ at the repository root: from src/sandbox-mode/ two levels up, from dist/src/sandbox-mode/
 * (npm start) three. The
 * same files are the README's examples and `lead-score validate|evaluate --definition` inputs.
 */
export function exampleScoresDir(): string {
  const fromSrc = fileURLToPath(new URL("../../examples/", import.meta.url));
  if (existsSync(fromSrc)) return fromSrc;
  return fileURLToPath(new URL("../../../examples/", import.meta.url));
}

/** Every examples/*.json, parsed but not validated (createScore validates), in file-name order. */
export function loadExampleScores(dir = exampleScoresDir()): unknown[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      try {
        return JSON.parse(readFileSync(path, "utf8")) as unknown;
      } catch (error) {
        throw new Error(`${path}: invalid JSON: ${(error as Error).message}`);
      }
    });
}
