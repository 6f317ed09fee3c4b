import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planOutputFolder } from "../../src/report/output/output-folder.js";
import { MARKER } from "../../src/report/output/output-marker.js";
import { ROOT } from "./report-helpers.js";

/** A child that rewrites the folder forever, every file of version i holding i; it prints a dot per version. */
const WRITER = `
import { planOutputFolder, writeOutputFolder } from ${JSON.stringify(join(ROOT, "dist", "report", "output", "output-folder.js"))};
for (let i = 0; ; i++) {
  const files = new Map();
  for (let f = 0; f < 40; f++) files.set(f < 20 ? "f" + f + ".csv" : "charts/c" + f + ".png", (i + "\\n").repeat(5000));
  writeOutputFolder(planOutputFolder(process.argv[1], { command: "report" }), files);
  process.stdout.write(".");
}`;

/** Starts the writer, kills it with SIGKILL once it has written `versions` whole folders and `extraMs` more. */
function killMidWrite(out: string, versions: number, extraMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", WRITER, out], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let dots = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      dots += chunk.length;
      if (dots >= versions) setTimeout(() => child.kill("SIGKILL"), extraMs);
    });
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? done() : fail(new Error(`writer exited without being killed (${signal})`)),
    );
  });
}

/** Every file of the folder holds the same version: the folder is one whole report, not a mix. */
function versionsIn(dir: string): Set<string> {
  const versions = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name !== MARKER)
      versions.add(readFileSync(join(entry.parentPath, entry.name), "utf8").split("\n")[0]!);
  }
  return versions;
}

describe("a run killed with SIGKILL at any moment", () => {
  const base = mkdtempSync(join(tmpdir(), "out-kill-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("leaves one whole previous report, and the next run removes its leftovers", async () => {
    const out = join(base, "r");
    for (const extraMs of [0, 1, 2, 3, 5, 8]) {
      await killMidWrite(out, 2, extraMs);
      // The next run: puts back a report caught between the two renames, removes the killed run's temp folders.
      planOutputFolder(out, { command: "report" });
      expect(readdirSync(base)).toEqual(["r"]);
      expect(readdirSync(out).length).toBe(22); // 20 CSVs, charts/ and the marker
      expect(versionsIn(out).size).toBe(1);
    }
  });
});
