import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempName } from "../../src/report/output/output-marker.js";
import { writeFileAtomic } from "../../src/report/output/report-write.js";

describe("one file written atomically (explore's page, simulate's trace, the schemas)", () => {
  const base = mkdtempSync(join(tmpdir(), "atomic-"));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it("removes the temporary file a killed run left beside the same file, and nothing else", () => {
    // A killed `explore` once left its ~1 MB `.acs<pid>.<hash>.new` beside the page for good.
    const dir = join(base, "out");
    mkdirSync(dir, { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    writeFileSync(join(dir, tempName("explorer.html", "new", dead)), "half a page");
    writeFileSync(join(dir, tempName("other.html", "new", dead)), "another file's");
    writeFileSync(join(dir, "notes.txt"), "mine");
    writeFileAtomic(join(dir, "explorer.html"), "page");
    expect(readdirSync(dir).sort()).toEqual([tempName("other.html", "new", dead), "explorer.html", "notes.txt"].sort());
  });
});
