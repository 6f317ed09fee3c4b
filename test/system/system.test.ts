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
  };
  const result = simulateSystem(buildGraph(model), system);
  const opMs = (61 / 300e6) * 1e3;
  const linkMs = (2e-6 + 256 / 1e9) * 1e3;

  it("latency = host part + transfer + unit part, when nothing can overlap", () => {
    expect(result.latencyMs).toBeCloseTo(opMs + linkMs + opMs, 12);
    expect(result.transfers).toEqual([{ from: "host", to: "unit", tensor: "a.pa", bytes: 256, count: 1, link: "host ↔ unit", msEach: expect.closeTo(linkMs, 12), ms: expect.closeTo(linkMs, 12) }]);
  });

  it("period = max(host busy, unit busy, link busy): here the link's 2.256 µs", () => {
    expect(result.periodMs).toBeCloseTo(Math.max(opMs, opMs, linkMs), 12);
    expect(result.units.map((u) => u.busyMs)).toEqual([opMs, opMs]);
    expect(result.units[0]!.idleMs).toBeCloseTo(linkMs + opMs, 12);
  });

  it("energy = the units' energy + 256 B × 10 pJ on the link", () => {
    expect(result.energyMj).toBeCloseTo(result.units[0]!.result.energyMj + result.units[1]!.result.energyMj + 2560e-9, 15);
  });

  it("shares the critical path between the host, the link and the unit", () => {
    const shares = [...result.units.map((u) => u.criticalPathShare), result.links[0]!.criticalPathShare];
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shares[2]).toBeCloseTo(linkMs / result.latencyMs, 12);
  });

  it("refuses a mapping whose tensors would cross where no link is", () => {
    expect(() => simulateSystem(buildGraph(model), { ...system, links: [] })).toThrow(/a tensor crosses from host to unit, but no link joins them/);
  });
});

describe("the shipped systems", () => {
  it("orin-plus-xattn: the VLM's output crosses once, then the unit runs the whole expert", () => {
    const result = simulateSystem(smolvla, loadSystem("hardware/systems/orin-plus-xattn.yaml"));
    // 113 tokens × 960 int8 = 108,480 bytes, once per inference (the static K/V are projected on the unit).
    expect(result.transfers).toEqual([expect.objectContaining({ from: "host", to: "xattn", tensor: "vlm_backbone.mlp_residual", bytes: 108_480, count: 1 })]);
    const [host, unit] = result.units;
    expect(result.latencyMs).toBeCloseTo(host!.busyMs + result.transfers[0]!.ms + unit!.busyMs, 9);
  });

  it("xattn-only: Q in and the attention output back every step of every layer (16 × 10), K/V's input once", () => {
    const result = simulateSystem(smolvla, loadSystem("hardware/systems/xattn-only.yaml"));
    const counts = Object.fromEntries(result.transfers.map((t) => [`${t.from}→${t.to} ${t.tensor}`, t.count]));
    expect(counts).toEqual({ "host→xattn action_expert.residual": 160, "xattn→host action_expert.xattn_residual": 160, "host→xattn vlm_backbone.mlp_residual": 1 });
    // 50 action tokens × 720 int8 each way.
    expect(result.transfers.find((t) => t.tensor === "action_expert.residual")!.bytes).toBe(36_000);
  });
});

describe("the control loop", () => {
  it("sync: a cycle is horizon/hz + latency; 25 actions at 50 Hz with 100 ms latency achieve 41.67 Hz", () => {
    const v = controlVerdict({ hz: 50, chunk: 50, horizon: 25, mode: "sync" }, 100, 100);
    // 25 / (0.5 s + 0.1 s) = 41.667 actions/s, standing still 100 ms every 25 actions.
    expect(v.achievedHz).toBeCloseTo(25 / 0.6, 12);
    expect(v.stallMs).toBe(100);
    expect(v.holds).toBe(false);
  });

  it("async: holds when latency and period fit horizon/hz; margin and the highest rate that holds", () => {
    const holds = controlVerdict({ hz: 50, chunk: 50, horizon: 25, mode: "async" }, 300, 200);
    // Budget 25 / 50 Hz = 500 ms; margin 500 − max(300, 200) = 200 ms; max rate 25 / 0.3 s = 83.3 Hz.
    expect(holds).toMatchObject({ holds: true, marginMs: 200, achievedHz: 50, stallMs: 0 });
    expect(holds.maxHz).toBeCloseTo(25 / 0.3, 12);
    const misses = controlVerdict({ hz: 50, chunk: 50, horizon: 25, mode: "async" }, 300, 600);
    // The period (600 ms) exceeds the 500 ms budget: 100 ms short, 41.7 Hz at most.
    expect(misses).toMatchObject({ holds: false, marginMs: -100 });
    expect(misses.maxHz).toBeCloseTo(25 / 0.6, 12);
  });
});
