import { describe, expect, it } from "vitest";
import { rooflineCost } from "../../src/cost/roofline.js";
import { systolicMatmulCost } from "../../src/cost/systolic.js";
import { buildGraph } from "../../src/graph/build.js";
import { summarizeMacs } from "../../src/graph/summary.js";
import type { Graph, Op, VectorOp } from "../../src/graph/types.js";
import { peakMacsPerCycle } from "../../src/hardware/types.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";
import { makeMatmul, makeTarget } from "../cost/helpers.js";

/** The cost-model corrections of the one-engine issue: each case failed before its fix. */

const xattn = loadTarget("hardware/xattn-unit.yaml");
const smolvla = buildGraph(loadModel("models/smolvla.yaml"));

function oneComponentGraph(ops: Op[], info: Partial<Graph["components"][number]> = {}): Graph {
  return {
    model: "test",
    components: [{ name: "c", phase: "static", steps: 1, instances: 1, layers: 1, embeddingParams: 0, ...info }],
    ops,
  };
}

describe("batched ops are costed one GEMM (one head) at a time", () => {
  it("keeps 12 heads of 64×64×64 attention on chip when one head's operands fit, though all 12 would not", () => {
    // 64 KiB of SRAM: a third is 21,845 B. One head: Q 64·64 = 4,096 B, Kᵀ 4,096 B, scores 4,096 B — all fit.
    // All 12 heads' K would be 49,152 B, which does not: whole-batch costing streamed it from DRAM.
    const target = makeTarget({ sramBytes: 64 * 1024 });
    const scores = makeMatmul(64, 64, 64, { batch: 12, filterIsWeight: false });
    expect(
      systolicMatmulCost(scores, target, { idealMemory: false, weightsResident: false, bufferBytes: target.sramBytes })
        .dramBytes,
    ).toBe(0);
  });

  it("charges SmolVLA's attention on xattn-unit 341,474,304 DRAM bytes (whole-batch costing charged ~884 MB)", () => {
    // A third of 256 KiB is 87,381 B; a tensor is on chip when one head fits it and the tensor stayed in the
    // 256 KiB beside what was made since its producer (graph/liveness.ts).
    // ViT, per layer and head: scores read Q and K (64 KiB each: the three 768 KiB projections exceed the
    // buffer) and write 1 MiB of scores (a head misses the third); P·V reads those 1 MiB, V (evicted by the
    // 12 MiB of scores in between) and writes 64 KiB (o_proj reads it after 768 KiB more). 2 × (1 MiB + 128 KiB)
    // = 2,359,296 B × 12 heads × 12 layers = 339,738,624 B.
    // VLM: P·V reads V (113·80 = 9,040 B per query head) evicted by two 153,228 B score tensors in between:
    // 9,040 × 12 heads × 16 layers = 1,735,680 B. Everything else of the VLM and the expert stays on chip.
    const result = simulate(smolvla, xattn);
    const attention = result.ops.filter((r) => r.op.kind === "matmul" && !r.op.filterIsWeight);
    expect(attention.reduce((sum, r) => sum + r.dramBytes, 0)).toBe(339_738_624 + 1_735_680);
  });

  it("judges a softmax on chip per head too", () => {
    // 12·64·64 int8 scores against 64 KiB of SRAM: one head's 4,096 B fits a third, all 49,152 B would not.
    const target = makeTarget({ sramBytes: 64 * 1024 });
    const softmax: VectorOp = {
      kind: "vector",
      component: "c",
      layer: 0,
      block: "attn",
      name: "softmax",
      phase: "static",
      count: 1,
      elements: 12 * 64 * 64,
      opsPerElement: 5,
      inputs: 1,
      slices: 12,
      producers: [],
    };
    expect(simulate(oneComponentGraph([softmax]), target).ops[0]!.dramBytes).toBe(0);
  });
});

describe("weight residency", () => {
  // 512×1024×1000 int8: 1,024,000 B of weights, ≤ half of 2.0 MiB but not of 1.9 MiB. Pinning them at 2.0 MiB
  // would leave (2,097,152 − 1,024,000)/3 = 357,717 B per buffer, too small for the 524,288 B input, and a
  // 0.3 GB/s DRAM then makes the op DRAM-bound: 33% slower with more SRAM, as measured before the fix.
  const graph = oneComponentGraph([makeMatmul(512, 1024, 1000)]);
  const slowDram = { ...xattn, dramBytesPerSecond: 0.3e9 };

  it("never pins weights that are read once per inference", () => {
    const result = simulate(graph, { ...slowDram, sramBytes: 2 * 1024 * 1024 });
    expect(result.ops[0]!.weightsResident).toBe(false);
    expect(result.ops[0]!.dramBytes).toBe(1_024_000); // the weights once; input and output stay on chip
  });

  it("makes a one-op model no slower with 2.0 MiB of SRAM than with 1.9 MiB", () => {
    const at = (mib: number) => simulate(graph, { ...slowDram, sramBytes: Math.round(mib * 1024 * 1024) }).latencyMs;
    expect(at(2.0)).toBeLessThanOrEqual(at(1.9));
  });

  it("pins reused weights only when that is faster: a per-step op whose input would no longer fit streams its weights", () => {
    // The same op run 10 times (a diffusion step each). Pinned: the weights once (1,024,000 B) but the input
    // and output stream every run: 10 × (524,288 + 512,000) = 10,362,880 B. Streamed: 10 × 1,024,000 B with
    // both activations on chip. At 0.3 GB/s the second is faster, so the engine keeps it.
    const perStep = oneComponentGraph([makeMatmul(512, 1024, 1000, { count: 10, phase: "per_step" })], {
      phase: "per_step",
      steps: 10,
    });
    const result = simulate(perStep, { ...slowDram, sramBytes: 2 * 1024 * 1024 });
    expect(result.ops[0]!.weightsResident).toBe(false);
    expect(result.ops[0]!.dramBytes).toBe(10 * 1_024_000);
    // With 8 MiB both fit beside the weights, and pinning wins: 1,024,000 B in all.
    const roomy = simulate(perStep, { ...slowDram, sramBytes: 8 * 1024 * 1024 });
    expect(roomy.ops[0]!.weightsResident).toBe(true);
    expect(roomy.ops[0]!.dramBytes).toBe(1_024_000);
  });
});

describe("one meaning of per step: one diffusion step, all instances included", () => {
  const spec = parseModelSpec(
    [
      "name: two-instance expert",
      "components:",
      "  - name: expert",
      "    phase: per_step",
      "    steps: 10",
      "    instances: 2",
      "    layers:",
      "      - repeat: 1",
      "        blocks:",
      "          - { type: linear, name: proj, tokens: 50, in: 64, out: 64 }",
    ].join("\n"),
    "expert.yaml",
  );
  const graph = buildGraph(resolveModel(spec));

  it("gives macs and simulate the same per-step figure", () => {
    // One execution: 50·64·64 = 204,800 MACs; both instances run every step: 409,600 MACs per step.
    const macs = summarizeMacs(graph).components[0]!;
    expect(macs.dynamicMacs).toBe(20 * 204_800);
    expect(macs.perStepMacs).toBe(409_600);
    const component = simulate(graph, xattn).components[0]!;
    expect(component.perStepCycles * component.steps).toBe(component.cycles - component.staticCycles);
    expect(component.macs / component.steps).toBe(macs.perStepMacs);
  });
});

describe("the roofline charges vector ops their bytes", () => {
  const add: VectorOp = {
    kind: "vector",
    component: "c",
    layer: 0,
    block: "mlp",
    name: "residual",
    phase: "static",
    count: 1,
    elements: 1_000_000,
    opsPerElement: 1,
    inputs: 2,
    slices: 1,
    producers: [],
  };

  it("reads both tensors of a residual add and writes one: 3 MB for 10^6 int8 elements", () => {
    const cost = rooflineCost(add, makeTarget({ dramBytesPerSecond: 1e9 }));
    expect(cost.bytes).toBe(3_000_000);
    expect(cost.dramCycles).toBe(3_000_000); // 3 MB at 1 GB/s and 1 GHz: 1 byte per cycle
    expect(cost.computeCycles).toBe(62_500); // 10^6 element operations on 16 lanes
    expect(cost.bound).toBe("dram");
  });

  it("makes a vector op DRAM-bound on a roofline-only machine", () => {
    const result = simulate(oneComponentGraph([add]), makeTarget({ dramBytesPerSecond: 1e9 }), {
      costModel: "roofline",
      idealMemory: false,
    });
    expect(result.ops[0]!.bound).toBe("dram");
    expect(result.ops[0]!.cycles).toBe(3_000_000); // 1 byte per cycle at 1 GHz and 1 GB/s
  });
});

describe("per-op scopes", () => {
  it.each(["xattn-unit", "tpu-v1", "edge-npu", "jetson-orin", "a100"])(
    "%s: utilization = macs × count / (cycles × peak) for every matmul op",
    (name) => {
      const target = loadTarget(`hardware/${name}.yaml`);
      for (const r of simulate(smolvla, target).ops) {
        if (r.op.kind !== "matmul") continue;
        expect(r.utilization).toBeCloseTo((r.op.macs * r.op.count) / (r.cycles * peakMacsPerCycle(target)), 12);
      }
    },
  );
});
