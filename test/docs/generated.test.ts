import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * Every console block of README.md and docs/ is what its command prints now (scripts/docs.mjs --check runs
 * them in a scratch copy; only timings are normalised). `npm run docs` rewrites the blocks when this fails.
 */
describe("generated documentation", () => {
  it("every whole accel-sizer command in README.md and docs/ prints what its block shows", () => {
    let output = "";
    let code = 0;
    try {
      output = execFileSync(process.execPath, ["scripts/docs.mjs", "--check"], { encoding: "utf8" });
    } catch (error) {
      const failed = error as { stdout?: string; status?: number };
      output = failed.stdout ?? "";
      code = failed.status ?? 1;
    }
    expect(output).toBe("");
    expect(code).toBe(0);
  });
});
