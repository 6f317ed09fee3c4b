import { opBytes } from "../graph/operands.js";
import type { MatmulOp, VectorOp } from "../graph/types.js";
import { dramBytesPerCycle, peakMacsPerCycle, type GpuSpec, type Target } from "../hardware/types.js";
import { idealMacCycles, vectorCycles } from "./timing.js";
import type { Bound, OpCost } from "./types.js";

/**
 * The GPU kernel model (`kind: gpu` targets), step by step as docs/cost-model.md "GPU targets" states it. Each
 * execution of an op is one kernel: a fixed overhead, then the longer of its tensor-core time and its DRAM
 * time (the K loop double-buffers its loads, so the two overlap, as CUTLASS's multistage main loop does).
 */

/** Whether memory time is charged: `--ideal-memory` leaves the tensor cores and the fixed overhead only. */
export interface GpuPolicy {
  readonly idealMemory: boolean;
}

/** The tiling of one GEMM kernel (all `batch` GEMMs of an op), with every intermediate named. */
export interface GpuTiling {
  /** ⌈M / tile_m⌉ and ⌈N / tile_n⌉: output tiles of one GEMM along each side. */
  readonly tilesM: number;
  readonly tilesN: number;
  /** batch · tilesM · tilesN: thread blocks of the kernel (a batched GEMM's tiles share the waves). */
  readonly tiles: number;
  /** ⌈tiles / SMs⌉: one tile per SM at a time; a partial last wave costs a whole one. */
  readonly waves: number;
  /** ⌈K / tile_k⌉: main-loop steps of one tile. */
  readonly kSteps: number;
  /** Cycles of one tile: its padded MACs at the SM's achievable tensor-core rate. */
  readonly tileCycles: number;
  /** Useful MACs over the MAC slots of the issued waves (tile padding and the idle SMs of the last wave). */
  readonly waveEfficiency: number;
}

/**
 * Step 1: the fixed cost of one kernel, in whole cycles (µs × MHz is exact for the figures targets state):
 * an eager launch, or one node of a replayed CUDA graph (`gpu.graphs`).
 */
export function overheadCycles(target: Target, gpu: GpuSpec): number {
  return Math.ceil((gpu.graphs ? gpu.graphKernelUs : gpu.kernelOverheadUs) * (target.clockHz / 1e6));
}

/** Steps 2–3: thread-block tiles, waves over the SMs, and the K loop of one tile. */
export function gpuTiling(op: MatmulOp, target: Target, gpu: GpuSpec): GpuTiling {
  const { m: tm, n: tn, k: tk } = gpu.tile;
  const tilesM = Math.ceil(op.m / tm);
  const tilesN = Math.ceil(op.n / tn);
  const tiles = op.batch * tilesM * tilesN;
  const waves = Math.ceil(tiles / gpu.sms);
  const kSteps = Math.ceil(op.k / tk);
  const macsPerSmPerCycle = peakMacsPerCycle(target) / gpu.sms;
  const tileCycles = Math.ceil((kSteps * tm * tn * tk) / (macsPerSmPerCycle * gpu.computeEfficiency));
  const waveEfficiency = op.macs / (waves * gpu.sms * kSteps * tm * tn * tk);
  return { tilesM, tilesN, tiles, waves, kSteps, tileCycles, waveEfficiency };
}

/**
 * Step 4: DRAM bytes of one kernel. Tiles are issued in blocks, so that a wave's tiles share their input
 * strips (the L2-friendly "grouped" order of CUTLASS's threadblock swizzle and Triton's matmul tutorial): a
 * wave covers about √SMs tile columns and SMs / that many tile rows. An input that fits half the L2 is read
 * from DRAM once; a larger one is read once per block of waves along the other side, i.e. an A strip once per
 * wave-block of columns and a B strip once per wave-block of rows. The output is written once.
 */
export function gpuDramBytes(op: MatmulOp, tiling: GpuTiling, target: Target, gpu: GpuSpec): number {
  const bpe = target.bytesPerElement;
  const aBytes = op.m * op.k * bpe;
  const bBytes = op.k * op.n * (op.filterIsWeight ? target.weightBytesPerElement : bpe);
  const cBytes = op.m * op.n * bpe;
  const waveCols = Math.min(tiling.tilesN, Math.ceil(Math.sqrt(gpu.sms)));
  const waveRows = Math.min(tiling.tilesM, Math.ceil(gpu.sms / waveCols));
  const l2Half = target.sramBytes / 2;
  const aPasses = op.batch * aBytes <= l2Half ? 1 : Math.ceil(tiling.tilesN / waveCols);
  // Grouped-query attention: the query heads of a group share one K (or V), read once for all of them.
  const bMatrices = op.kvHeads ?? op.batch;
  const bPasses = bMatrices * bBytes <= l2Half ? 1 : Math.ceil(tiling.tilesM / waveRows);
  return Math.ceil(op.batch * (aBytes * aPasses + cBytes) + bMatrices * bBytes * bPasses);
}

/** DRAM cycles of `bytes` at the achievable fraction of the bandwidth. */
function achievedDramCycles(bytes: number, target: Target, gpu: GpuSpec): number {
  return Math.ceil(bytes / (dramBytesPerCycle(target) * gpu.dramEfficiency));
}

/** What held a kernel back: its fixed overhead when that is its longest part, else the longer of its two times. */
function boundOf(overhead: number, compute: number, dram: number, computeBound: Bound): Bound {
  if (overhead >= compute && overhead >= dram) return "launch";
  return dram > compute ? "dram" : computeBound;
}

/** Per-kernel cycles and bytes of one op, before they are multiplied by its executions. */
interface KernelParts {
  readonly overhead: number;
  readonly compute: number;
  readonly dram: number;
  readonly l2Bytes: number;
  readonly dramBytes: number;
}

/** The OpCost of `count` identical kernels: overhead + max(compute, DRAM) each. */
function kernelsCost(
  count: number,
  k: KernelParts,
  rest: Pick<OpCost, "idealCycles" | "folds" | "mappingEfficiency" | "utilization">,
  computeBound: Bound,
): OpCost {
  // Fields in the order of OpCost, as every other model writes them: per-op CSV columns follow this order.
  return {
    cycles: count * (k.overhead + Math.max(k.compute, k.dram)),
    computeCycles: count * k.compute,
    sramCycles: 0,
    dramCycles: count * k.dram,
    idealCycles: rest.idealCycles,
    fillDrainCycles: 0,
    overheadCycles: count * k.overhead,
    stallCycles: count * Math.max(0, k.dram - k.compute),
    folds: rest.folds,
    mappingEfficiency: rest.mappingEfficiency,
    sramBytes: count * k.l2Bytes,
    dramBytes: count * k.dramBytes,
    bound: boundOf(k.overhead, k.compute, k.dram, computeBound),
    utilization: rest.utilization,
    accumulatorBytes: 0,
    fillDrainBytes: 0,
    tiling: undefined,
  };
}

/** One GEMM kernel per execution: overhead + max(waves · tile cycles, DRAM cycles). */
export function gpuMatmulCost(op: MatmulOp, target: Target, gpu: GpuSpec, policy: GpuPolicy): OpCost {
  const overhead = overheadCycles(target, gpu);
  const tiling = gpuTiling(op, target, gpu);
  const compute = tiling.waves * tiling.tileCycles;
  const dramBytes = gpuDramBytes(op, tiling, target, gpu);
  const dram = policy.idealMemory ? 0 : achievedDramCycles(dramBytes, target, gpu);
  // L2 → SM traffic: every tile reads its A and B strips over its K loop.
  const bBpe = op.filterIsWeight ? target.weightBytesPerElement : target.bytesPerElement;
  const l2Bytes = Math.ceil(
    tiling.tiles * tiling.kSteps * gpu.tile.k * (gpu.tile.m * target.bytesPerElement + gpu.tile.n * bBpe),
  );
  const peak = peakMacsPerCycle(target);
  return kernelsCost(
    op.count,
    { overhead, compute, dram, l2Bytes, dramBytes },
    {
      idealCycles: idealMacCycles(op, target),
      folds: tiling.tilesM * tiling.tilesN,
      mappingEfficiency: tiling.waveEfficiency,
      utilization: op.macs / ((overhead + Math.max(compute, dram)) * peak),
    },
    "compute",
  );
}

/**
 * A vector op (softmax, norm, activation, residual add) is a memory-bound kernel with the same fixed overhead:
 * it reads every input tensor and writes its output once, at the achievable DRAM bandwidth, against its
 * element operations on the CUDA cores. Declared fused (the model's fused_vector_ops), it launches nothing of
 * its own; its bytes are still charged (a fused epilogue that keeps them on chip is not modelled).
 */
export function gpuVectorCost(op: VectorOp, target: Target, gpu: GpuSpec, policy: GpuPolicy): OpCost {
  const compute = vectorCycles(op, target);
  const bytes = opBytes(op, target);
  const dramBytes = bytes.inputBytes + bytes.outputBytes;
  const dram = policy.idealMemory ? 0 : achievedDramCycles(dramBytes, target, gpu);
  const parts = { overhead: op.fused === true ? 0 : overheadCycles(target, gpu), compute, dram, l2Bytes: 0, dramBytes };
  return kernelsCost(
    op.count,
    parts,
    { idealCycles: op.count * compute, folds: 0, mappingEfficiency: 0, utilization: 0 },
    "vector",
  );
}
