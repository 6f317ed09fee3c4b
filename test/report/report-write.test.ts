import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { checkOutputFolder, writeFolderAtomic } from "../../src/report/report-write.js";
import { snapshotText } from "./report-helpers.js";

describe("report folder writing", () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), "report-write-"));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it("creates the folder, with parents and sub-folders", () => {
    const out = join(base, "reports", "a");
    writeFolderAtomic(out, new Map<string, string | Uint8Array>([["report.md", "# A\n"], ["charts/x.png", new Uint8Array([1, 2, 3])]]));
    expect(snapshotText(out)).toEqual({ "report.md": "# A\n", "charts/x.png": "\u0001\u0002\u0003" });
    expect(readdirSync(join(base, "reports"))).toEqual(["a"]);
  });

  it("replaces the whole previous report, stale files included, and leaves no temporary folder", () => {
    const out = join(base, "r");
    writeFolderAtomic(out, new Map([["report.md", "old"], ["charts/gone.png", "x"]]));
    writeFolderAtomic(out, new Map([["report.md", "new"]]));
    expect(snapshotText(out)).toEqual({ "report.md": "new" });
    expect(readdirSync(base)).toEqual(["r"]);
  });

  it("keeps the previous report when writing fails, and cleans up", () => {
    const out = join(base, "r");
    writeFolderAtomic(out, new Map([["report.md", "old"]]));
    expect(() => writeFolderAtomic(out, new Map([["report.md", "new"], ["../escape.md", "x"]]))).toThrow(/outside the report folder/);
    expect(snapshotText(out)).toEqual({ "report.md": "old" });
    expect(readdirSync(base)).toEqual(["r"]);
  });

  it("accepts a missing, empty or previous-report folder", () => {
    expect(() => checkOutputFolder(join(base, "missing", "deeper"))).not.toThrow();
    mkdirSync(join(base, "empty"));
    expect(() => checkOutputFolder(join(base, "empty"))).not.toThrow();
    mkdirSync(join(base, "old"));
    writeFileSync(join(base, "old", "report.md"), "# old\n");
    writeFileSync(join(base, "old", "notes.txt"), "kept until replaced\n");
    expect(() => checkOutputFolder(join(base, "old"))).not.toThrow();
  });

  it("refuses a file, a folder of other things and the working folder", () => {
    writeFileSync(join(base, "file"), "x");
    expect(() => checkOutputFolder(join(base, "file"))).toThrow(InputError);
    expect(() => checkOutputFolder(join(base, "file"))).toThrow(/exists and is not a folder/);
    mkdirSync(join(base, "src"));
    writeFileSync(join(base, "src", "main.ts"), "");
    expect(() => checkOutputFolder(join(base, "src"))).toThrow(/holds no report/);
    expect(() => checkOutputFolder(".")).toThrow(/working folder/);
    expect(() => checkOutputFolder("..")).toThrow(/working folder/);
  });
});
