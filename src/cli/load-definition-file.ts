import { readFile } from "node:fs/promises";
import { DefinitionError, parseDefinition, type ScoreDefinition } from "../scoring/index.js";
import { CliError, fileError, problemLines } from "./cli-error.js";

/** The definition in `path`, or a CliError naming the file and every field path (exit 1). */
export async function loadDefinitionFile(path: string): Promise<ScoreDefinition> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw fileError(path, error);
  }
  let json: unknown;
  try {
    // A BOM is not JSON whitespace, and Windows editors put one first.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new CliError([`${path}: invalid JSON: ${(error as Error).message}`]);
  }
  try {
    return parseDefinition(json);
  } catch (error) {
    if (error instanceof DefinitionError) throw new CliError(problemLines(path, error.problems));
    throw error;
  }
}
