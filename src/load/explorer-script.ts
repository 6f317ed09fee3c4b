import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The explorer page's script: src/explore/ and the engine, bundled for the browser by `npm run build`
 * (scripts/bundle-explorer.mjs). The same path from dist/load/ and, in the tests, from src/load/.
 */
const SCRIPT = fileURLToPath(new URL("../../dist/explore/bundle.js", import.meta.url));

export function readExplorerScript(): string {
  try {
    return readFileSync(SCRIPT, "utf8");
  } catch (error) {
    // Ours, not the user's (exit 1): a build step did not run.
    throw new Error(`the explorer's script ${SCRIPT} is missing: run npm run build (${String(error)})`);
  }
}
