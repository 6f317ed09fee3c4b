import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { readInputFile } from "../../src/load/read-input.js";
import { InputError } from "../../src/common/errors.js";

/**
 * As root (as CI runs), chmod 000 does not stop a read: the failure is put where fs reports it, for the
 * duration of `run`. Patching the builtin and syncing its ESM exports reaches every importer, however the
 * test runner shares modules between files (vi.mock would only reach modules it loads afresh).
 */
function withUnreadable(suffix: string, run: () => void): void {
  const fs = createRequire(import.meta.url)("node:fs") as typeof import("node:fs");
  const readFileSync = fs.readFileSync;
  fs.readFileSync = ((path: string, ...rest: unknown[]) => {
    if (String(path).endsWith(suffix)) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    return (readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  syncBuiltinESMExports();
  try {
    run();
  } finally {
    fs.readFileSync = readFileSync;
    syncBuiltinESMExports();
  }
}

const dir = mkdtempSync(join(tmpdir(), "accel-sizer-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readInputFile", () => {
  it("reports a file it may stat but not read as an InputError, not an internal error", () => {
    const path = join(dir, "unreadable.yaml");
    writeFileSync(path, "name: x\n");
    withUnreadable("unreadable.yaml", () => {
      expect(() => readInputFile(path)).toThrow(InputError);
      expect(() => readInputFile(path)).toThrow(`${path}: permission denied`);
    });
  });

  it("refuses a path with a control character, shown escaped (a NUL from a system file was echoed raw, in Node's words)", () => {
    expect(() => readInputFile("hardware/jetson\u0000orin.yaml")).toThrow(InputError);
    expect(() => readInputFile("hardware/jetson\u0000orin.yaml")).toThrow(
      '"hardware/jetson\\u0000orin.yaml": a file path cannot hold control characters',
    );
  });

  it("still reads a readable file", () => {
    const path = join(dir, "readable.yaml");
    writeFileSync(path, "name: x\n");
    expect(readInputFile(path)).toBe("name: x\n");
  });
});
