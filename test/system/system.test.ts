import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { loadSystem, systemOfTarget } from "../../src/load/system.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";
import { controlVerdict } from "../../src/system/control.js";
import { simulateSystem } from "../../src/system/simulate-system.js";
import type { System } from "../../src/hardware/system.js";

const smolvla = buildGraph(loadModel("models/smolvla.yaml"));
const xattn = loadTarget("hardware/xattn-unit.yaml");

describe("a one-unit system", () => {
  it.each(["xattn-unit", "tpu-v1", "jetson-orin"])("gives exactly the cycles and latency of simulate on %s", (name) => {
    const target = loadTarget(`hardware/${name}.yaml`);
    const alone = simulate(smolvla, target);
    const system = simulateSystem(smolvla, systemOfTarget(target, `hardware/${name}.yaml`));
    expect(system.units[0]!.result.cycles).toBe(alone.cycles);
    expect(system.latencyMs).toBe(alone.latencyMs);
    expect(system.periodMs).toBe(alone.latencyMs);
    expect(system.transfers).toEqual([]);
    expect(system.units[0]!.criticalPathShare).toBeCloseTo(1, 12);
  });
});

describe("a two-unit split, by hand", () => {
  // a: one 16×16×16 linear on the host; b reads a's output on the unit. On xattn-unit (16×16 ws at 300 MHz)
  // each is one fold of 2·16 + 16 + 16 − 2 = 62 cycles, − 1 = 61 (SRAM 768 B / 64 = 12, DRAM 256 B / 64 = 4).
  const model = resolveModel(
    parseModelSpec(
      [
        "name: two parts",
        "components:",
        "  - { name: a, layers: [{ repeat: 1, blocks: [{ type: linear, name: pa, tokens: 16, in: 16, out: 16 }] }] }",
        "  - { name: b, input_from: a, layers: [{ repeat: 1, blocks: [{ type: linear, name: pb, tokens: 16, in: 16, out: 16 }] }] }",
      ].join("\n"),
      "two.yaml",
    ),
  );
  const system: System = {
    name: "split",
    description: "",
    units: [
      { name: "host", target: xattn, targetFile: "" },
      { name: "unit", target: xattn, targetFile: "" },
    ],
    // 1 GB/s and 2 µs: a's 256-byte output crosses in 2 µs + 256 ns, at 10 pJ per byte.
    links: [{ between: ["host", "unit"], bytesPerSecond: 1e9, latencySeconds: 2e-6, pjPerByte: 10 }],
    rules: [{ component: "b", unit: "unit" }],
    defaultUnit: "host",
    memories: [],
  };
  const result = simulateSystem(buildGraph(model), system);
  const opMs = (61 / 300e6) * 1e3;
  const linkMs = (2e-6 + 256 / 1e9) * 1e3;

  it("latency = host part + transfer + unit part, when nothing can overlap", () => {
    expect(result.latencyMs).toBeCloseTo(opMs + linkMs + opMs, 12);
    expect(result.transfers).toEqual([
      {
        from: "host",
        to: "unit",
        tensor: "a.pa",
        bytes: 256,
        count: 1,
        link: "host ↔ unit",
        msEach: expect.closeTo(linkMs, 12),
        ms: expect.closeTo(linkMs, 12),
      },
    ]);
  });

  it("period: inferences pipeline, so one completes every link crossing (2.256 µs), the busiest resource", () => {
    // The host runs a, the link carries a's output, the unit runs b: three stages, each working on a different
    // inference once the pipeline is full, so completions are spaced by the slowest stage.
    expect(result.periodMs).toBe(linkMs);
    expect(result.periodBoundMs).toBe(linkMs);
    expect(result.bottleneck).toBe("host → unit");
    expect(result.units.map((u) => u.busyMs)).toEqual([opMs, opMs]);
    // Idle per period: 2.256 µs − 0.2033 µs on each unit; busy fraction 0.2033 / 2.256.
    expect(result.units[0]!.idleMs).toBeCloseTo(linkMs - opMs, 12);
    expect(result.units[1]!.busyFraction).toBeCloseTo(opMs / linkMs, 12);
    expect(result.links[0]!.busyFraction).toBe(1);
  });

  it("energy = the units' dynamic energy + 256 B × 10 pJ on the link + every unit's idle power over the period", () => {
    const [host, unit] = result.units;
    const dynamic = (u: typeof host) =>
      u!.result.energyMj - u!.result.energyBreakdown.static - u!.result.energyBreakdown.clock;
    expect(host!.dynamicEnergyMj).toBeCloseTo(dynamic(host), 18);
    expect(result.links[0]!.energyMj).toBeCloseTo(2560e-9, 18);
    // W × ms = mJ: both units clock and leak for the whole 2.256 µs period, busy or idle.
    const leakage = (host!.staticPowerW + unit!.staticPowerW) * linkMs;
    expect(result.energyMj).toBeCloseTo(dynamic(host) + dynamic(unit) + 2560e-9 + leakage, 15);
    expect(result.energyAloneMj).toBeCloseTo(
      dynamic(host) + dynamic(unit) + 2560e-9 + (host!.staticPowerW + unit!.staticPowerW) * result.latencyMs,
      15,
    );
    expect(result.averagePowerW).toBeCloseTo(result.energyMj / linkMs, 9);
    // The units' breakdowns (what the explorer charts) add up to the system's energy with the link's.
    const parts = result.units.reduce((sum, u) => sum + Object.values(u.energyBreakdown).reduce((a, b) => a + b, 0), 0);
    expect(parts + result.links[0]!.energyMj).toBeCloseTo(result.energyMj, 15);
  });

  it("shares the critical path between the host, the link and the unit", () => {
    const shares = [...result.units.map((u) => u.criticalPathShare), result.links[0]!.criticalPathShare];
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shares[2]).toBeCloseTo(linkMs / result.latencyMs, 12);
  });

  it("refuses a mapping whose tensors would cross where no link is", () => {
    expect(() => simulateSystem(buildGraph(model), { ...system, links: [] })).toThrow(
      /a tensor crosses from host to unit, but no link joins them/,
    );
  });
});

describe("the shipped systems", () => {
  it("orin-plus-xattn: the VLM's output crosses once, then the unit runs the whole expert", () => {
    const result = simulateSystem(smolvla, loadSystem("hardware/systems/orin-plus-xattn.yaml"));
    // 113 tokens × 960 int8 = 108,480 bytes, once per inference (the static K/V are projected on the unit).
    expect(result.transfers).toEqual([
      expect.objectContaining({
        from: "host",
        to: "xattn",
        tensor: "vlm_backbone.mlp_residual",
        bytes: 108_480,
        count: 1,
      }),
    ]);
    const [host, unit] = result.units;
    // The unit starts the expert's observation-free ops (the noisy actions' projection, the timestep MLP) while
    // the host still runs the VLM, so one inference takes less than host + transfer + unit in turn.
    expect(result.latencyMs).toBeLessThan(host!.busyMs + result.transfers[0]!.ms + unit!.busyMs);
    expect(result.latencyMs).toBeGreaterThan(host!.busyMs + result.transfers[0]!.ms);
    // The unit is the busiest resource and the pipelined schedule keeps it saturated.
    expect(result.periodMs).toBe(unit!.busyMs);
    expect(result.bottleneck).toBe("xattn");
  });

  it("xattn-only: Q in and the attention output back every step of every layer (16 × 10), K/V's input once", () => {
    const result = simulateSystem(smolvla, loadSystem("hardware/systems/xattn-only.yaml"));
    const counts = Object.fromEntries(result.transfers.map((t) => [`${t.from}→${t.to} ${t.tensor}`, t.count]));
    expect(counts).toEqual({
      "host→xattn action_expert.residual": 160,
      "xattn→host action_expert.xattn_residual": 160,
      "host→xattn vlm_backbone.mlp_residual": 1,
    });
    // 50 action tokens × 720 int8 each way.
    expect(result.transfers.find((t) => t.tensor === "action_expert.residual")!.bytes).toBe(36_000);
  });
});

describe("the control loop", () => {
  it("sync: a cycle is horizon/hz + latency; 25 actions at 50 Hz with 100 ms latency achieve 41.67 Hz", () => {
    const v = controlVerdict({ hz: 50, chunk: 50, horizon: 25, mode: "sync" }, 100, 100);
    // 25 / (0.5 s + 0.1 s) = 41.667 actions/s, standing still 100 ms every 25 actions; d = ⌈0.1 s × 50⌉ = 5.
    expect(v.achievedHz).toBeCloseTo(25 / 0.6, 12);
    expect(v).toMatchObject({ stallMs: 100, holds: false, delaySteps: 5, binding: null });
  });

  it("async holds: d + s ≤ C and period × F ≤ s; the margin and rate are the tighter condition's", () => {
    // C 50, s 25, F 50 Hz, latency 300 ms, period 200 ms. d = ⌈0.3 × 50⌉ = 15; 15 + 25 = 40 ≤ 50 (fresh);
    // 0.2 × 50 = 10 ≤ 25 (throughput). Margins: (50 − 25)/50 − 0.3 = 0.2 s and 25/50 − 0.2 = 0.3 s → 200 ms.
    // Rates: (C − s)/L = 25/0.3 = 83.3 Hz, s/P = 25/0.2 = 125 Hz: freshness binds at 83.3 Hz.
    const v = controlVerdict({ hz: 50, chunk: 50, horizon: 25, mode: "async" }, 300, 200);
    expect(v).toMatchObject({ holds: true, delaySteps: 15, binding: "freshness", achievedHz: 50, stallMs: 0 });
    expect(v.marginMs).toBeCloseTo(200, 9);
    expect(v.maxHz).toBeCloseTo(25 / 0.3, 9);
  });

  it("async misses on freshness: the robot would run actions older than the chunk's spare C − s", () => {
    // Horizon = chunk = 50 (the old default): (C − s)/F = 0 s of spare, so any latency is stale: d = 15 > 0.
    const v = controlVerdict({ hz: 50, chunk: 50, horizon: 50, mode: "async" }, 300, 200);
    expect(v).toMatchObject({ holds: false, delaySteps: 15, binding: "freshness", maxHz: 0, stallMs: 0 });
    expect(v.marginMs).toBeCloseTo(-300, 9);
  });

  it("async misses on throughput: chunks come every period, slower than s actions last", () => {
    // C 50, s 10, F 50 Hz, latency 100 ms, period 300 ms: d = 5, 5 + 10 ≤ 50 (fresh) but 0.3 × 50 = 15 > 10.
    // Margin 10/50 − 0.3 = −100 ms; rates: 40/0.1 = 400 Hz vs 10/0.3 = 33.3 Hz → throughput binds; the robot
    // waits 100 ms per chunk and executes 33.3 actions/s.
    const v = controlVerdict({ hz: 50, chunk: 50, horizon: 10, mode: "async" }, 100, 300);
    expect(v).toMatchObject({ holds: false, delaySteps: 5, binding: "throughput" });
    expect(v.marginMs).toBeCloseTo(-100, 9);
    expect(v.maxHz).toBeCloseTo(10 / 0.3, 9);
    expect(v.achievedHz).toBeCloseTo(10 / 0.3, 9);
    expect(v.stallMs).toBeCloseTo(100, 9);
  });

  it("nothing to wait for: an empty model binds nothing and reports no infinite rate", () => {
    expect(controlVerdict({ hz: 50, chunk: 50, horizon: 25, mode: "async" }, 0, 0)).toMatchObject({
      holds: true,
      binding: null,
      maxHz: 0,
      delaySteps: 0,
    });
  });
});

describe("a unit's memory verdict is its cost model's residency decision", () => {
  const run = (sramKiB: number) =>
    simulateSystem(
      smolvla,
      loadSystem("hardware/systems/orin-plus-xattn.yaml", [{ key: "units.xattn.sram.size_kib", value: sramKiB }]),
    ).units[1]!;

  it("with 128 MiB of SRAM the expert's 117 MB of weights do not fit half of it: streamed, ~1.1 GB per inference", () => {
    const unit = run(128 * 1024);
    // Pinning needs the per-step weights within half the SRAM (64 MiB): they are 117 MB, so every step reads
    // them again, as the cost model charges (its DRAM bytes summed over ops).
    expect(unit.memory.residentWeightBytes).toBe(0);
    expect(unit.memory.streamedBytes).toBe(unit.memory.weightBytes);
    expect(unit.memory.dramBytesPerInference).toBe(unit.result.ops.reduce((s, o) => s + o.dramBytes, 0));
    expect(unit.memory.dramBytesPerInference).toBeGreaterThan(10 * unit.memory.weightBytes * 0.9);
  });

  it("with 256 MiB the per-step weights are pinned: only the once-used weights stream, each weight read once", () => {
    const unit = run(256 * 1024);
    const pinned = unit.result.ops.filter((o) => o.weightsResident);
    expect(pinned.length).toBeGreaterThan(0);
    expect(unit.memory.residentWeightBytes + unit.memory.streamedBytes).toBe(unit.memory.weightBytes);
    expect(unit.memory.streamedBytes).toBeLessThan(unit.memory.weightBytes / 10);
    expect(unit.memory.dramBytesPerInference).toBeLessThan(1.1 * unit.memory.weightBytes + 10e6);
  });
});
