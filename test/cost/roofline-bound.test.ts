import fc from "fast-check";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rooflineCost } from "../../src/cost/roofline.js";
import { systolicMatmulCost } from "../../src/cost/systolic.js";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { simulate } from "../../src/simulate/simulate.js";
import { makeMatmul, makeTarget } from "./helpers.js";

const models = readdirSync("models").filter((f) => f.endsWith(".yaml"));
const targets = readdirSync("hardware").filter((f) => f.endsWith(".yaml"));

describe("the roofline is a bound: never above the detailed model", () => {
  // Every op of every shipped model on every shipped target: roofline cycles ≤ the cycle model's, in whole cycles.
  it.each(models)("%s: every op on every shipped target", (model) => {
    const graph = buildGraph(loadModel(`models/${model}`));
    for (const file of targets) {
      const target = loadTarget(`hardware/${file}`);
      const result = simulate(graph, target);
      const roofline = simulate(graph, target, { costModel: "roofline", idealMemory: false });
      for (let i = 0; i < result.ops.length; i++) {
        const r = result.ops[i]!;
        const ideal = roofline.ops[i]!;
        expect(ideal.cycles, `${model} on ${file}: ${r.op.component}.${r.op.name}`).toBeLessThanOrEqual(r.cycles);
        expect(r.rooflineMs, `${model} on ${file}: ${r.op.component}.${r.op.name}`).toBeLessThanOrEqual(
          r.latencyMs * (1 + 1e-12),
        );
        // One intensity per op: the roofline machine's and the op's roofline view agree.
        expect(ideal.intensity).toBe(r.intensity);
      }
      expect(roofline.cycles).toBeLessThanOrEqual(result.cycles);
    }
  });

  it("for any GEMM, SRAM size, array and weight residency on a systolic array", () => {
    fc.assert(
      fc.property(
        fc.record({
          m: fc.integer({ min: 1, max: 600 }),
          k: fc.integer({ min: 1, max: 600 }),
          n: fc.integer({ min: 1, max: 600 }),
          batch: fc.integer({ min: 1, max: 16 }),
          count: fc.integer({ min: 1, max: 12 }),
        }),
        fc.boolean(),
        fc.integer({ min: 1, max: 4096 }),
        fc.constantFrom(4, 16, 64),
        fc.constantFrom("os", "ws", "is"),
        fc.boolean(),
        (shape, weight, sramKiB, side, dataflow, resident) => {
          const target = makeTarget({ sramBytes: sramKiB * 1024, dramBytesPerSecond: 1e9 });
          const sized = { ...target, array: { ...target.array, rows: side, cols: side, dataflow } };
          const op = makeMatmul(shape.m, shape.k, shape.n, {
            batch: shape.batch,
            count: shape.count,
            filterIsWeight: weight,
          });
          const weights = weight ? shape.batch * shape.k * shape.n : 0;
          const pinned = resident && weight && weights <= sized.sramBytes / 2;
          const policy = {
            idealMemory: false,
            weightsResident: pinned,
            bufferBytes: sized.sramBytes - (pinned ? weights : 0),
          };
          const detailed = systolicMatmulCost(op, sized, policy);
          const ideal = rooflineCost(op, sized, { weightsResident: pinned });
          expect(ideal.bytes).toBeLessThanOrEqual(detailed.dramBytes);
          expect(ideal.cycles).toBeLessThanOrEqual(detailed.cycles);
        },
      ),
      { numRuns: 300 },
    );
  });
});
