import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { resolveTarget } from "../../src/hardware/target.js";
import { loadModel, loadTargetSpec } from "../../src/load/load.js";
import { newCostCache } from "../../src/simulate/plan-costs.js";
import { planGraph } from "../../src/simulate/plan.js";
import { simulateTotals } from "../../src/simulate/simulate.js";
import type { SimulateOptions } from "../../src/simulate/types.js";

/**
 * A sweep keeps a plan's costs across points whose targets differ only in clock and DRAM bandwidth, and retimes
 * them (simulate/plan-costs.ts). The property: whatever came before in the cache, a point's totals are
 * bit-identical to costing it afresh.
 */
const plan = planGraph(buildGraph(loadModel("models/smolvla.yaml")));
const unit = loadTargetSpec("hardware/xattn-unit.yaml");
const gpu = loadTargetSpec("hardware/a100.yaml");

const design = fc.record({
  rows: fc.constantFrom(8, 32, 128),
  dataflow: fc.constantFrom("os", "ws", "is"),
  buffering: fc.constantFrom("single", "double"),
  sramKiB: fc.constantFrom(16, 256, 4096, 65536),
});
const timing = fc.record({
  clockMhz: fc.integer({ min: 50, max: 1200 }),
  dramGBps: fc.double({ min: 0.5, max: 4000, noNaN: true }),
});
const options = fc.constantFrom<SimulateOptions>(
  { costModel: "systolic", idealMemory: false },
  { costModel: "systolic", idealMemory: true },
  { costModel: "roofline", idealMemory: false },
);

function target(
  d: { rows: number; dataflow: string; buffering: string; sramKiB: number },
  t: { clockMhz: number; dramGBps: number },
) {
  return resolveTarget(unit, [
    { key: "mac_array.rows", value: d.rows },
    { key: "mac_array.dataflow", value: d.dataflow },
    { key: "mac_array.weight_buffering", value: d.buffering },
    { key: "sram.size_kib", value: d.sramKiB },
    { key: "clock_mhz", value: t.clockMhz },
    { key: "dram.bandwidth_gbps", value: t.dramGBps },
  ]);
}

describe("costs kept across sweep points", () => {
  it("retimed to another clock and DRAM bandwidth, give the totals of a fresh costing, bit for bit", () => {
    fc.assert(
      fc.property(design, fc.array(timing, { minLength: 2, maxLength: 4 }), options, (d, timings, opts) => {
        const cache = newCostCache();
        for (const t of timings) {
          const point = target(d, t);
          expect(simulateTotals(plan, point, opts, cache)).toEqual(simulateTotals(plan, point, opts));
        }
        // One design, one entry: every later timing reused it.
        expect(cache.entries.size).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  it("are never kept for a GPU, whose kernel launch is a time, not a cycle count", () => {
    const cache = newCostCache();
    for (const clock of [765, 1410]) {
      const point = resolveTarget(gpu, [{ key: "clock_mhz", value: clock }]);
      expect(simulateTotals(plan, point, undefined, cache)).toEqual(simulateTotals(plan, point));
    }
    expect(cache.entries.size).toBe(0);
  });

  it("hold at most their limit of designs, the oldest dropped first", () => {
    const cache = newCostCache(2);
    const clock = { clockMhz: 500, dramGBps: 25 };
    for (const sramKiB of [16, 256, 4096])
      simulateTotals(plan, target({ rows: 32, dataflow: "ws", buffering: "single", sramKiB }, clock), undefined, cache);
    expect(cache.entries.size).toBe(2);
    expect([...cache.entries.keys()].map((k) => k.split(",")[7])).toEqual([String(256 * 1024), String(4096 * 1024)]);
  });
});
