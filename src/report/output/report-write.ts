import { fsInputError } from "../../common/fs-errors.js";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { removeStaleFiles, tempName } from "./output-marker.js";

/**
 * Writes a file atomically: a temporary file (a short name, whatever the target's length) beside it, then a
 * rename. What a killed earlier run left beside the same file is removed first.
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  removeStaleFiles(dirname(path), basename(path));
  const temp = join(dirname(path), tempName(basename(path), "new"));
  try {
    writeFileSync(temp, contents);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    // The user's path and the reason, not the temporary file's.
    throw fsInputError(path, error);
  }
}
