import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { readInputFile } from "../../src/load/read-input.js";
import { InputError } from "../../src/common/errors.js";

// As root (as CI runs), chmod 000 does not stop a read: the failure is simulated where fs reports it.
vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  return {
    ...fs,
    readFileSync: (path: string, ...rest: unknown[]) => {
      if (String(path).endsWith("unreadable.yaml")) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), "accel-sizer-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readInputFile", () => {
  it("reports a file it may stat but not read as an InputError, not an internal error", () => {
    const path = join(dir, "unreadable.yaml");
    writeFileSync(path, "name: x\n");
    expect(() => readInputFile(path)).toThrow(InputError);
    expect(() => readInputFile(path)).toThrow(`${path}: permission denied`);
  });

  it("still reads a readable file", () => {
    const path = join(dir, "readable.yaml");
    writeFileSync(path, "name: x\n");
    expect(readInputFile(path)).toBe("name: x\n");
  });
});
