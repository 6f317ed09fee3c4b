#!/usr/bin/env node
/**
 * `npm run build`: compiles src/ into dist/ with tsc, unless dist/ is already newer than every source, so
 * `npm start`, `npm run bench` and the test suite do not pay a compiler start (~2 s) when nothing changed.
 * tsc itself is incremental (dist/.tsbuildinfo), so a build after an edit recompiles only what it must.
 * `--force` recompiles everything. Plain JavaScript: it has to run before anything is built.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Written only after tsc succeeded: a failed build is retried next time, never taken as up to date. */
const stamp = join(root, "dist", ".build-stamp");

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest change among the compiler's inputs; folders count too, so a deleted or renamed file does. */
function newestInput() {
  const src = join(root, "src");
  const paths = [src, join(root, "tsconfig.json"), join(root, "package.json"), ...readdirSync(src, { recursive: true }).map((p) => join(src, p))];
  return Math.max(...paths.map((p) => mtime(p) ?? Infinity));
}

const force = process.argv.includes("--force");
// Without its build info, tsc emits every file again, not only those it knows have changed.
if (force) rmSync(join(root, "dist", ".tsbuildinfo"), { force: true });
const built = mtime(stamp);
if (force || built === undefined || built < newestInput()) {
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")], { stdio: "inherit" });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
