import { execFileSync, spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spawnCli } from "./run.js";

/**
 * The few checks that need the built bin as its own process: everything else runs `main` in-process
 * (test/cli/run.ts). Here: the wrapper's shebang, exit codes reaching the shell, and a closed pipe.
 */
describe("the built accel-sizer bin", () => {
  it("is the package's bin and starts with a node shebang", () => {
    const bin = (JSON.parse(readFileSync("package.json", "utf8")) as { bin: Record<string, string> }).bin[
      "accel-sizer"
    ];
    expect(bin).toBe("dist/cli/bin.js");
    expect(readFileSync(bin!, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("runs by itself after a build: the build gives it its run bit (tsc does not)", () => {
    expect(statSync("dist/cli/bin.js").mode & 0o111).toBe(0o111);
    expect(execFileSync("dist/cli/bin.js", ["--version"], { encoding: "utf8" }).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("prints help listing every command and exits 0", () => {
    const run = spawnCli(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["macs", "graph", "simulate", "compare", "report", "sweep", "size", "validate"])
      expect(run.stdout).toContain(`  ${command} `);
  });

  it("simulates and exits 0", () => {
    const run = spawnCli(["simulate", "-m", "models/smolvla.yaml", "-t", "hardware/xattn-unit.yaml", "-f", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).latencyMs).toBeGreaterThan(0);
  });

  it("exits 2 with one line on a missing file", () => {
    const run = spawnCli(["macs", "-m", "models/nope.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: -m models\/nope\.yaml: no such file; models\/ has [^\n]*smolvla\.yaml\n$/);
  });

  it("exits 0, silently, when the reader closes the pipe early (`| head`)", async () => {
    const child = spawn(process.execPath, ["dist/cli/bin.js", "graph", "-m", "models/pi0.yaml", "-f", "json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
