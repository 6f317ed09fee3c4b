/**
 * The marker that says "accel-sizer wrote this folder", and the short names of our temporary folders.
 * Only a folder holding our marker is ever replaced or removed: a user's folder is never deleted.
 */
import { createHash } from "node:crypto";
import { closeSync, lstatSync, openSync, readSync, readdirSync, renameSync, rmSync, rmdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export const MARKER = ".accel-sizer";

export const TOOL_VERSION = (createRequire(import.meta.url)("../../../package.json") as { version: string }).version;

/** What the marker holds: who wrote the folder and every file it wrote (so files others add are noticed). */
export interface Marker {
  readonly writtenBy: "accel-sizer";
  readonly version: string;
  readonly command: string;
  readonly files: readonly string[];
}

export function markerText(command: string, files: readonly string[]): string {
  const marker: Marker & { note: string } = {
    writtenBy: "accel-sizer",
    version: TOOL_VERSION,
    command,
    note: "accel-sizer replaces this folder on its next run with the same -o; it refuses folders without this file",
    files: [...files].sort(),
  };
  return `${JSON.stringify(marker, null, 2)}\n`;
}

/** A marker larger than this is not ours (ours lists file names only). */
const MAX_MARKER_BYTES = 1024 * 1024;

/** Our marker in `dir`, or undefined when there is none (or a file of that name that we did not write). */
export function readMarker(dir: string): Marker | undefined {
  const path = join(dir, MARKER);
  try {
    const stat = lstatSync(path);
    if (!stat.isFile() || stat.size > MAX_MARKER_BYTES) return undefined;
    const buffer = Buffer.alloc(stat.size);
    const fd = openSync(path, "r");
    try {
      readSync(fd, buffer, 0, stat.size, 0);
    } finally {
      closeSync(fd);
    }
    const data = JSON.parse(buffer.toString("utf8")) as Partial<Marker>;
    const ok =
      data.writtenBy === "accel-sizer" && Array.isArray(data.files) && data.files.every((f) => typeof f === "string");
    return ok ? (data as Marker) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Temporary folders are `.acs<pid>.<hash>.new` (being written) and `.acs<pid>.<hash>.old` (the previous report
 * between two renames), where hash is 8 hex digits of the output's name: short whatever the output's name is
 * (a 250-character name must not make a 270-character temp name), and tied to one output folder.
 */
const TEMP_NAME = /^\.acs(\d{1,10})\.([0-9a-f]{8})\.(new|old)$/;

export function nameHash(name: string): string {
  return createHash("sha256").update(name).digest("hex").slice(0, 8);
}

export function tempName(name: string, role: "new" | "old", pid = process.pid): string {
  return `.acs${pid}.${nameHash(name)}.${role}`;
}

/** Whether a process with this id runs; our own id counts as running (its folders are this run's). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes what killed runs for output `name` left in `dir`: temporary folders with our marker (or empty) whose
 * process is gone. A previous report left as `.old` between the two renames of a killed run is put back when
 * the output is missing. Best effort: a leftover that cannot be removed now is tried again by the next run.
 */
export function removeStale(dir: string, name: string, output: string | undefined): void {
  for (const { path, role } of deadLeftovers(dir, name)) {
    try {
      if (!lstatSync(path).isDirectory()) continue;
      if (readMarker(path) === undefined) {
        // Killed before its marker was whole (or after removeOurs took everything but it): only a folder that
        // holds nothing else is certainly ours to remove.
        const left = readdirSync(path);
        if (left.length === 0 || (left.length === 1 && left[0] === MARKER)) removeOurs(path);
        continue;
      }
      if (role === "old" && output !== undefined && !exists(output)) renameSync(path, output);
      else removeOurs(path);
    } catch {
      // Left for the next run.
    }
  }
}

/**
 * Removes the temporary files killed runs left beside file `name` in `dir` (writeFileAtomic's
 * `.acs<pid>.<hash>.new`, a file, whose process is gone): the hash ties them to this file name. Best effort.
 */
export function removeStaleFiles(dir: string, name: string): void {
  for (const { path, role } of deadLeftovers(dir, name)) {
    try {
      if (role === "new" && lstatSync(path).isFile()) rmSync(path, { force: true });
    } catch {
      // Left for the next run.
    }
  }
}

/** Entries of `dir` named as a temporary of output `name` by a process that is gone. */
function deadLeftovers(dir: string, name: string): { path: string; role: string }[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const hash = nameHash(name);
  return entries.flatMap((entry) => {
    const match = TEMP_NAME.exec(entry);
    return match && match[2] === hash && !isAlive(Number(match[1]))
      ? [{ path: join(dir, entry), role: match[3]! }]
      : [];
  });
}

/**
 * Removes a folder of ours with its marker last, so a run killed while removing it leaves a folder the next
 * run still knows to be ours (rm -r takes entries in any order, the marker possibly first).
 */
export function removeOurs(path: string): void {
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch {
    return;
  }
  for (const entry of entries) if (entry !== MARKER) rmSync(join(path, entry), { recursive: true, force: true });
  rmSync(join(path, MARKER), { force: true });
  rmdirSync(path);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
