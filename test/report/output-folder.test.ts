import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { planOutputFolder, writeOutputFolder, type FolderIo } from "../../src/report/output/output-folder.js";
import { MARKER, markerText, tempName } from "../../src/report/output/output-marker.js";
import { snapshotText } from "./report-helpers.js";

const files = (entries: Record<string, string>) => new Map<string, string | Uint8Array>(Object.entries(entries));
const write = (dir: string, entries: Record<string, string>, force = false) =>
  writeOutputFolder(planOutputFolder(dir, { command: "report", force }), files(entries));
/** The folder's files without our marker. */
const content = (dir: string) =>
  Object.fromEntries(Object.entries(snapshotText(dir)).filter(([name]) => name !== MARKER));

/** A process id that certainly ran and has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

describe("output folders never lose a user's files", () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), "out-folder-"));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it("writes a new folder with its marker and replaces it whole next time, stale files included", () => {
    const out = join(base, "r");
    write(out, { "report.md": "old", "charts/gone.png": "x" });
    const marker = JSON.parse(readFileSync(join(out, MARKER), "utf8"));
    expect(marker).toMatchObject({
      writtenBy: "accel-sizer",
      command: "report",
      files: ["charts/gone.png", "report.md"],
    });
    write(out, { "report.md": "new" });
    expect(content(out)).toEqual({ "report.md": "new" });
    expect(readdirSync(base)).toEqual(["r"]);
  });

  it("does not let one command's output silently replace another's: a sweep over the default report needs --force", () => {
    const out = join(base, "smolvla");
    write(out, { "report.md": "the default report" });
    const before = snapshotText(out);
    expect(() => planOutputFolder(out, { command: "sweep" })).toThrow(
      `-o ${out}: holds the output of accel-sizer report, which sweep would replace; choose another -o, or give --force to replace it`,
    );
    expect(snapshotText(out)).toEqual(before);
    writeOutputFolder(planOutputFolder(out, { command: "sweep", force: true }), files({ "sweep.csv": "a,b" }));
    expect(content(out)).toEqual({ "sweep.csv": "a,b" });
    expect(JSON.parse(readFileSync(join(out, MARKER), "utf8")).command).toBe("sweep");
    // The same command replaces its own output as always.
    writeOutputFolder(planOutputFolder(out, { command: "sweep" }), files({ "sweep.csv": "c,d" }));
    expect(content(out)).toEqual({ "sweep.csv": "c,d" });
  });

  it("refuses a folder it did not write — a thesis beside a result.json — and leaves it byte for byte", () => {
    const out = join(base, "thesis");
    mkdirSync(out);
    writeFileSync(join(out, "thesis.tex"), "years of work");
    writeFileSync(join(out, "result.json"), "{}");
    const before = snapshotText(out);
    expect(() => planOutputFolder(out, { command: "report" })).toThrow(InputError);
    expect(() => planOutputFolder(out, { command: "report" })).toThrow(
      `${out} exists and was not written by accel-sizer; choose another -o or remove it`,
    );
    expect(snapshotText(out)).toEqual(before);
  });

  it("--force writes only its own file names into someone's folder, leaves the rest, and adds no marker", () => {
    const out = join(base, "mine");
    mkdirSync(join(out, "charts"), { recursive: true });
    writeFileSync(join(out, "thesis.tex"), "years of work");
    writeFileSync(join(out, "charts", "figure1.png"), "mine");
    writeFileSync(join(out, "report.md"), "to be replaced");
    write(out, { "report.md": "ours", "charts/latency.png": "chart" }, true);
    expect(snapshotText(out)).toEqual({
      "thesis.tex": "years of work",
      "charts/figure1.png": "mine",
      "report.md": "ours",
      "charts/latency.png": "chart",
    });
    // Still not ours: the next run without --force is refused again.
    expect(() => planOutputFolder(out, { command: "report" })).toThrow(/was not written by accel-sizer/);
  });

  it("--force never writes through a symbolic link inside the folder: it refuses, and both folders stay as they were", () => {
    // A `charts` link to another folder of the user's once let --force overwrite the files there.
    const out = join(base, "linked");
    const elsewhere = join(base, "elsewhere");
    mkdirSync(out);
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, "latency.png"), "the user's");
    symlinkSync(elsewhere, join(out, "charts"));
    writeFileSync(join(out, "notes.txt"), "mine");
    const before = [snapshotText(elsewhere), readdirSync(out).sort()];
    expect(() => write(out, { "report.md": "ours", "charts/latency.png": "chart" }, true)).toThrow(
      `-o ${out}: cannot write charts/latency.png: charts is a symbolic link, and writing through it would write outside -o; remove it or choose another -o`,
    );
    expect([snapshotText(elsewhere), readdirSync(out).sort()]).toEqual(before);
  });

  it("refuses our folder once someone added files to it, naming them", () => {
    const out = join(base, "r");
    write(out, { "report.md": "old", "charts/a.png": "x" });
    writeFileSync(join(out, "notes.txt"), "mine");
    writeFileSync(join(out, "charts", "mine.png"), "mine");
    expect(() => planOutputFolder(out, { command: "report" })).toThrow(
      /holds files accel-sizer did not write \((notes\.txt|charts\/mine\.png), (notes\.txt|charts\/mine\.png)\)/,
    );
  });

  it("accepts a missing or empty folder; refuses a missing parent, a file, a symlink and the working folder", () => {
    mkdirSync(join(base, "empty"));
    write(join(base, "empty"), { "report.md": "a" });
    expect(content(join(base, "empty"))).toEqual({ "report.md": "a" });
    expect(() => planOutputFolder(join(base, "missing", "deeper"), { command: "report" })).toThrow(
      /missing: does not exist|the folder .*missing does not exist; create it first/,
    );
    writeFileSync(join(base, "file"), "x");
    expect(() => planOutputFolder(join(base, "file"), { command: "report" })).toThrow(/exists and is not a folder/);
    expect(() => planOutputFolder(join(base, "file", "r"), { command: "report" })).toThrow(/file is not a folder/);
    symlinkSync(join(base, "nowhere"), join(base, "dangling"));
    expect(() => planOutputFolder(join(base, "dangling"), { command: "report" })).toThrow(
      /dangling: is a symbolic link/,
    );
    expect(() => planOutputFolder(".", { command: "report" })).toThrow(/working folder/);
    expect(() => planOutputFolder("..", { command: "report" })).toThrow(/working folder/);
  });

  it("keeps temporary names short: a 250-character output name works, a 300-character one is refused by name", () => {
    const long = join(base, "r".repeat(250));
    write(long, { "report.md": "a" });
    expect(content(long)).toEqual({ "report.md": "a" });
    expect(tempName("r".repeat(250), "new").length).toBeLessThan(32);
    const tooLong = join(base, "r".repeat(300));
    expect(() => planOutputFolder(tooLong, { command: "report" })).toThrow(
      /file name or path too long \(ENAMETOOLONG\)$/,
    );
  });

  it("a full disk while writing leaves the previous report and no temporary folder (exit-2 error with path and reason)", () => {
    const out = join(base, "r");
    write(out, { "report.md": "old" });
    let writes = 0;
    const full: FolderIo = {
      writeFile(path, contents) {
        if (++writes > 2) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        writeFileSync(path, contents);
      },
    };
    const plan = planOutputFolder(out, { command: "report" });
    expect(() =>
      writeOutputFolder(plan, files({ "report.md": "new", "ops.csv": "x", "charts/a.png": "y" }), full),
    ).toThrow(`-o ${out}: cannot write ops.csv: no space left on device (ENOSPC)`);
    expect(content(out)).toEqual({ "report.md": "old" });
    expect(readdirSync(base)).toEqual(["r"]);
  });

  it("a refused write into /proc is an input error naming the path", () => {
    expect(() => write("/proc/accel-sizer-test", { "report.md": "x" })).toThrow(InputError);
    expect(() => write("/proc/accel-sizer-test", { "report.md": "x" })).toThrow(/^-o \/proc\/accel-sizer-test: /);
  });

  it("removes what killed runs left (ours, dead PID), puts back a previous report caught between renames, leaves others' folders", () => {
    const pid = deadPid();
    const out = join(base, "r");
    // A run killed between its two renames: the output is missing, the previous report sits in `.old`.
    const old = join(base, tempName("r", "old", pid));
    mkdirSync(old);
    writeFileSync(join(old, MARKER), markerText("report", ["report.md"]));
    writeFileSync(join(old, "report.md"), "previous");
    const partial = join(base, tempName("r", "new", pid));
    mkdirSync(partial);
    writeFileSync(join(partial, MARKER), markerText("report", []));
    const emptyTemp = join(base, tempName("r", "new", deadPid()));
    mkdirSync(emptyTemp);
    // Killed while writing its marker: nothing but a truncated marker.
    const truncated = join(base, tempName("r", "new", deadPid()));
    mkdirSync(truncated);
    writeFileSync(join(truncated, MARKER), "{");
    const foreign = join(base, tempName("r", "new", deadPid()));
    mkdirSync(foreign);
    writeFileSync(join(foreign, "data"), "not ours: no marker");
    const live = join(base, tempName("r", "new", process.ppid));
    mkdirSync(live);
    writeFileSync(join(live, MARKER), markerText("report", []));

    planOutputFolder(out, { command: "report" });
    expect(content(out)).toEqual({ "report.md": "previous" });
    // A --force run killed while staging inside the output leaves a folder there; it goes before the output is judged.
    const staged = join(out, tempName("r", "new", pid));
    mkdirSync(staged);
    writeFileSync(join(staged, MARKER), markerText("report", []));
    writeFileSync(join(staged, "0"), "half a file");
    expect(planOutputFolder(out, { command: "report" }).mode).toBe("replace");
    expect(existsSync(staged)).toBe(false);
    expect(readdirSync(base).sort()).toEqual(
      ["r", tempName("r", "new", process.ppid), foreign.slice(base.length + 1)].sort(),
    );
  });
});

describe("output folders on real small file systems (root only)", () => {
  const mount = mkdtempSync(join(tmpdir(), "out-mount-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mount]).status === 0;
  afterEach(() => {
    if (mounted) spawnSync("mount", ["-o", "remount,rw", mount]);
  });
  afterAll(() => {
    if (mounted) spawnSync("umount", [mount]);
    rmSync(mount, { recursive: true, force: true });
  });

  it.runIf(mounted)("a full tmpfs: exit-2 error, previous report whole, nothing left behind", () => {
    const out = join(mount, "r");
    write(out, { "report.md": "old" });
    expect(() => write(out, { "report.md": "new", "big.bin": "x".repeat(200_000) })).toThrow(
      /^-o .*: cannot write big\.bin: no space left on device \(ENOSPC\)$/,
    );
    expect(content(out)).toEqual({ "report.md": "old" });
    expect(readdirSync(mount)).toEqual(["r"]);
  });

  it.runIf(mounted)("a read-only file system is refused before any work", () => {
    expect(spawnSync("mount", ["-o", "remount,ro", mount]).status).toBe(0);
    expect(() => planOutputFolder(join(mount, "new"), { command: "report" })).toThrow(
      /cannot write into .*: read-only file system \(EROFS\)$/,
    );
    expect(() => planOutputFolder(join(mount, "r"), { command: "report" })).toThrow(/read-only file system \(EROFS\)$/);
  });

  it.skipIf(process.getuid?.() === 0)("a read-only folder is refused before any work", () => {
    const dir = join(mount, "..", `ro-${process.pid}`);
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    expect(() => planOutputFolder(join(dir, "r"), { command: "report" })).toThrow(/permission denied \(EACCES\)$/);
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true });
  });
});
