import { describe, expect, it } from "vitest";
import { gpuDramBytes, gpuMatmulCost, gpuTiling, gpuVectorCost, overheadCycles } from "../../src/cost/gpu.js";
import type { VectorOp } from "../../src/graph/types.js";
import { loadTarget } from "../../src/load/load.js";
import type { GpuSpec } from "../../src/hardware/types.js";
import { makeMatmul, makeTarget } from "./helpers.js";

/**
 * The GPU kernel model (docs/cost-model.md, "GPU targets") worked by hand on a small GPU: 8 arrays of 16×16 =
 * 2,048 MACs per cycle over 4 SMs = 512 MACs per SM per cycle, 32×32×16 tiles (16,384 MACs per K step), 1 GHz,
 * int8 (1 byte per element).
 */
const gpu: GpuSpec = {
  sms: 4,
  tile: { m: 32, n: 32, k: 16 },
  kernelOverheadUs: 0.1,
  computeEfficiency: 1,
  dramEfficiency: 1,
  graphs: false,
  graphKernelUs: 1,
};
const small = makeTarget({
  array: { rows: 16, cols: 16, count: 8 },
  dramBytesPerSecond: 1e12,
  sramBytes: 1024 * 1024,
  gpu,
});
const ideal = { idealMemory: false };

describe("wave quantisation", () => {
  it("a GEMM of SMs + 1 = 5 tiles takes two waves, twice the time of one of 4 tiles", () => {
    // 32×64×160: ⌈32/32⌉·⌈160/32⌉ = 5 tiles on 4 SMs → ⌈5/4⌉ = 2 waves. K loop ⌈64/16⌉ = 4 steps of 16,384 MACs
    // at 512 MACs/cycle: 128 cycles a tile. Two waves: 256 cycles; 32×64×128 (4 tiles, one wave): 128.
    const five = gpuTiling(makeMatmul(32, 64, 160), small, gpu);
    expect(five).toMatchObject({ tilesM: 1, tilesN: 5, tiles: 5, waves: 2, kSteps: 4, tileCycles: 128 });
    const four = gpuTiling(makeMatmul(32, 64, 128), small, gpu);
    expect(four).toMatchObject({ tiles: 4, waves: 1, tileCycles: 128 });
    // Useful MACs over the slots of the issued waves: 32·64·160 / (2 waves · 4 SMs · 4 · 16,384) = 0.625.
    expect(five.waveEfficiency).toBe(0.625);
    // Cycles: 0.1 µs · 1,000 MHz = 100 overhead + max(256 compute, DRAM). DRAM: A 2,048 + B 10,240 + C 5,120 =
    // 17,408 B, all fitting half the L2 (read once), at 1,000 B/cycle: 18 cycles.
    const cost = gpuMatmulCost(makeMatmul(32, 64, 160), small, gpu, ideal);
    expect(cost).toMatchObject({
      cycles: 356,
      computeCycles: 256,
      dramCycles: 18,
      overheadCycles: 100,
      dramBytes: 17_408,
      bound: "compute",
      stallCycles: 0,
    });
    expect(gpuMatmulCost(makeMatmul(32, 64, 128), small, gpu, ideal).cycles).toBe(100 + 128);
  });

  it("on the A100: 108 tiles are one wave, 109 (SMs + 1) are two", () => {
    // a100.yaml: 108 SMs, 128×128×32 tiles, 432·256 / 108 = 1,024 MACs per SM per cycle at 91%.
    // M 128, K 4,096, N 128·108 = 13,824 → 108 tiles; N 13,952 → 109. K loop 128 steps of 524,288 MACs:
    // 67,108,864 / (1,024 · 0.91 = 931.84) = 72,017.58 → 72,018 cycles a tile.
    const a100 = loadTarget("hardware/a100.yaml");
    const one = gpuTiling(makeMatmul(128, 4096, 13_824), a100, a100.gpu!);
    const two = gpuTiling(makeMatmul(128, 4096, 13_952), a100, a100.gpu!);
    expect([one.tiles, one.waves, one.tileCycles]).toEqual([108, 1, 72_018]);
    expect([two.tiles, two.waves, two.tileCycles]).toEqual([109, 2, 72_018]);
    expect(gpuMatmulCost(makeMatmul(128, 4096, 13_952), a100, a100.gpu!, ideal).computeCycles).toBe(144_036);
  });

  it("a batched GEMM's tiles share the waves: 3 heads of one tile run in one wave, 5 in two", () => {
    expect(gpuTiling(makeMatmul(32, 16, 32, { batch: 3 }), small, gpu)).toMatchObject({ tiles: 3, waves: 1 });
    expect(gpuTiling(makeMatmul(32, 16, 32, { batch: 5 }), small, gpu)).toMatchObject({ tiles: 5, waves: 2 });
  });
});

describe("memory time", () => {
  // A 4 KiB L2 (half: 2,048 B) and 10 GB/s at 50% = 5 B/cycle; 50% of the tensor-core rate.
  const tight: GpuSpec = { ...gpu, computeEfficiency: 0.5, dramEfficiency: 0.5 };
  const target = makeTarget({
    array: { rows: 16, cols: 16, count: 8 },
    dramBytesPerSecond: 10e9,
    sramBytes: 4096,
    gpu: tight,
  });

  it("re-reads an input that misses the L2 once per wave-block of the other side", () => {
    // 128×64×128: 4×4 = 16 tiles. A wave covers min(4, ⌈√4⌉ = 2) = 2 tile columns × min(4, ⌈4/2⌉) = 2 rows.
    // A (8,192 B) and B (8,192 B) exceed 2,048 B: A is read ⌈4/2⌉ = 2 times, B ⌈4/2⌉ = 2 times; C 16,384 once.
    // 16,384 + 16,384 + 16,384 = 49,152 B at 5 B/cycle: 9,830.4 → 9,831 cycles.
    const op = makeMatmul(128, 64, 128);
    const tiling = gpuTiling(op, target, tight);
    expect(gpuDramBytes(op, tiling, target, tight)).toBe(49_152);
    // Compute: 16 tiles → 4 waves of 4 steps · 16,384 / (512 · 0.5) = 256 cycles: 1,024.
    const cost = gpuMatmulCost(op, target, tight, ideal);
    expect(cost).toMatchObject({
      computeCycles: 1_024,
      dramCycles: 9_831,
      cycles: 100 + 9_831,
      bound: "dram",
      stallCycles: 8_807,
    });
  });

  it("reads an input that fits half the L2 once", () => {
    // 32×32×128: A 1,024 B fits (once); B 4,096 B misses, tilesM 1 → ⌈1/1⌉ = 1 pass anyway; C 4,096.
    const op = makeMatmul(32, 32, 128);
    expect(gpuDramBytes(op, gpuTiling(op, target, tight), target, tight)).toBe(1_024 + 4_096 + 4_096);
  });

  it("--ideal-memory keeps the overhead and the waves and drops the DRAM time", () => {
    const cost = gpuMatmulCost(makeMatmul(128, 64, 128), target, tight, { idealMemory: true });
    expect(cost).toMatchObject({ dramCycles: 0, cycles: 100 + 1_024, bound: "compute" });
  });
});

describe("kernel overhead and vector kernels", () => {
  it("forms the overhead in whole cycles exactly: 28 µs at 1,410 MHz = 39,480", () => {
    expect(overheadCycles(makeTarget({ clockHz: 1410e6 }), { ...gpu, kernelOverheadUs: 28 })).toBe(39_480);
  });

  it("a vector op is a memory-bound kernel with the same overhead, once per execution", () => {
    // 1,000 elements, 4 ops each, 2 inputs, 16 lanes: ⌈4,000/16⌉ = 250 cycles; (2 + 1) · 1,000 B at 5 B/cycle: 600.
    const vector: VectorOp = {
      kind: "vector",
      component: "c",
      layer: 0,
      block: "b",
      name: "add",
      phase: "static",
      count: 2,
      elements: 1000,
      opsPerElement: 4,
      inputs: 2,
      slices: 1,
      producers: [],
    };
    const target = makeTarget({ dramBytesPerSecond: 10e9, gpu: { ...gpu, dramEfficiency: 0.5 } });
    const cost = gpuVectorCost(vector, target, target.gpu!, ideal);
    expect(cost).toMatchObject({
      cycles: 2 * (100 + 600),
      computeCycles: 500,
      dramCycles: 1_200,
      overheadCycles: 200,
      dramBytes: 6_000,
      bound: "dram",
    });
  });

  it("calls a kernel whose overhead is its longest part launch-bound", () => {
    const cost = gpuMatmulCost(makeMatmul(32, 16, 32), small, { ...gpu, kernelOverheadUs: 5 }, ideal);
    expect(cost).toMatchObject({ overheadCycles: 5_000, computeCycles: 32, bound: "launch" });
  });
});
