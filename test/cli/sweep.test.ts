import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run.js";

const BASE = ["-m", "models/smolvla.yaml", "-t", "hardware/xattn-unit.yaml"];
const SQUARE = ["--vary", "mac_array.rows=8,16,32,64,128", "--tie", "mac_array.cols=mac_array.rows"];

describe("accel-sizer sweep", () => {
  const out = mkdtempSync(join(tmpdir(), "accel-sizer-sweep-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("prints one row per design, square arrays with --tie", async () => {
    const run = await runCli(["sweep", ...BASE, ...SQUARE]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("5 designs of SmolVLA");
    expect(run.stdout).toMatch(/^\s+16\s+16\s+3501\.877\s/m); // the xattn unit as it is: simulate's 3501.877 ms
    expect(run.stdout).toMatch(/^\s+128\s+128\s+\d+\.\d{3}\s/m);
  });

  it("gives the JSON row of a design the same latency as simulate", async () => {
    const sweep = JSON.parse(
      (await runCli(["sweep", ...BASE, ...SQUARE, "--vary", "cameras=1,2", "-f", "json"])).stdout,
    );
    const simulated = JSON.parse(
      (
        await runCli([
          "simulate",
          ...BASE,
          "--set",
          "mac_array.rows=64",
          "--set",
          "mac_array.cols=64",
          "--set",
          "cameras=2",
          "-f",
          "json",
        ])
      ).stdout,
    );
    const row = sweep.rows.find(
      (r: { design: Record<string, number> }) => r.design["mac_array.rows"] === 64 && r.design.cameras === 2,
    );
    expect(row).toMatchObject({
      latencyMs: simulated.latencyMs,
      macUtilization: simulated.macUtilization,
      boundMix: simulated.boundMix,
    });
    expect(sweep.points).toBe(10);
  });

  it("writes sweep.csv, pareto.csv, summary.md, a self-contained index.html and the charts with -o", async () => {
    const dir = join(out, "report");
    const run = await runCli(["sweep", ...BASE, ...SQUARE, "--vary", "clock_mhz=200:1000:400", "-o", dir]);
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      [
        ".accel-sizer",
        "index.html",
        "latency-vs-array-size.png",
        "pareto.csv",
        "pareto.png",
        "summary.md",
        "sweep.csv",
        "utilisation-vs-array-size.png",
      ].sort(),
    );
    const sweep = readFileSync(join(dir, "sweep.csv"), "utf8").trim().split("\n");
    expect(sweep[0]).toBe(
      "mac_array.rows,clock_mhz,mac_array.cols,latency_ms,inferences_per_second,mac_utilization,peak_macs_per_cycle,sram_kib,cycles,bound_compute,bound_sram,bound_dram,bound_vector,bound_launch,energy_mj,area_mm2,power_w,period_ms,unit_area_mm2,unit_mac_utilization,fits_memory,pareto",
    );
    expect(sweep).toHaveLength(1 + 15);
    const pareto = readFileSync(join(dir, "pareto.csv"), "utf8").trim().split("\n");
    expect(pareto.slice(1).sort()).toEqual(sweep.filter((line) => line.endsWith(",true")).sort());
    const html = readFileSync(join(dir, "index.html"), "utf8");
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(html).not.toMatch(/(src|href)="(https?:|\/\/)/);
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain("](pareto.png)");
  });

  it.each([
    [["--vary", "mac_array.rows=8:"], "--vary mac_array.rows=8:: a range is start:stop:step"],
    [["--vary", "mac_array.rows=1..x"], "the stop is missing"],
    [["--vary", "mac_array.rows=8:64:0"], "the step must be positive"],
    [["--vary", "mac_array.rows=64:8:8"], "the range goes down"],
    [["--vary", "mac_array.row=8"], "no such target field (did you mean 'mac_array.rows'?)"],
    [
      ["--vary", "mac_array.rows=1:1000:1", "--vary", "clock_mhz=1:1000:1"],
      "the sweep has 1,000,000 points (1000 × 1000), more than the limit of 100,000",
    ],
    [["--vary", "clock_mhz=100,200", "--max-points", "1"], "--max-points 2"],
    // Was "internal error: Invalid array length".
    [
      ["--vary", "mac_array.rows=1:1000000:1", "--vary", "clock_mhz=1:1000000:1", "--max-points", "1e12"],
      "more than the 2,000,000 a sweep may have whatever --max-points says",
    ],
    [[], "give at least one --vary"],
  ])("exits 2 on %j", async (args, message) => {
    const run = await runCli(["sweep", ...BASE, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });
});

describe("accel-sizer size", () => {
  const SPACE = [...SQUARE, "--vary", "clock_mhz=200:1000:100"];

  it("prints the smallest design that meets the rate, its margin and the cheaper designs that miss (JSON)", async () => {
    const run = await runCli(["size", ...BASE, "--rate-hz", "2", ...SPACE, "-f", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json.design)).toEqual(["mac_array.rows", "clock_mhz", "mac_array.cols"]);
    expect(json.design["mac_array.cols"]).toBe(json.design["mac_array.rows"]);
    expect(json.budgetMs).toBe(500);
    expect(json.latencyMs).toBeLessThanOrEqual(500);
    expect(json.marginMs).toBe(500 - json.latencyMs);
    expect(json.peakMacsPerCycle).toBe(json.design["mac_array.rows"] ** 2);
    expect(json.clockMhz).toBe(json.design.clock_mhz);
    expect(json.sramKiB).toBe(256);
    expect(json.neighbours.length).toBeGreaterThan(0);
    for (const n of json.neighbours) expect(n.latencyMs).toBeGreaterThan(500);
  });

  it("prints a table by default", async () => {
    const run = await runCli(["size", ...BASE, "--budget-ms", "500", ...SPACE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("← least area that meets it");
    expect(run.stdout).toContain("near miss");
  });

  it.each([
    [["--minimise", "speed"], "--minimise speed: expected one of area, energy, power"],
    [["--max-power-w", "0"], "--max-power-w 0: expected a positive number"],
    [["--max-area-mm2", "lots"], "--max-area-mm2 lots: expected a positive number"],
  ])("exits 2 on %j", async (args, message) => {
    const run = await runCli(["size", ...BASE, "--budget-ms", "500", ...SPACE, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it("minimises energy under a power cap, and says what each cheaper design misses", async () => {
    const run = await runCli([
      "size",
      ...BASE,
      "--budget-ms",
      "2000",
      ...SPACE,
      "--minimise",
      "energy",
      "--max-power-w",
      "5",
      "-f",
      "json",
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.minimise).toBe("energy");
    expect(json.powerW).toBeLessThanOrEqual(5);
    expect(json.misses).toEqual([]);
    for (const n of json.neighbours) {
      expect(n.energyMj).toBeLessThanOrEqual(json.energyMj);
      expect(n.misses.length).toBeGreaterThan(0);
    }
  });

  it("exits 3 with the best latency found when no design meets the budget", async () => {
    const run = await runCli(["size", ...BASE, "--budget-ms", "10", ...SPACE]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /no design meets the budget of 10\.00 ms per inference: the fastest of the 45 designs, mac_array\.rows=128, clock_mhz=1000, mac_array\.cols=128, takes \d+\.\d+ ms/,
    );
  });

  it.each([
    [["--vary", "clock_mhz=100,200"], "give exactly one budget: --budget-ms <ms> or --rate-hz <hz>"],
    [["--rate-hz", "0", "--vary", "clock_mhz=100,200"], "--rate-hz 0: expected a positive number"],
    [["--rate-hz", "1", "--vary", "cameras=1,2"], "--vary cameras: size varies the hardware for one workload"],
  ])("exits 2 on %j", async (args, message) => {
    const run = await runCli(["size", ...BASE, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe("sweep -o safety", () => {
  it("refuses an output path that is a file before doing any work (exit 2)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "accel-sizer-o-")), "not-a-folder");
    writeFileSync(file, "keep me");
    const run = await runCli([
      "sweep",
      "-m",
      "models/smolvla.yaml",
      "-t",
      "hardware/xattn-unit.yaml",
      "--vary",
      "mac_array.rows=8,16",
      "-o",
      file,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("exists and is not a folder");
    expect(readFileSync(file, "utf8")).toBe("keep me");
  });
});

describe("size --format json when nothing fits", () => {
  it("still prints a record (design null, the fastest design) and exits 3", async () => {
    const run = await runCli([
      "size",
      "-m",
      "models/smolvla.yaml",
      "-t",
      "hardware/xattn-unit.yaml",
      "--rate-hz",
      "10",
      "--vary",
      "mac_array.rows=8,16,32",
      "--tie",
      "mac_array.cols=mac_array.rows",
      "-f",
      "json",
    ]);
    expect(run.code).toBe(3);
    const json = JSON.parse(run.stdout);
    expect(json.design).toBeNull();
    expect(json.budgetMs).toBe(100);
    expect(json.fastest.design).toEqual({ "mac_array.rows": 32, "mac_array.cols": 32 });
    expect(json.fastest.latencyMs).toBeGreaterThan(100);
  });
});

describe("sweep flags that must change the output or be refused", () => {
  it("refuses control-loop flags over a single target (they were accepted and ignored)", async () => {
    for (const flags of [
      ["--control-hz", "50"],
      ["--control-hz", "0"],
      ["--chunk", "0", "--horizon=-5"],
    ]) {
      const run = await runCli([
        "sweep",
        "-m",
        "models/smolvla.yaml",
        "-t",
        "hardware/xattn-unit.yaml",
        "--vary",
        "mac_array.rows=8,16",
        ...flags,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: --(control-hz|chunk): sweep -t reports no control loop/);
    }
  });

  it("report over targets refuses the loop flags too (it never mentioned the loop)", async () => {
    const run = await runCli([
      "report",
      "-m",
      "models/smolvla.yaml",
      "-t",
      "hardware/xattn-unit.yaml",
      "--control-hz",
      "50",
      "-o",
      join(mkdtempSync(join(tmpdir(), "report-loop-")), "out"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: --control-hz: a report over targets shows no control loop; check a target's loop with simulate -t … --control-hz, or report a system (-S) with it\n",
    );
  });

  it("runs a sweep estimated at hours only with --yes: --max-points raises the point limit, not the time limit", async () => {
    const space = [
      "--vary",
      "units.xattn.mac_array.rows=1:1000:1",
      "--vary",
      "units.xattn.mac_array.cols=1:1000:1",
      "--max-points",
      "2000000",
    ];
    const run = await runCli([
      "sweep",
      "-m",
      "models/smolvla.yaml",
      "--system",
      "hardware/systems/xattn-only.yaml",
      ...space,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: the sweep would take about \d+ hours .*; give --yes to run it anyway/);
  });
});
