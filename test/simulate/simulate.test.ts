import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { parseTargetSpec, resolveTarget } from "../../src/hardware/target.js";
import { costOf } from "../../src/simulate/op-cost.js";
import { simulate } from "../../src/simulate/simulate.js";

const graph = buildGraph(resolveModel(parseModelSpec(readFileSync("models/smolvla.yaml", "utf8"), "smolvla.yaml")));
const xattn = resolveTarget(parseTargetSpec(readFileSync("hardware/xattn-unit.yaml", "utf8"), "xattn-unit.yaml"));

describe("simulate", () => {
  const result = simulate(graph, xattn);

  it("adds up: op cycles sum to component cycles, component cycles to the total", () => {
    for (const c of result.components) {
      const ops = result.ops.filter((r) => r.op.component === c.name);
      expect(ops.reduce((s, r) => s + r.cycles, 0)).toBe(c.cycles);
      expect(c.staticCycles + c.perStepCycles * c.steps).toBeCloseTo(c.cycles, 6);
    }
    expect(result.components.reduce((s, c) => s + c.cycles, 0)).toBe(result.cycles);
    expect(result.latencyMs).toBeCloseTo((result.cycles / 300e6) * 1e3, 9);
    expect(result.inferencesPerSecond).toBeCloseTo(1000 / result.latencyMs, 9);
    expect(result.macs).toBe(181_919_993_856);
  });

  it("keeps every bound mix a distribution and every utilisation in (0, 1]", () => {
    for (const mix of [result.boundMix, ...result.components.map((c) => c.boundMix)]) {
      expect(Object.values(mix).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    for (const r of result.ops) {
      if (r.op.kind === "matmul") {
        expect(r.utilization).toBeGreaterThan(0);
        expect(r.utilization).toBeLessThanOrEqual(1);
      }
    }
  });

  it("costs the xattn unit's 16×16 array no faster than its 256 MACs per cycle allow", () => {
    expect(result.cycles).toBeGreaterThanOrEqual(181_919_993_856 / 256);
  });

  it("halves the latency of an ideal-memory run when the clock doubles", () => {
    const slow = simulate(graph, xattn, { costModel: "systolic", idealMemory: true });
    const fast = simulate(
      graph,
      { ...xattn, clockHz: 2 * xattn.clockHz },
      { costModel: "systolic", idealMemory: true },
    );
    expect(fast.latencyMs).toBeCloseTo(slow.latencyMs / 2, 9);
  });

  it("as a roofline-only machine never beats the ideal bound and never loses to the cycle model", () => {
    const roofline = simulate(graph, xattn, { costModel: "roofline", idealMemory: false });
    const matmulCycles = result.ops.filter((r) => r.op.kind === "matmul");
    expect(roofline.latencyMs).toBeLessThanOrEqual(result.latencyMs);
    expect(roofline.cycles).toBeGreaterThanOrEqual(Math.floor(181_919_993_856 / 256));
    expect(matmulCycles.length).toBeGreaterThan(0);
  });

  it("never gets slower with more DRAM bandwidth or a bigger array (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 50, noNaN: true }), fc.constantFrom(1, 2, 4), (factor, arrays) => {
        const base = { ...xattn, array: { ...xattn.array, count: arrays } };
        const wider = { ...base, dramBytesPerSecond: base.dramBytesPerSecond * factor };
        expect(simulate(graph, wider).cycles).toBeLessThanOrEqual(simulate(graph, base).cycles);
      }),
      { numRuns: 20 },
    );
  });

  it("reads the action expert's weights from DRAM every diffusion step when they do not fit in SRAM", () => {
    const mlpUp = result.ops.find((r) => r.op.component === "action_expert" && r.op.name === "mlp_up")!;
    expect(mlpUp.weightsResident).toBe(false);
    expect(mlpUp.dramBytes).toBeGreaterThanOrEqual(10 * 720 * 2048);
    const huge = simulate(graph, { ...xattn, sramBytes: 1024 ** 3 });
    const resident = huge.ops.find((r) => r.op.component === "action_expert" && r.op.name === "mlp_up")!;
    expect(resident.weightsResident).toBe(true);
    expect(resident.dramBytes).toBe(720 * 2048);
  });
});

describe("SRAM is shared, not counted twice", () => {
  it("leaves the operand buffers only the SRAM that resident weights do not take", () => {
    // 3 MiB of SRAM; a 1024×1024 int8 input (1 MiB) fits a third of it. With 1.5 MiB of resident weights the
    // buffers have 1.5 MiB, a third is 0.5 MiB, and the same input must stream from DRAM.
    const target = { ...xattn, sramBytes: 3 * 1024 * 1024 };
    const op = {
      kind: "matmul" as const,
      component: "c",
      layer: 0,
      block: "b",
      name: "proj",
      phase: "per_step" as const,
      count: 10,
      m: 1024,
      k: 1024,
      n: 64,
      batch: 1,
      macs: 1024 * 1024 * 64,
      filterIsWeight: true,
      producers: [],
    };
    const options = { costModel: "systolic" as const, idealMemory: false };
    const alone = costOf(op, target, options, undefined);
    const sharing = costOf(op, target, options, 1.5 * 1024 * 1024);
    expect(alone.dramBytes).toBe(10 * 1024 * 64); // weights once per execution, input on chip
    expect(sharing.dramBytes).toBeGreaterThanOrEqual(1024 * 64 + 10 * 1024 * 1024); // weights once, input streamed every run
  });
});

describe("exact totals", () => {
  it("costs a roofline op in whole cycles: ⌈MACs / peak MACs per cycle⌉, with no float round trip", () => {
    const orin = {
      ...xattn,
      clockHz: 1.3e9,
      array: { ...xattn.array, rows: 16, cols: 32, dataflow: "os" as const, count: 64 },
      dramBytesPerSecond: 204.8e9,
    };
    const result = simulate(graph, orin, { costModel: "roofline", idealMemory: false });
    for (const r of result.ops) {
      if (r.op.kind === "matmul") expect(r.computeCycles).toBe(Math.ceil((r.op.macs * r.op.count) / (16 * 32 * 64)));
    }
  });

  it("refuses a design too slow to count exactly instead of printing an inexact total", () => {
    const crawling = { ...xattn, array: { ...xattn.array, rows: 1, cols: 1 }, sramBytesPerCycle: 1e-6 };
    expect(() => simulate(graph, crawling)).toThrow(/exact integer range/);
  });
});
