import { describe, expect, it } from "vitest";
import { runCli } from "./run.js";

const MODEL = ["-m", "models/smolvla.yaml"];

describe("simulate --system", () => {
  it("prints the documented JSON: latency, period, units, links, transfers and the control verdict", async () => {
    const run = await runCli([
      "simulate",
      ...MODEL,
      "--system",
      "hardware/systems/xattn-only.yaml",
      "--control-hz",
      "50",
      "--horizon",
      "25",
      "-f",
      "json",
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual([
      "system",
      "model",
      "latencyMs",
      "periodMs",
      "periodBoundMs",
      "bottleneck",
      "inferencesPerSecond",
      "batch",
      "robotInferencesPerSecond",
      "macs",
      "macUtilization",
      "energyMj",
      "energyAloneMj",
      "energyPerRobotInferenceMj",
      "dynamicEnergyMj",
      "staticPowerW",
      "averagePowerW",
      "areaMm2",
      "units",
      "links",
      "memories",
      "transfers",
      "steadyState",
      "baseline",
      "control",
    ]);
    expect(json.units.map((u: { name: string }) => u.name)).toEqual(["host", "xattn"]);
    for (const u of json.units)
      expect(Object.keys(u)).toEqual(
        expect.arrayContaining([
          "busyMs",
          "idleMs",
          "busyFraction",
          "macUtilization",
          "criticalPathShare",
          "staticPowerW",
          "dynamicEnergyMj",
          "energyMj",
          "memory",
        ]),
      );
    expect(json.transfers[0]).toEqual(expect.objectContaining({ from: "host", to: "xattn", count: 160 }));
    // The unit is the busiest resource (the link moves 36 KB 320 times, 4.5 ms in all); pipelined, the host
    // fills its waits with the next inference's vision and VLM, and the unit is busy nearly the whole period
    // (a list schedule leaves it 0.2 ms of 280 idle while the host, 185 ms busy, serves an older inference).
    const unitBusy = Math.max(...json.units.map((u: { busyMs: number }) => u.busyMs));
    expect(json.periodBoundMs).toBe(unitBusy);
    expect(json.periodMs).toBeGreaterThanOrEqual(unitBusy);
    expect(json.periodMs).toBeLessThan(unitBusy * 1.001);
    expect(json.units[1].busyFraction).toBeGreaterThan(0.999);
    expect(json.latencyMs).toBeGreaterThanOrEqual(json.periodMs);
    // Energy back to back: the units' and links' dynamic energy, plus every unit leaking the whole period (W × ms = mJ).
    expect(json.energyMj).toBeCloseTo(json.dynamicEnergyMj + json.staticPowerW * json.periodMs, 9);
    // jetson-orin alone is faster than this split: the baseline says so.
    expect(json.baseline.fastest).toBe("host");
    expect(json.baseline.speedup).toBeLessThan(1);
    expect(json.control).toEqual(
      expect.objectContaining({ hz: 50, chunk: 50, horizon: 25, mode: "async", binding: "freshness" }),
    );
    // d = ⌈latency × 50 Hz⌉ steps.
    expect(json.control.delaySteps).toBe(Math.ceil((json.latencyMs / 1e3) * 50));
  });

  it("takes --set units.<unit>.<field>: a larger unit array shortens the unit's busy time", async () => {
    const busy = async (rows: number) => {
      const run = await runCli([
        "simulate",
        ...MODEL,
        "--system",
        "hardware/systems/orin-plus-xattn.yaml",
        "--set",
        `units.xattn.mac_array.rows=${rows}`,
        "-f",
        "json",
      ]);
      return JSON.parse(run.stdout).units[1].busyMs as number;
    };
    expect(await busy(32)).toBeLessThan(await busy(16));
  });

  it("says no rate holds when the horizon leaves no actions for the inference delay", async () => {
    const run = await runCli([
      "simulate",
      ...MODEL,
      "--system",
      "hardware/systems/xattn-only.yaml",
      "--control-hz",
      "50",
      "--horizon",
      "50",
    ]);
    // d = ⌈0.469 s × 50⌉ = 24 steps; 24 + 50 > 50.
    expect(run.stdout).toContain(
      "misses 50 Hz (chunk 50, horizon 50, async): inference delay 24 steps + horizon 50 > chunk 50: the robot would run stale actions",
    );
    expect(run.stdout).toContain("no rate holds: give a horizon below the chunk (50)");
  });

  it("prints the verdict line in the table", async () => {
    const run = await runCli([
      "simulate",
      ...MODEL,
      "--system",
      "hardware/systems/xattn-only.yaml",
      "--control-hz",
      "50",
      "--horizon",
      "25",
    ]);
    expect(run.stdout).toMatch(
      /Control loop: holds 50 Hz \(chunk 50, horizon 25, async\): inference delay \d+ steps, margin \d+\.\d ms; holds up to \d+(\.\d+)? Hz \(freshness binds\)/,
    );
  });

  it.each([
    [
      ["-t", "hardware/xattn-unit.yaml", "--system", "hardware/systems/xattn-only.yaml"],
      "give exactly one of -t <target.yaml> and --system <system.yaml>",
    ],
    [
      ["--system", "hardware/systems/xattn-only.yaml", "--set", "units.xatn.clock_mhz=400"],
      "--set units.xatn.clock_mhz: expected units.<unit>.<field> with a unit of host, xattn (did you mean 'xattn'?)",
    ],
    [
      ["--system", "hardware/systems/xattn-only.yaml", "--control-hz", "50", "--horizon", "60"],
      "--horizon 60: at most the chunk (50)",
    ],
    [
      ["--system", "hardware/systems/xattn-only.yaml", "--chunk", "10"],
      "--chunk describes the control loop: give --control-hz <hz> with it",
    ],
    [["--system", "hardware/xattn-unit.yaml"], "hardware/xattn-unit.yaml: this is a hardware target file"],
    [
      ["--system", "hardware/systems/xattn-only.yaml", "--trace", "hardware", "--force"],
      "--trace hardware: is a folder; give the path of a file to write",
    ],
    [
      ["-t", "hardware/tpu-v1.yaml", "-t", "hardware/edge-npu.yaml", "--trace", "x.json"],
      "--trace writes one schedule: give one -t",
    ],
  ])("exits 2 on %j", async (args, message) => {
    const run = await runCli(["simulate", ...MODEL, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe("simulate -t with a control loop", () => {
  it("sync at 50 Hz: latency L makes a cycle of horizon/hz + L", async () => {
    const run = await runCli([
      "simulate",
      ...MODEL,
      "-t",
      "hardware/tpu-v1.yaml",
      "--control-hz",
      "50",
      "--mode",
      "sync",
      "-f",
      "json",
    ]);
    const json = JSON.parse(run.stdout);
    // The horizon defaults to half the chunk: 25 actions at 50 Hz take 0.5 s; the robot then waits the latency.
    expect(json.control.horizon).toBe(25);
    expect(json.control.achievedHz).toBeCloseTo(25 / (0.5 + json.latencyMs / 1e3), 9);
    expect(json.control.stallMs).toBe(json.latencyMs);
  });
});

describe("validate", () => {
  it("checks system files and names unknown units with a suggestion", async () => {
    const run = await runCli([
      "validate",
      "hardware/systems/orin-plus-xattn.yaml",
      "hardware/systems/xattn-only.yaml",
      "hardware/systems/host-plus-u280.yaml",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(3);
  });
});

describe("size --system with the control loop as the budget", () => {
  const SPACE = [
    "--system",
    "hardware/systems/orin-plus-xattn.yaml",
    "--tie",
    "units.xattn.mac_array.cols=units.xattn.mac_array.rows",
    "--control-hz",
    "50",
    "--horizon",
    "25",
    "--mode",
    "async",
  ];

  it("answers with the smallest unit that holds 50 Hz, every smaller one missing", async () => {
    const run = await runCli([
      "size",
      ...MODEL,
      ...SPACE,
      "--vary",
      "units.xattn.mac_array.rows=8:128:8",
      "-f",
      "json",
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    // 25 actions at 50 Hz: the next chunk is due in 500 ms; latency and period must both fit.
    expect(json.budgetMs).toBe(500);
    expect(json.budgetOn).toBe("loop");
    expect(json.latencyMs).toBeLessThanOrEqual(500);
    for (const n of json.neighbours) {
      expect(n.misses).toEqual(["loop"]);
      expect(n.design["units.xattn.mac_array.rows"]).toBeLessThan(json.design["units.xattn.mac_array.rows"]);
    }
  });

  it("exits 3 naming the best it found when no unit in the space holds the loop", async () => {
    const run = await runCli(["size", ...MODEL, ...SPACE, "--vary", "units.xattn.mac_array.rows=8:32:8"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /no design meets the budget of 500\.0 ms of latency and period .*units\.xattn\.mac_array\.rows=32/,
    );
  });

  it("refuses hardware paths that name no unit", async () => {
    const run = await runCli([
      "sweep",
      ...MODEL,
      "--system",
      "hardware/systems/orin-plus-xattn.yaml",
      "--vary",
      "mac_array.rows=8,16",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "--vary mac_array.rows: no such unit field or model parameter; a system's hardware fields are units.<unit>.<field>",
    );
  });

  it("varies a link named in either order of its units, as --set takes it (it once refused the reverse)", async () => {
    const swept = async (path: string) => {
      const run = await runCli([
        "sweep",
        ...MODEL,
        "--system",
        "hardware/systems/orin-plus-xattn.yaml",
        "--vary",
        `${path}=1,2`,
        "-f",
        "csv",
      ]);
      expect(run.stderr).toBe("");
      return run.stdout
        .split("\n")
        .slice(1)
        .map((line) => line.split(",").slice(1).join(","));
    };
    expect(await swept("links.xattn.host.bandwidth_gbps")).toEqual(await swept("links.host.xattn.bandwidth_gbps"));
  });
});

describe("report --system", () => {
  it("writes the report, result.json with the documented fields and the timeline charts", async () => {
    const { mkdtempSync, readFileSync, readdirSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const out = join(mkdtempSync(join(tmpdir(), "sysrep-")), "r");
    const run = await runCli([
      "report",
      ...MODEL,
      "--system",
      "hardware/systems/orin-plus-xattn.yaml",
      "--control-hz",
      "30",
      "-o",
      out,
    ]);
    expect(run.code).toBe(0);
    expect(readdirSync(join(out, "charts")).sort()).toEqual([
      "timeline-pipelined.png",
      "timeline.png",
      "unit-busy.png",
    ]);
    const json = JSON.parse(readFileSync(join(out, "result.json"), "utf8"));
    expect(json.control).toEqual(expect.objectContaining({ hz: 30, chunk: 50 }));
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("**Control loop:**");
  });
});

describe("size --system --unit", () => {
  it("budgets one unit's busy time: the answer's unit fits, every cheaper one misses", async () => {
    const run = await runCli([
      "size",
      ...MODEL,
      "--system",
      "hardware/systems/xattn-only.yaml",
      "--unit",
      "xattn",
      "--budget-ms",
      "100",
      "--vary",
      "units.xattn.mac_array.rows=16:64:16",
      "--tie",
      "units.xattn.mac_array.cols=units.xattn.mac_array.rows",
      "-f",
      "json",
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.budgetOn).toBe("unit");
    // The margin is the budget less the unit's busy time, which the system run of that design reports.
    const check = await runCli([
      "simulate",
      ...MODEL,
      "--system",
      "hardware/systems/xattn-only.yaml",
      "--set",
      `units.xattn.mac_array.rows=${json.design["units.xattn.mac_array.rows"]}`,
      "--set",
      `units.xattn.mac_array.cols=${json.design["units.xattn.mac_array.cols"]}`,
      "-f",
      "json",
    ]);
    expect(json.marginMs).toBeCloseTo(100 - JSON.parse(check.stdout).units[1].busyMs, 9);
    for (const n of json.neighbours) expect(n.misses).toEqual(["unit"]);
  });
});

describe("systems by name", () => {
  it("finds --system xattn-only in hardware/systems/, and suggests the closest name for a typo", async () => {
    const run = await runCli(["simulate", ...MODEL, "--system", "xattn-only", "-f", "json"]);
    expect(JSON.parse(run.stdout).system).toBe("xattn-only");
    const typo = await runCli(["simulate", ...MODEL, "--system", "xattn-onyl"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("--system xattn-onyl: no such file; did you mean hardware/systems/xattn-only.yaml?");
  });
});

describe("bounded systems", () => {
  it("refuses more units than the limit, naming it, before loading any of them", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join, resolve } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const target = resolve("hardware/xattn-unit.yaml");
    const units = Array.from({ length: 40 }, (_, i) => `  u${i}: { target: ${target} }`).join("\n");
    const file = join(mkdtempSync(join(tmpdir(), "many-units-")), "many.yaml");
    writeFileSync(file, `name: many\nunits:\n${units}\ndefault_unit: u0\n`);
    const run = await runCli(["simulate", ...MODEL, "--system", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:3:3: units: expected at most 32 units`);
  });
});

describe("size over a system: the sized unit's own fields, power from the system's own energy", () => {
  const SPACE = [
    "--system",
    "hardware/systems/xattn-only.yaml",
    "--vary",
    "units.xattn.mac_array.rows=16,32",
    "--tie",
    "units.xattn.mac_array.cols=units.xattn.mac_array.rows",
    "--set",
    "units.xattn.clock_mhz=1000",
  ];

  it("shows the unit's clock, MACs per cycle and SRAM (not the system's sums), and the period beside the budget", async () => {
    const run = await runCli(["size", ...MODEL, ...SPACE, "--period-ms", "1000", "--minimise", "power", "-f", "json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    // The unit set to 1000 MHz, 16×16 = 256 MACs per cycle: the host's 1300 MHz and MACs are not summed in.
    expect(json.clockMhz).toBe(1000);
    expect(json.peakMacsPerCycle).toBe(json.design["units.xattn.mac_array.rows"] ** 2);
    expect(json.budgetOn).toBe("period");
    expect(json.budgetedMs).toBeCloseTo(json.periodMs, 9);
    expect(json.marginMs).toBeCloseTo(1000 - json.periodMs, 9);
    // Power at the budget's rate (1 inference/s) = dynamic energy × 1/s + every unit's leakage, from simulate's
    // own figures for that design: powerAtRateW, one function for both.
    const rows = json.design["units.xattn.mac_array.rows"];
    const check = await runCli([
      "simulate",
      ...MODEL,
      "--system",
      "hardware/systems/xattn-only.yaml",
      "--set",
      `units.xattn.mac_array.rows=${rows}`,
      "--set",
      `units.xattn.mac_array.cols=${rows}`,
      "--set",
      "units.xattn.clock_mhz=1000",
      "-f",
      "json",
    ]);
    const sim = JSON.parse(check.stdout);
    expect(json.powerW).toBeCloseTo((sim.dynamicEnergyMj / 1e3) * 1 + sim.staticPowerW, 9);
    expect(json.unitAreaMm2).toBeCloseTo(sim.units[1].areaMm2, 9);
    expect(json.macUtilization).toBeCloseTo(sim.units[1].macUtilization, 12);
  });
});

describe("simulate --trace", () => {
  it("writes a Chrome trace of the pipelined inferences, and refuses to replace a file it did not write", async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "trace-"));
    const file = join(dir, "x.json");
    const run = await runCli([
      "simulate",
      ...MODEL,
      "--system",
      "hardware/systems/xattn-only.yaml",
      "--trace",
      file,
      "-f",
      "json",
    ]);
    expect(run.code).toBe(0);
    const trace = JSON.parse(readFileSync(file, "utf8"));
    const events = trace.traceEvents.filter((e: { ph: string }) => e.ph === "X");
    // One thread per unit and link direction; every event names its inference, op and component.
    const threads = trace.traceEvents
      .filter((e: { name: string }) => e.name === "thread_name")
      .map((e: { args: { name: string } }) => e.args.name);
    expect(threads).toEqual(["host", "xattn", "host → xattn", "xattn → host"]);
    expect(events[0].args).toEqual(
      expect.objectContaining({ inference: 0, op: expect.any(String), component: expect.any(String) }),
    );
    // The trace's inferences complete one period apart in the steady state, on average over its repeating window.
    const json = JSON.parse(run.stdout);
    const ends = new Map<number, number>();
    for (const e of events) ends.set(e.args.inference, Math.max(ends.get(e.args.inference) ?? 0, e.ts + e.dur));
    const k = ends.size;
    const w = json.steadyState.window;
    expect((ends.get(k - 1)! - ends.get(k - 1 - w)!) / 1e3 / w).toBeCloseTo(json.periodMs, 6);
    // Rerunning replaces our own trace; a file of the user's is refused.
    expect(
      (await runCli(["simulate", ...MODEL, "--system", "hardware/systems/xattn-only.yaml", "--trace", file])).code,
    ).toBe(0);
    const mine = join(dir, "mine.json");
    writeFileSync(mine, "{}");
    const refused = await runCli(["simulate", ...MODEL, "-t", "hardware/xattn-unit.yaml", "--trace", mine]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("is not a trace accel-sizer wrote");
    expect(readFileSync(mine, "utf8")).toBe("{}");
  });
});

describe("systems with absolute unit paths", () => {
  it("run the same in simulate, report and explore", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join, resolve } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "abs-"));
    const file = join(dir, "abs.yaml");
    writeFileSync(
      file,
      [
        "name: abs",
        "units:",
        `  host: { target: ${resolve("hardware/jetson-orin.yaml")} }`,
        `  xattn: { target: ${resolve("hardware/xattn-unit.yaml")} }`,
        "links:",
        "  - { between: [host, xattn], bandwidth_gbps: 4, latency_us: 5 }",
        "map:",
        "  - { component: action_expert, unit: xattn }",
        "default_unit: host",
      ].join("\n"),
    );
    for (const args of [
      ["simulate", ...MODEL, "--system", file],
      ["report", ...MODEL, "--system", file, "-o", join(dir, "r")],
      ["explore", ...MODEL, "--system", file, "-o", join(dir, "e.html")],
    ]) {
      const run = await runCli(args);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
  });
});

describe("sweep --system -o", () => {
  it("writes the sweep's files and charts, the x axis the sized unit's MACs per cycle (it once failed on a target field)", async () => {
    const { mkdtempSync, readdirSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const out = join(mkdtempSync(join(tmpdir(), "system-sweep-")), "out");
    const run = await runCli([
      "sweep",
      ...MODEL,
      "--system",
      "hardware/systems/xattn-only.yaml",
      "--vary",
      "units.xattn.mac_array.rows=8,16",
      "-o",
      out,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(readdirSync(out)).toEqual(
      expect.arrayContaining(["sweep.csv", "pareto.csv", "summary.md", "latency-vs-array-size.png", "pareto.png"]),
    );
  });
});
