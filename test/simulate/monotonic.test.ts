import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { systolicMatmulCost } from "../../src/cost/systolic.js";
import { buildGraph } from "../../src/graph/build.js";
import type { Target } from "../../src/hardware/types.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { planGraph } from "../../src/simulate/plan.js";
import { simulateTotals } from "../../src/simulate/simulate.js";
import type { SimulateOptions } from "../../src/simulate/types.js";
import { makeMatmul, makeTarget } from "../cost/helpers.js";

/** More of any resource never makes a design slower, for every shipped model on every shipped target. */

const yamls = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
const plans = yamls("models").map((file) => ({ file, plan: planGraph(buildGraph(loadModel(`models/${file}`))) }));
const targets = yamls("hardware").map((file) => ({ file, target: loadTarget(`hardware/${file}`) }));
const MODES: readonly SimulateOptions[] = [
  { costModel: "systolic", idealMemory: false },
  { costModel: "systolic", idealMemory: true },
  { costModel: "roofline", idealMemory: false },
];

type Grow = (target: Target, factor: number, whole: number) => Target;
/** Each resource grown by a real factor ≥ 1, or (where only whole numbers make sense) by a whole factor. */
const RESOURCES: Record<string, Grow> = {
  "SRAM size": (t, f) => ({ ...t, sramBytes: Math.round(t.sramBytes * f) }),
  "SRAM bandwidth": (t, f) => ({ ...t, sramBytesPerCycle: t.sramBytesPerCycle * f }),
  "DRAM bandwidth": (t, f) => ({ ...t, dramBytesPerSecond: t.dramBytesPerSecond * f }),
  "vector lanes": (t, _f, k) => ({ ...t, vectorLanes: t.vectorLanes * k }),
  "array count": (t, f) => ({ ...t, array: { ...t.array, count: Math.ceil(t.array.count * f) } }),
  // Whole multiples only: at any clock each op's memory time is rounded up to a whole cycle, so a clock 13%
  // higher can lose up to a cycle per op to rounding (≤ 1e-6 relative on the shipped targets); at k times the
  // clock, ⌈k·x⌉ ≤ k·⌈x⌉ cycles of a k times shorter period is never longer.
  clock: (t, _f, k) => ({ ...t, clockHz: t.clockHz * k }),
};

describe("latency is non-increasing in every resource (property)", () => {
  it.each(Object.keys(RESOURCES))("%s", (resource) => {
    const grow = RESOURCES[resource]!;
    fc.assert(
      fc.property(
        fc.nat(plans.length - 1),
        fc.nat(targets.length - 1),
        fc.nat(MODES.length - 1),
        fc.double({ min: 0.05, max: 4, noNaN: true }),
        fc.double({ min: 1, max: 16, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        (p, t, m, scale, factor, whole) => {
          // A base design somewhere around the shipped one: the resource itself scaled down or up first.
          const base = grow(targets[t]!.target, scale, 1);
          if (resource === "SRAM size" && base.sramBytes < 1) return;
          const options = MODES[m]!;
          const before = simulateTotals(plans[p]!.plan, base, options).latencyMs;
          const after = simulateTotals(plans[p]!.plan, grow(base, factor, whole), options).latencyMs;
          expect(after).toBeLessThanOrEqual(before);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("SRAM size, swept in 7% steps from 16 B to 64 MiB on every model × target (residency switches on and off)", () => {
    for (const { plan } of plans) {
      for (const { target } of targets) {
        let previous = Infinity;
        for (let bytes = 16; bytes <= 64 * 2 ** 20; bytes = Math.ceil(bytes * 1.07)) {
          const latency = simulateTotals(plan, { ...target, sramBytes: bytes }).latencyMs;
          expect(latency).toBeLessThanOrEqual(previous);
          previous = latency;
        }
      }
    }
  });
});

describe("array rows and columns are the exception, as in SCALE-Sim", () => {
  it("a 512×256 array runs a 50×720×720 GEMM slower than a 256×256 one: fill and drain grow with the array", () => {
    // ws: Sr = K = 720, Sc = N = 720, T = M = 50. 256 rows: ⌈720/256⌉·⌈720/256⌉ = 9 folds of
    // 2·256 + 256 + 50 − 2 = 816 cycles: 7,343. 512 rows: ⌈720/512⌉·3 = 6 folds of 1024 + 256 + 48 = 1,328:
    // 7,967. SCALE-Sim's formulas (docs/cost-model.md) make larger arrays slower on small GEMMs, and the
    // model keeps them exact rather than monotonic.
    const ideal = { idealMemory: true, weightsResident: false, bufferBytes: Number.MAX_SAFE_INTEGER };
    const op = makeMatmul(50, 720, 720);
    expect(systolicMatmulCost(op, makeTarget({ array: { rows: 256, cols: 256 } }), ideal).computeCycles).toBe(7_343);
    expect(systolicMatmulCost(op, makeTarget({ array: { rows: 512, cols: 256 } }), ideal).computeCycles).toBe(7_967);
  });
});
