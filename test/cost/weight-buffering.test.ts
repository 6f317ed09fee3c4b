import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldCycles, gemmCycles } from "../../src/cost/scalesim.js";
import { systolicMatmulCost } from "../../src/cost/systolic.js";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { simulate } from "../../src/simulate/simulate.js";
import { makeMatmul, makeTarget } from "./helpers.js";

const policy = { idealMemory: true, weightsResident: false, bufferBytes: 1 << 20 };

describe("double-buffered weights (mac_array.weight_buffering: double)", () => {
  it("the expert's 50×720×720 projection on TPU v1's 256×256 ws array: 7,343 cycles single, 2,863 double (2.56×)", () => {
    // ws maps K = 720 on rows and N = 720 on columns, streams T = M = 50: ⌈720/256⌉² = 9 folds.
    // single (SCALE-Sim): 9 × (2·256 + 256 + 50 − 2) − 1 = 9 × 816 − 1 = 7,343.
    // double: the first 256-cycle load; 8 folds of max(50, 256) = 256 while the next tile loads; the last fold's
    //   50; one fill/drain 256 + 256 − 2; less 1: 8 × 256 + 50 + 2·256 + 256 − 3 = 2,863.
    expect(foldCycles("ws", 256, 256, 50, 9, "single")).toBe(7_343);
    expect(foldCycles("ws", 256, 256, 50, 9, "double")).toBe(2_863);
    const op = makeMatmul(50, 720, 720);
    const tpu = (buffering: "single" | "double") =>
      makeTarget({ array: { rows: 256, cols: 256, weightBuffering: buffering } });
    expect(systolicMatmulCost(op, tpu("single"), policy).computeCycles).toBe(7_343);
    expect(systolicMatmulCost(op, tpu("double"), policy).computeCycles).toBe(2_863);
  });

  it("hides the load entirely when the stream is longer than the tile: 1,024 tokens, 4 folds on 256 rows", () => {
    // single: 4 × (512 + 256 + 1024 − 2) − 1 = 7,159; double: 3 × 1024 + 1024 + 512 + 256 − 3 = 4,861.
    expect(foldCycles("ws", 256, 256, 1024, 4, "single")).toBe(7_159);
    expect(foldCycles("ws", 256, 256, 1024, 4, "double")).toBe(4_861);
  });

  it("is single buffering for output stationary, never slower than it, and equal to it for one fold", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 1, max: 64 }),
        (r, c, t, folds) => {
          expect(foldCycles("os", r, c, t, folds, "double")).toBe(foldCycles("os", r, c, t, folds, "single"));
          for (const dataflow of ["ws", "is"] as const) {
            const [single, double] = [
              foldCycles(dataflow, r, c, t, folds, "single"),
              foldCycles(dataflow, r, c, t, folds, "double"),
            ];
            expect(double).toBeLessThanOrEqual(single);
            if (folds === 1) expect(double).toBe(single);
          }
        },
      ),
    );
  });

  it("never beats the MACs: double-buffered cycles ≥ ideal for any GEMM", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom("ws", "is"),
        (m, k, n, batch, dataflow) => {
          const t = makeTarget({ array: { rows: 16, cols: 8, dataflow, weightBuffering: "double", count: 2 } });
          const cost = systolicMatmulCost(makeMatmul(m, k, n, { batch }), t, policy);
          expect(cost.computeCycles).toBeGreaterThanOrEqual(cost.idealCycles);
          expect(cost.fillDrainCycles).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it("TPU v1 ships double-buffered; --set mac_array.weight_buffering=single gives back SCALE-Sim's count", () => {
    const graph = buildGraph(loadModel("models/smolvla.yaml"));
    expect(loadTarget("hardware/tpu-v1.yaml").array.weightBuffering).toBe("double");
    const single = simulate(graph, loadTarget("hardware/tpu-v1.yaml", { "mac_array.weight_buffering": "single" }));
    const double = simulate(graph, loadTarget("hardware/tpu-v1.yaml"));
    // One 256×256 array: an op's compute is its heads' GEMMs one after another, each SCALE-Sim's count.
    for (const r of single.ops) {
      if (r.op.kind !== "matmul") continue;
      expect(r.computeCycles).toBe(
        Math.max(r.idealCycles, r.op.count * r.op.batch * gemmCycles("ws", 256, 256, r.op.m, r.op.k, r.op.n).cycles),
      );
    }
    expect(double.cycles).toBeLessThan(single.cycles);
  });
});
