import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { buildGraph } from "../../src/graph/build.js";
import type { MatmulOp, VectorOp } from "../../src/graph/types.js";
import { resolveTarget } from "../../src/hardware/target.js";
import { loadModel, loadModelSpec, loadTargetSpec } from "../../src/load/load.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";

/** One expert-sized attention block and MLP on 50 tokens: small enough to work by hand. */
const MODEL = `
name: one block
components:
  - name: expert
    layers:
      - repeat: 1
        blocks:
          - { type: linear, name: proj, tokens: 50, in: 720, out: 720 }
          - { type: attention, queries: 50, hidden: 720, q_heads: 15, kv_heads: 5, head_dim: 64 }
`;
const graphOf = (batch: number) =>
  buildGraph(resolveModel(parseModelSpec(MODEL, "m.yaml"), batch === 1 ? [] : [{ key: "batch", value: batch }]));

describe("batch: N sequences served by one inference", () => {
  const one = graphOf(1);
  const four = graphOf(4);
  const op = (graph: typeof one, name: string) => graph.ops.find((o) => o.name === name)!;

  it("a weight GEMM multiplies all the sequences' tokens by the one weight matrix: M × 4, weights shared", () => {
    const a = op(one, "proj") as MatmulOp;
    const b = op(four, "proj") as MatmulOp;
    expect([b.m, b.k, b.n, b.batch]).toEqual([200, 720, 720, 1]); // 4 × 50 tokens
    expect(b.macs).toBe(200 * 720 * 720); // 103,680,000 = 4 × 25,920,000
    expect(b.macs).toBe(4 * a.macs);
  });

  it("attention's score and value GEMMs stay per sequence: 4 × 15 heads, each with its own K/V (4 × 5 KV heads)", () => {
    const scores = op(four, "attn_scores") as MatmulOp;
    expect([scores.m, scores.k, scores.n, scores.batch, scores.kvHeads]).toEqual([50, 64, 50, 60, 20]);
    const softmax = op(four, "attn_softmax") as VectorOp;
    expect([softmax.elements, softmax.slices]).toEqual([4 * 15 * 50 * 50, 60]);
    expect((op(four, "norm") as VectorOp).elements).toBe(4 * 50 * 720);
  });

  it("costs SCALE-Sim's cycles for the batched GEMM: on an 8×8 ws array, T = M grows from 50 to 200", () => {
    const target = resolveTarget(loadTargetSpec("hardware/xattn-unit.yaml"), [
      { key: "mac_array.rows", value: 8 },
      { key: "mac_array.cols", value: 8 },
      { key: "mac_array.dataflow", value: "ws" },
    ]);
    const cycles = (graph: typeof one) =>
      simulate(graph, target, { costModel: "systolic", idealMemory: true }).ops.find((o) => o.op.name === "proj")!
        .cycles;
    // folds = ⌈720/8⌉ · ⌈720/8⌉ = 8,100; cycles per fold = 2R + C + T − 2 = 16 + 8 + T − 2; total = folds · per fold − 1.
    expect(cycles(one)).toBe(8100 * (22 + 50) - 1); // 583,199
    expect(cycles(four)).toBe(8100 * (22 + 200) - 1); // 1,798,199
  });

  it("reports the batch and its per-robot figures; weights are read once per batch, so energy per robot falls", () => {
    const spec = loadModelSpec("models/smolvla.yaml");
    const target = resolveTarget(loadTargetSpec("hardware/jetson-orin.yaml"));
    const run = (batch: number) => simulate(buildGraph(resolveModel(spec, [{ key: "batch", value: batch }])), target);
    const [a, b] = [run(1), run(8)];
    expect(a.batch).toBe(1);
    expect(b.batch).toBe(8);
    expect(b.macs).toBe(8 * a.macs);
    expect(b.energyMj / 8).toBeLessThan(a.energyMj);
    expect(b.latencyMs).toBeLessThan(8 * a.latencyMs);
  });

  it("is refused when not a whole number of sequences, or beyond the limit", () => {
    const spec = loadModelSpec("models/smolvla.yaml");
    for (const value of [0, 2.5, -1, 2_000_000])
      expect(() => resolveModel(spec, [{ key: "batch", value }])).toThrow(InputError);
    expect(() => resolveModel(spec, [{ key: "batch", value: 2_000_000 }])).toThrow(/more than 1,000,000 sequences/);
    // The file has no batch key: the problem is the flag's alone, with no file line "under" it.
    expect(() => resolveModel(spec, [{ key: "batch", value: 0, source: "--set batch" }])).toThrow(
      /^--set batch: batch: value must be a positive integer, got 0$/,
    );
  });

  it("keeps 1 as the default: a model without batch builds exactly as before", () => {
    const graph = buildGraph(loadModel("models/smolvla.yaml"));
    expect(graph.batch).toBeUndefined();
    expect(simulate(graph, resolveTarget(loadTargetSpec("hardware/xattn-unit.yaml"))).batch).toBe(1);
  });
});
