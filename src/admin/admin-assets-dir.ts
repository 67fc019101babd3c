import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The admin page's scripts and styles, served as they are (no bundler). tsc copies no .js/.css, so
 * from dist/src/admin/ (npm start) they are read from the source tree: ../../../src/admin/assets/.
 */
export function adminAssetsDir(): string {
  const beside = fileURLToPath(new URL("./assets/", import.meta.url));
  if (existsSync(`${beside}admin.css`)) return beside;
  return fileURLToPath(new URL("../../../src/admin/assets/", import.meta.url));
}
