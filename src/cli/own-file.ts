import { existsSync, readFileSync, statSync } from "node:fs";
import { InputError } from "../common/errors.js";

/**
 * A single output file (an explorer page, a trace) may replace only a file accel-sizer wrote: one whose first
 * KiB holds `marker`. Anything else is the user's, refused unless they give --force.
 */
export function checkOwnFile(path: string, marker: string, flag: string, what: string, force: boolean): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory())
    throw new InputError(`${flag} ${path}: is a folder; give the path of a file to write`);
  if (force) return;
  let head = "";
  try {
    head = readFileSync(path, "utf8").slice(0, 1024);
  } catch {
    // Unreadable or a folder: refused below, as not ours.
  }
  if (!head.includes(marker))
    throw new InputError(
      `${flag} ${path}: exists and is not ${what} accel-sizer wrote; choose another ${flag}${force ? "" : " or give --force to replace it"}`,
    );
}

export const toolVersion = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
