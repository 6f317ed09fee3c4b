/**
 * Grouped-query attention: the VLM's 12 query heads share 4 key/value heads (seed §3), so the score and value GEMMs read
 * each K and V once per key/value head, not once per query head. MACs are per query head either way.
 */
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { opBytes, operandElements } from "../../src/graph/operands.js";
import type { MatmulOp } from "../../src/graph/types.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { simulate } from "../../src/simulate/simulate.js";

const INT8 = { precision: "int8", weightPrecision: "int8" } as const;
const graph = buildGraph(loadModel("models/smolvla.yaml"));
const op = (name: string) =>
  graph.ops.find((o) => o.component === "vlm_backbone" && o.layer === 0 && o.name === name) as MatmulOp;

describe("grouped-query attention, worked by hand on the VLM's layer 0", () => {
  // 113 prefix tokens (64 image + 48 language + 1 state), head_dim 960 / 12 = 80, 12 query heads over 4 K/V heads.
  it("scores: Q is 12 × 113 × 80, K is 4 × 80 × 113 = 36,160 elements, not 12 × that", () => {
    const scores = op("attn_scores");
    expect(scores).toMatchObject({ m: 113, k: 80, n: 113, batch: 12, kvHeads: 4 });
    expect(operandElements(scores)).toEqual({ ifmap: 12 * 113 * 80, filter: 4 * 80 * 113, ofmap: 12 * 113 * 113 });
    // int8: 108,480 B of Q + 36,160 B of K (it was 108,480 + 108,480: K counted once per query head).
    expect(opBytes(scores, INT8).inputBytes).toBe(108_480 + 36_160);
    // MACs stay per query head.
    expect(scores.macs).toBe(12 * 113 * 80 * 113);
  });

  it("values: V is 4 × 113 × 80 = 36,160 elements", () => {
    const values = op("attn_values");
    expect(values).toMatchObject({ m: 113, k: 113, n: 80, batch: 12, kvHeads: 4 });
    expect(operandElements(values).filter).toBe(36_160);
  });

  it("a GPU reads each K and V once per key/value head", () => {
    const orin = loadTarget("hardware/jetson-orin.yaml");
    const scores = simulate({ ...graph, ops: [op("attn_scores")] }, orin).ops[0]!;
    const mha = simulate({ ...graph, ops: [{ ...op("attn_scores"), kvHeads: undefined }] }, orin).ops[0]!;
    // Everything fits the L2, so each operand is read once: the difference is the 8 K matrices not re-read,
    // 8 × 80 × 113 elements, for each of the op's executions.
    expect(mha.dramBytes - scores.dramBytes).toBe(8 * 80 * 113 * orin.bytesPerElement * op("attn_scores").count);
  });
});
