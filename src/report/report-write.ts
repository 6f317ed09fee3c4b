/**
 * Writes a report folder all or nothing: every file goes into a temporary folder beside the output
 * (`.<name>.tmp-<pid>`), which then takes the output's place; the previous report is removed only after that.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { InputError } from "../common/errors.js";

/** A folder holding one of these is a report this command may replace. */
const REPORT_MARKERS = ["report.md", "result.json"];

/**
 * Checks, before any work, that `dir` can receive a report: it does not exist, is empty, or holds a previous
 * report. A file, the working folder (or one above it) and a folder of other things are refused.
 */
export function checkOutputFolder(dir: string, markers: readonly string[] = REPORT_MARKERS): void {
  const full = resolve(dir);
  const rel = relative(full, process.cwd());
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside) {
    throw new InputError(`-o ${dir}: is the working folder or contains it; give a folder for the report, e.g. -o reports/<name>`);
  }
  let isDirectory: boolean;
  try {
    isDirectory = statSync(full).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new InputError(`-o ${dir}: cannot use it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!isDirectory) throw new InputError(`-o ${dir}: exists and is not a folder; give a folder for the report`);
  const entries = readdirSync(full);
  if (entries.length > 0 && !markers.some((m) => entries.includes(m))) {
    throw new InputError(`-o ${dir}: the folder is not empty and holds no report (no ${markers.join(" or ")}); refusing to replace it`);
  }
}

/** Writes `files` (relative paths, `/`-separated) as the whole content of `dir`, replacing what was there. */
export function writeFolderAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const full = resolve(dir);
  const parent = dirname(full);
  const name = basename(full);
  const temp = join(parent, `.${name}.tmp-${process.pid}`);
  const old = join(parent, `.${name}.old-${process.pid}`);
  mkdirSync(parent, { recursive: true });
  rmSync(temp, { recursive: true, force: true });
  try {
    mkdirSync(temp);
    for (const [path, contents] of files) {
      const target = join(temp, ...path.split("/"));
      if (!target.startsWith(temp + sep)) throw new Error(`report file ${path} would land outside the report folder`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, contents);
    }
    if (existsSync(full)) {
      renameSync(full, old);
      try {
        renameSync(temp, full);
      } catch (error) {
        renameSync(old, full);
        throw error;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, full);
    }
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Writes a file atomically: a temporary file beside it, then a rename over the target. */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, contents);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
