import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { FILTER_ON_CHIP, INPUT_ON_CHIP, onChipMask } from "../../src/cost/on-chip.js";
import { withSpans } from "../../src/graph/liveness.js";
import type { MatmulOp } from "../../src/graph/types.js";
import { loadModel } from "../../src/load/load.js";

const matmul = (
  name: string,
  m: number,
  k: number,
  n: number,
  producers: number[],
  filterIsWeight = true,
): MatmulOp => ({
  kind: "matmul",
  component: "c",
  layer: 0,
  block: "b",
  name,
  phase: "static",
  count: 1,
  m,
  k,
  n,
  batch: 1,
  macs: m * k * n,
  filterIsWeight,
  producers,
});

describe("how long a tensor must stay on chip (graph/liveness.ts)", () => {
  it("counts the producer's output and every output made before the consumer", () => {
    // q, k, v read x (op 0, no producer); scores read q and k; values read scores and v.
    const ops = withSpans([
      matmul("x", 10, 4, 8, []), // out 80
      matmul("q", 10, 8, 6, [0]), // out 60
      matmul("k", 10, 8, 6, [0]), // out 60
      matmul("v", 10, 8, 6, [0]), // out 60
      matmul("scores", 10, 6, 10, [1, 2], false), // out 100
      matmul("values", 10, 10, 6, [4, 3], false), // out 60: the model's result
    ]);
    expect(ops[0]!.spans).toEqual({ id: 0, input: undefined, filter: undefined, output: 80 + 60 + 60 }); // its last consumer, v, comes after q and k
    expect(ops[1]!.spans).toEqual({ id: 1, input: 80, filter: undefined, output: 60 + 60 + 60 }); // q waits for k and v
    expect(ops[3]!.spans).toEqual({ id: 3, input: 80 + 60 + 60, filter: undefined, output: 60 + 100 }); // v waits for the scores
    // scores: q (60) with k and v made since (120); K from k (60) with v (60).
    expect(ops[4]!.spans).toEqual({ id: 4, input: 180, filter: 120, output: 100 });
    // values: scores straight in; V from v with the scores made since; no consumer, so its result is in DRAM.
    expect(ops[5]!.spans).toEqual({ id: 5, input: 100, filter: 160, output: undefined });
  });

  it("a tensor is on chip when one slice fits a third of the buffer and its span fits the buffer (cost/on-chip.ts)", () => {
    const values = {
      ...matmul("values", 10, 10, 6, [4, 3], false),
      spans: { id: 0, input: 100, filter: 160, output: undefined },
    };
    // 300 B: the input (100 B ≤ a third, 100 B) and its span of 100 fit; V (60 B) and its span of 160 fit too;
    // the output has no consumer, so it goes to DRAM.
    expect(onChipMask(values, 1, 300)).toBe(INPUT_ON_CHIP | FILTER_ON_CHIP);
    // 150 B: V's span no longer fits, and the 100 B input misses a third (50 B).
    expect(onChipMask(values, 1, 150)).toBe(0);
    // A standalone GEMM has everything in DRAM however large the buffer.
    expect(onChipMask({ ...values, standalone: true }, 1, 1e12)).toBe(0);
  });

  it("every op of SmolVLA but the model's inputs has an input span, and every op but its results an output span", () => {
    const graph = buildGraph(loadModel("models/smolvla.yaml"));
    for (const op of graph.ops) {
      expect(op.spans?.input !== undefined).toBe(op.producers.length > 0);
      if (op.spans?.output !== undefined) expect(op.spans.output).toBeGreaterThan(0);
    }
  });
});
