/**
 * Writes a report or sweep folder without ever losing a user's files.
 *
 * - A new folder, an empty one or one holding our marker (and only the files the marker lists) is replaced
 *   all or nothing (another command's output, a report where a sweep would go, only with `--force`):
 *   everything goes to a temporary folder beside it, then two renames swap it in. A run killed
 *   at any moment leaves the previous report whole: at worst it sits in `.acs<pid>.<hash>.old` between the two
 *   renames, and the next run puts it back.
 * - Any other existing folder is refused, unless `--force`: then only our files are written into it, each by a
 *   rename, and nothing else in it is touched.
 * - Every file-system failure is the user's to fix (exit 2) and names the path and the reason.
 */
import { accessSync, constants, lstatSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { InputError } from "../../common/errors.js";
import { errnoCode, fsInputError, fsReason } from "../../common/fs-errors.js";
import { MARKER, markerText, readMarker, removeOurs, removeStale, tempName } from "./output-marker.js";

export interface OutputPlan {
  /** The path as the user gave it, for messages. */
  readonly dir: string;
  readonly full: string;
  /** `replace`: swap in a whole new folder; `in-place`: --force into a folder that is not (only) ours. */
  readonly mode: "replace" | "in-place";
  /** The command that writes it (`report`, `sweep`), recorded in the marker. */
  readonly command: string;
}

/** The one write a test may replace, to fail like a full disk where no small file system can be mounted. */
export interface FolderIo {
  writeFile(path: string, contents: string | Uint8Array): void;
}

const nodeIo: FolderIo = { writeFile: (path, contents) => writeFileSync(path, contents) };

/** Entries looked at in an existing folder before giving up and treating it as someone else's. */
const MAX_ENTRIES = 10_000;

/**
 * Checks, before any work, that `dir` can receive the output, and says how it will be written. Leftovers of
 * killed runs for this output are cleaned up first.
 */
export function planOutputFolder(dir: string, options: { command: string; force?: boolean }): OutputPlan {
  const full = resolve(dir);
  const rel = relative(full, process.cwd());
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside)
    throw new InputError(
      `-o ${dir}: is the working folder or contains it; give a folder for the output, e.g. -o reports/<name>`,
    );
  const parent = dirname(full);
  const where = `-o ${dir}`;
  let parentStat;
  try {
    parentStat = statSync(parent);
  } catch (error) {
    if (errnoCode(error) === "ENOENT")
      throw new InputError(`${where}: the folder ${dirname(dir)} does not exist; create it first`);
    throw fsInputError(`${where}: ${dirname(dir)}`, error);
  }
  if (!parentStat.isDirectory()) throw new InputError(`${where}: ${dirname(dir)} is not a folder`);
  removeStale(parent, basename(full), full);
  // A killed --force run leaves its staging folder inside the output: gone before the output is judged.
  if (isFolder(full)) removeStale(full, basename(full), undefined);
  const state = inspect(full, where);
  // Ours, but another command's output (a report where a sweep would go): replaced only when the user says so.
  if (
    state.kind === "ours" &&
    state.command !== undefined &&
    state.command !== options.command &&
    options.force !== true
  ) {
    throw new InputError(
      `${where}: holds the output of accel-sizer ${state.command}, which ${options.command} would replace; choose another -o, or give --force to replace it`,
    );
  }
  try {
    accessSync(state.kind === "missing" || state.kind === "ours" ? parent : full, constants.W_OK);
  } catch (error) {
    throw fsInputError(`${where}: cannot write into ${state.kind === "foreign" ? dir : dirname(dir)}`, error);
  }
  if (state.kind === "foreign") {
    if (options.force !== true) throw new InputError(foreignMessage(dir, state.entries, state.hasMarker));
    return { dir, full, mode: "in-place", command: options.command };
  }
  return { dir, full, mode: "replace", command: options.command };
}

function foreignMessage(dir: string, entries: readonly string[], hasMarker: boolean): string {
  const force = "(--force writes only accel-sizer's files into it and leaves the others)";
  if (!hasMarker) return `${dir} exists and was not written by accel-sizer; choose another -o or remove it ${force}`;
  const listed = entries.slice(0, 3).join(", ") + (entries.length > 3 ? ", …" : "");
  return `${dir} holds files accel-sizer did not write (${listed}); move them out or choose another -o ${force}`;
}

type FolderState =
  | { kind: "missing" }
  /** Empty, or holding only what our marker lists; `command` wrote it (undefined when empty). */
  | { kind: "ours"; command?: string }
  | { kind: "foreign"; entries: readonly string[]; hasMarker: boolean };

/** What is at the output path now: nothing, an empty folder or ours alone, or a folder with others' files. */
function inspect(full: string, where: string): FolderState {
  let stat;
  try {
    stat = lstatSync(full);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return { kind: "missing" };
    throw fsInputError(where, error);
  }
  if (stat.isSymbolicLink()) throw new InputError(`${where}: is a symbolic link; give the folder itself`);
  if (!stat.isDirectory()) throw new InputError(`${where}: exists and is not a folder; give a folder for the output`);
  let entries: string[];
  try {
    entries = walk(full);
  } catch (error) {
    throw fsInputError(where, error);
  }
  if (entries.length === 0) return { kind: "ours" };
  const marker = readMarker(full);
  if (marker === undefined) return { kind: "foreign", entries, hasMarker: false };
  const files = new Set(marker.files);
  const folders = new Set(
    marker.files.flatMap((f) =>
      f
        .split("/")
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
    ),
  );
  const others = entries.filter((e) => e !== MARKER && !files.has(e) && !folders.has(e));
  return others.length === 0
    ? { kind: "ours", command: marker.command }
    : { kind: "foreign", entries: others, hasMarker: true };
}

/** Every entry under `dir` (`/`-separated, symbolic links not followed), at most MAX_ENTRIES + 1 of them. */
function walk(dir: string): string[] {
  const found: string[] = [];
  const pending = [""];
  while (pending.length > 0 && found.length <= MAX_ENTRIES) {
    const prefix = pending.pop()!;
    for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
      const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      found.push(path);
      if (entry.isDirectory()) pending.push(path);
    }
  }
  return found;
}

/** Writes `files` (relative, `/`-separated paths) as planned; on any failure the previous output is untouched. */
export function writeOutputFolder(
  plan: OutputPlan,
  files: ReadonlyMap<string, string | Uint8Array>,
  io: FolderIo = nodeIo,
): void {
  for (const path of files.keys()) {
    const parts = path.split("/");
    if (path === MARKER || parts.some((p) => p === "" || p === "." || p === "..") || isAbsolute(path)) {
      throw new Error(`output file ${path} would land outside the output folder`);
    }
  }
  if (plan.mode === "in-place") writeInPlace(plan, files, io);
  else replaceFolder(plan, files, io);
}

function replaceFolder(plan: OutputPlan, files: ReadonlyMap<string, string | Uint8Array>, io: FolderIo): void {
  const { full, dir } = plan;
  const parent = dirname(full);
  const temp = join(parent, tempName(basename(full), "new"));
  const old = join(parent, tempName(basename(full), "old"));
  const where = `-o ${dir}`;
  try {
    makeFolder(temp, where);
    // The marker first: a run killed while writing leaves a folder the next run knows to be ours.
    io.writeFile(join(temp, MARKER), markerText(plan.command, [...files.keys()]));
    writeAll(temp, files, io, where);
    // The folder may have changed while we worked: look again right before replacing it.
    const state = inspect(full, where);
    if (state.kind === "foreign") throw new InputError(foreignMessage(dir, state.entries, state.hasMarker));
    if (state.kind === "missing" || isEmptyFolder(full)) {
      renameSync(temp, full);
      return;
    }
    renameSync(full, old);
    try {
      renameSync(temp, full);
    } catch (error) {
      renameSync(old, full);
      throw error;
    }
    bestEffort(() => removeOurs(old));
  } catch (error) {
    bestEffort(() => removeOurs(temp));
    throw fsInputError(where, error);
  }
}

/** --force into someone's folder: every file is written first, then renamed over its name; nothing else moves. */
function writeInPlace(plan: OutputPlan, files: ReadonlyMap<string, string | Uint8Array>, io: FolderIo): void {
  const where = `-o ${plan.dir}`;
  const stage = join(plan.full, tempName(basename(plan.full), "new"));
  const entries = [...files];
  try {
    makeFolder(stage, where);
    io.writeFile(join(stage, MARKER), markerText(plan.command, []));
    entries.forEach(([, contents], i) => io.writeFile(join(stage, String(i)), contents));
    // Folders made and names checked before the first rename, so a clash leaves the folder as it was.
    const targets = entries.map(([path]) => {
      const target = join(plan.full, ...path.split("/"));
      // A folder on the way that is a symbolic link would take the file outside -o.
      const link = linkOnTheWay(plan.full, path);
      if (link !== undefined)
        throw new InputError(
          `${where}: cannot write ${path}: ${link} is a symbolic link, and writing through it would write outside -o; remove it or choose another -o`,
        );
      try {
        mkdirSync(dirname(target), { recursive: true });
        if (isFolder(target)) throw new InputError(`${where}: cannot replace ${path}: it is a folder`);
      } catch (error) {
        throw fsInputError(`${where}: cannot write ${path}`, error);
      }
      return target;
    });
    targets.forEach((target, i) => renameSync(join(stage, String(i)), target));
  } catch (error) {
    throw fsInputError(where, error);
  } finally {
    bestEffort(() => removeOurs(stage));
  }
}

/** The first folder of `path` (below `root`) that is a symbolic link, if any. */
function linkOnTheWay(root: string, path: string): string | undefined {
  const parts = path.split("/").slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join("/");
    try {
      if (lstatSync(join(root, ...parts.slice(0, i))).isSymbolicLink()) return prefix;
    } catch {
      return undefined; // missing: made below, inside -o
    }
  }
  return undefined;
}

function writeAll(root: string, files: ReadonlyMap<string, string | Uint8Array>, io: FolderIo, where: string): void {
  for (const [path, contents] of files) {
    const target = join(root, ...path.split("/"));
    try {
      mkdirSync(dirname(target), { recursive: true });
      io.writeFile(target, contents);
    } catch (error) {
      throw fsInputError(`${where}: cannot write ${path}`, error);
    }
  }
}

/** mkdir, with the one surprising errno explained: /proc and /sys answer ENOENT for a folder they cannot hold. */
function makeFolder(path: string, where: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    if (errnoCode(error) === "ENOENT")
      throw new InputError(`${where}: this file system does not allow creating folders here (${fsReason(error)})`);
    throw fsInputError(where, error);
  }
}

/** Cleanup that may fail without failing the run: what it leaves, the next run removes (see removeStale). */
function bestEffort(cleanup: () => void): void {
  try {
    cleanup();
  } catch {
    // Left for the next run.
  }
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isEmptyFolder(path: string): boolean {
  return readdirSync(path).length === 0;
}
