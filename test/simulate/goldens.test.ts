import { describe, expect, it } from "vitest";
import { trafficRows } from "../../src/report/views/traffic-view.js";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";

/**
 * Latency goldens worked out by hand from the formulas in docs/cost-model.md (SCALE-Sim's fold count and fold
 * time, its SRAM traffic, the blocked-GEMM DRAM passes), not from what the code printed.
 */
const model = resolveModel(
  parseModelSpec(
    [
      "name: three ops",
      "components:",
      "  - name: c",
      "    layers:",
      "      - repeat: 1",
      "        blocks:",
      "          - { type: linear, name: proj, tokens: 64, in: 128, out: 256 }",
      "          - { type: vector, name: act, elements: 64 * 256, ops_per_element: 4 }",
      "          - { type: linear, name: down, tokens: 64, in: 256, out: 128 }",
    ].join("\n"),
    "three-ops.yaml",
  ),
);
const graph = buildGraph(model);
// xattn-unit: 16×16 ws int8 at 300 MHz, 256 KiB SRAM at 64 B/cycle, 19.2 GB/s DRAM = 64 B/cycle, 16 lanes.
const xattn = loadTarget("hardware/xattn-unit.yaml");
const cycles = (result: ReturnType<typeof simulate>) => result.ops.map((r) => r.cycles);

describe("a three-op model on xattn-unit, by hand", () => {
  it("systolic: 14,079 + 4,096 + 14,079 = 32,254 cycles, 0.107513 ms", () => {
    // proj (M 64, K 128, N 256), ws: Sr = K = 128, Sc = N = 256, T = M = 64. Folds ⌈128/16⌉·⌈256/16⌉ = 128 of
    //   2·16 + 16 + 64 − 2 = 110 cycles: 128·110 − 1 = 14,079. SRAM: ifmap ⌈256/16⌉·64·128 = 131,072,
    //   filter 128·256 = 32,768, ofmap ⌈128/16⌉·64·256 = 131,072 → 294,912 B / 64 = 4,608 cycles. DRAM: the
    //   model's input (8 KiB) has no producer and comes from DRAM; the output (16 KiB) stays for act; the
    //   32 KiB of weights are read once: 40,960 B, 640 cycles.
    // act: ⌈64·256·4 / 16⌉ = 4,096 vector cycles, its 16 KiB in and out on chip.
    // down (M 64, K 256, N 128): folds 16·8 = 128 of 110 cycles: 14,079 again (SRAM 4,608); its weights and
    //   its 8 KiB result (no consumer: the model's output) cross DRAM: 40,960 B.
    const result = simulate(graph, xattn);
    expect(cycles(result)).toEqual([14_079, 4_096, 14_079]);
    expect(result.ops.map((r) => r.bound)).toEqual(["compute", "vector", "compute"]);
    // act reads its 16 KiB input from the buffer and writes 16 KiB back: 32,768 B / 64 = 512 port cycles.
    expect(result.ops.map((r) => r.sramCycles)).toEqual([4_608, 512, 4_608]);
    expect(result.ops.map((r) => r.dramBytes)).toEqual([40_960, 0, 40_960]);
    expect(result.cycles).toBe(32_254);
    expect(result.latencyMs).toBeCloseTo((32_254 / 300e6) * 1e3, 12);
    // 2 · 64·128·256 = 4,194,304 MACs over 32,254 cycles of 256 MACs.
    expect(result.utilization).toBeCloseTo(4_194_304 / (32_254 * 256), 12);
  });

  it("systolic with 20 KiB of SRAM and 0.3 GB/s (1 B/cycle): 57,344 + 32,768 + 73,728 = 163,840 cycles", () => {
    // A third of 20 KiB is 6,826.7 B: every activation misses it and crosses DRAM; the tiling is chosen per op.
    // proj (64×128×256): an a-block of Tm rows of the input, a double-buffered 128×16 weight strip and a Tm×16
    //   accumulator tile: Tm = ⌊(20,480 − 2·128·16) / (128 + 16·4)⌋ = 85 ≥ 64, so the whole input stays and the
    //   weights stream once: 8,192 + 32,768 + 16,384 = 57,344 B, the compulsory bytes.
    // act: 16,384 B misses: read and written, 32,768 B: DRAM-bound over its 4,096 vector cycles.
    // down (64×256×128): an a-block fits only ⌊(20,480 − 2·256·16) / 320⌋ = 38 rows (weights twice: 90,112 B);
    //   an output tile of 64×64 accumulators (16,384 B) with 16-deep double-buffered strips (2·16·128 = 4,096 B)
    //   fills the 20,480 B exactly and reads the input ⌈128/64⌉ = 2 times, the weights once:
    //   32,768 + 32,768 + 8,192 = 73,728 B, the least of the candidates.
    const result = simulate(graph, { ...xattn, sramBytes: 20 * 1024, dramBytesPerSecond: 0.3e9 });
    expect(result.ops.map((r) => r.dramBytes)).toEqual([57_344, 32_768, 73_728]);
    expect(result.ops.map((r) => r.tiling?.scheme)).toEqual(["a-block", undefined, "output"]);
    expect(result.ops[2]!.tiling).toEqual(
      expect.objectContaining({ tm: 64, tn: 64, tk: 16, ifmapPasses: 2, filterPasses: 1 }),
    );
    expect(cycles(result)).toEqual([57_344, 32_768, 73_728]);
    expect(result.ops.map((r) => r.bound)).toEqual(["dram", "dram", "dram"]);
    expect(result.latencyMs).toBeCloseTo((163_840 / 300e6) * 1e3, 12);
    // Against each operand moved once: proj 57,344, act 32,768, down 16,384 + 32,768 + 8,192 = 57,344.
    expect(result.ops.map((r) => r.compulsoryBytes)).toEqual([57_344, 32_768, 57_344]);
    expect(trafficRows(result).at(-1)).toEqual(["Total", "0.1638", "0.1475", "1.11"]);
  });

  it("roofline: 8,192 + 4,096 + 8,192 = 20,480 cycles; at 1 B/cycle, 40,960 + 4,096 + 40,960", () => {
    // proj: ⌈2,097,152 MACs / 256⌉ = 8,192 compute cycles. Compulsory bytes under the cycle model's on-chip rule:
    // the model's 8 KiB input and the 32,768 B of weights cross (the 16 KiB output stays for act): 640 cycles
    // at 64 B/cycle. act: 4,096 vector cycles, its 16 KiB on chip. down: weights and the 8 KiB result, 640.
    const options = { costModel: "roofline", idealMemory: false } as const;
    const result = simulate(graph, xattn, options);
    expect(cycles(result)).toEqual([8_192, 4_096, 8_192]);
    expect(result.ops.map((r) => r.dramCycles)).toEqual([640, 0, 640]);
    const slow = simulate(graph, { ...xattn, dramBytesPerSecond: 0.3e9 }, options);
    expect(cycles(slow)).toEqual([40_960, 4_096, 40_960]);
    expect(slow.ops.map((r) => r.bound)).toEqual(["dram", "vector", "dram"]);
    expect(slow.latencyMs).toBeCloseTo((86_016 / 300e6) * 1e3, 12);
  });
});

/**
 * Cycles per inference of SmolVLA (seed) on each shipped target: the systolic model, and the GPU kernel model for
 * the `kind: gpu` targets. jetson-orin and a100 moved from the systolic model (12,914,864 and 3,400,752 cycles,
 * a roofline-grade view with no launch, tiling or wave effects) to the GPU kernel model of issue 16, on purpose.
 * jetson-orin moved from 176,802,756 when grouped-query attention's K and V came to be read once per key/value
 * head (test/graph/gqa.test.ts): its DRAM-bound attention kernels read a third of the K/V they did; a100 and
 * h100 are launch-bound there, so their cycles stay. It moved again when its launch cost became its own (56 µs,
 * twice the A100's for the Jetson host, chips-as-built §9): + 4,136 kernels × 28 µs × 1300 MHz = 150,550,400.
 * tpu-v1 moved from 42,164,264 when it took the weight double-buffering of its paper (Jouppi et al. §2):
 * test/cost/weight-buffering.test.ts works the per-fold cycles by hand; with `single` it is the old count. It
 * moved again (36,552,504 → 36,670,792) when vector ops came to read and write the buffer: its 256 lanes
 * outrun its 512 B/cycle of ports on residual adds (3 tensors of bytes per element operation). tpu-v1 (→ 37,304,539)
 * and edge-npu (137,173,240 → 141,579,464) moved when a tensor came to be on chip only if it stayed there from
 * its producer beside what was made in between (graph/liveness.ts): the model's input and result, and tensors
 * evicted by larger ones, now cross DRAM.
 */
const PINNED = {
  xattn: 1_050_563_208,
  tpu: 37_304_539,
  edge: 141_579_464,
  orin: 176_634_532 + 150_550_400,
  a100: 192_741_640,
  h100: 228_860_872,
};

describe("SmolVLA (seed) totals, pinned per shipped target", () => {
  // Pinned so that an unintended change to any number shows up here; each was checked against the goldens
  // above and the corrections in corrections.test.ts when it was set. Change one only with a reason.
  const smolvla = buildGraph(loadModel("models/smolvla.yaml"));
  it.each([
    ["xattn-unit", PINNED.xattn],
    ["tpu-v1", PINNED.tpu],
    ["edge-npu", PINNED.edge],
    ["jetson-orin", PINNED.orin],
    ["a100", PINNED.a100],
    ["h100-sxm", PINNED.h100],
  ])("%s: %i cycles per inference", (name, expected) => {
    expect(simulate(smolvla, loadTarget(`hardware/${name}.yaml`)).cycles).toBe(expected);
  });

  it.each([
    // SmolVLA runs 4,136 kernels per inference (every op execution is one); each pays its launch: µs × MHz cycles.
    ["jetson-orin", 56 * 1300],
    ["a100", 28 * 1410],
    ["h100-sxm", 28 * 1830],
  ])("%s: every one of the 4,136 kernels pays the fixed overhead (%i cycles)", (name, perKernel) => {
    const result = simulate(smolvla, loadTarget(`hardware/${name}.yaml`));
    expect(result.ops.reduce((sum, r) => sum + r.op.count, 0)).toBe(4_136);
    expect(result.ops.reduce((sum, r) => sum + r.overheadCycles, 0)).toBe(4_136 * perKernel);
  });

  it("as a replayed CUDA graph (gpu.graphs), each kernel pays its 1 µs graph node instead: 4,136 × 1410 cycles on the A100", () => {
    const eager = simulate(smolvla, loadTarget("hardware/a100.yaml"));
    const graphs = simulate(smolvla, loadTarget("hardware/a100.yaml", { "gpu.graphs": "true" }));
    expect(graphs.ops.reduce((sum, r) => sum + r.overheadCycles, 0)).toBe(4_136 * 1410);
    expect(eager.cycles - graphs.cycles).toBe(4_136 * (28 - 1) * 1410);
  });
});
