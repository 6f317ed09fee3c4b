import type { MatmulOp, VectorOp } from "../graph/types.js";
import { dramBytesPerCycle, peakMacsPerCycle, type Target } from "../hardware/types.js";
import { flatCost } from "./flat-cost.js";
import { cyclesPerFold, foldCycles, gemmCycles, mapGemm, sramTraffic, type SramTraffic } from "./scalesim.js";
import type { Bound, OpCost } from "./types.js";

/** How memory is modelled for one op; decided per graph by the simulator (see residency.ts). */
export interface MemoryPolicy {
  /** No SRAM or DRAM limits: compute cycles only (SCALE-Sim's stall-free mode). */
  readonly idealMemory: boolean;
  /** The op's weights stay in SRAM across its executions (read from DRAM once per inference). */
  readonly weightsResident: boolean;
  /** SRAM left for operand buffers: all of it, less the weights that stay resident. */
  readonly bufferBytes: number;
}

/**
 * Compute cycles of one execution on `count` identical arrays. A batched op (one GEMM per attention head)
 * runs its GEMMs one after another, spread over the arrays; a single GEMM on several arrays splits its
 * folds between them. With one array and batch 1 this is exactly SCALE-Sim's count.
 */
function computeCyclesPerExecution(op: MatmulOp, target: Target) {
  const { rows, cols, dataflow, count: arrays, weightBuffering } = target.array;
  const gemm = gemmCycles(dataflow, rows, cols, op.m, op.k, op.n);
  const t = mapGemm(dataflow, op.m, op.k, op.n).t;
  if (op.batch >= arrays) {
    const gemmsPerArray = Math.ceil(op.batch / arrays);
    const foldsOnArray = gemmsPerArray * gemm.folds;
    // Single buffering is SCALE-Sim's count per GEMM, GEMM after GEMM; double runs the heads' folds back to back.
    const cycles = weightBuffering === "single" ? gemmsPerArray * gemm.cycles : foldCycles(dataflow, rows, cols, t, foldsOnArray, weightBuffering);
    return { gemm, cycles, foldsOnArray, t };
  }
  const arraysPerGemm = Math.floor(arrays / op.batch);
  const foldsOnArray = Math.ceil(gemm.folds / arraysPerGemm);
  return { gemm, cycles: foldCycles(dataflow, rows, cols, t, foldsOnArray, weightBuffering), foldsOnArray, t };
}

/**
 * Operand traffic of one GEMM. Arrays that share one GEMM (batch < arrays) split its columns and see the
 * same ifmap broadcast, so for input reuse they act as one array `arraysPerGemm` times wider. Each array still
 * drains its own folds, so the output writes (which count R + C per fold under os) are those of one array.
 */
function operandTraffic(op: MatmulOp, target: Target): SramTraffic {
  const { rows, cols, dataflow, count: arrays } = target.array;
  const arraysPerGemm = Math.max(1, Math.floor(arrays / op.batch));
  const shared = sramTraffic(dataflow, rows, cols * arraysPerGemm, op.m, op.k, op.n);
  if (arraysPerGemm === 1) return shared;
  return { ...shared, ofmapWrites: sramTraffic(dataflow, rows, cols, op.m, op.k, op.n).ofmapWrites };
}

/**
 * DRAM bytes of all executions, costed one GEMM (one attention head) at a time, because the heads of a batched
 * op run one after another: what must fit on chip is one head's operands, not the whole batch's.
 *
 * The SRAM is split in three like SCALE-Sim's ifmap/filter/ofmap buffers. An activation that fits its third
 * stays on chip between ops (no DRAM traffic). An operand that does not fit is streamed, and re-read once per
 * block of the *other* input operand that fits its third (classic blocked GEMM), but never more often than the
 * array itself re-reads it (the SCALE-Sim SRAM-read count). A weight is read once per execution, or once per
 * inference when resident across executions.
 */
function dramBytes(op: MatmulOp, target: Target, policy: MemoryPolicy): number {
  const bpe = target.bytesPerElement;
  const third = policy.bufferBytes / 3;
  // Step 1: one GEMM's operands (elements of one head).
  const gemm = { ifmap: op.m * op.k, filter: op.k * op.n, ofmap: op.m * op.n };
  const ifmapBytes = gemm.ifmap * bpe;
  const filterBytes = gemm.filter * bpe;
  const ofmapBytes = gemm.ofmap * bpe;
  // Step 2: how often a streamed operand is read: once per block of the other operand, capped by the array's reads.
  const traffic = operandTraffic(op, target);
  const blocks = (bytes: number) => Math.max(1, Math.ceil(bytes / third));
  const ifmapPasses = Math.min(traffic.ifmapReads / gemm.ifmap, blocks(filterBytes));
  const filterPasses = Math.min(traffic.filterReads / gemm.filter, blocks(ifmapBytes));
  // Step 3: per-GEMM DRAM bytes of each operand: none when it fits its third.
  const ifmap = ifmapBytes <= third ? 0 : ifmapBytes * ifmapPasses;
  const ofmap = ofmapBytes <= third ? 0 : ofmapBytes;
  const gemms = op.count * op.batch;
  if (!op.filterIsWeight) {
    const filter = filterBytes <= third ? 0 : filterBytes * filterPasses;
    return Math.ceil(gemms * (ifmap + filter + ofmap));
  }
  // Step 4: weights. Resident weights are read once per inference; weights that fit their buffer once per
  // execution while the input streams past them; larger ones once per input block.
  if (policy.weightsResident) return Math.ceil(gemms * (ifmap + ofmap) + op.batch * filterBytes);
  const weights = filterBytes <= third ? filterBytes : filterBytes * filterPasses;
  return Math.ceil(gemms * (ifmap + ofmap + weights));
}

export function systolicMatmulCost(op: MatmulOp, target: Target, policy: MemoryPolicy): OpCost {
  const { rows, cols, dataflow, rate } = target.array;
  const peak = peakMacsPerCycle(target);
  const totalMacs = op.macs * op.count;
  const perExecution = computeCyclesPerExecution(op, target);
  const idealCycles = Math.ceil(totalMacs / peak);
  // A precision at rate r takes 1/r cycles per array step (fp16 at half the int8 rate: twice as long); at rate
  // 1 this is SCALE-Sim's count. Its "− 1" can put a 1×1 output-stationary array one cycle under the MAC
  // count; never below ideal.
  const computeCycles = Math.max(idealCycles, Math.ceil((op.count * perExecution.cycles) / rate));
  // Cycles beyond streaming T per fold: each fold's load, fill and drain (SCALE-Sim), or with double buffering
  // what the overlap leaves of them.
  const streaming = op.count * perExecution.foldsOnArray * perExecution.t;
  const fillDrainCycles =
    target.array.weightBuffering === "single" || dataflow === "os"
      ? Math.ceil((op.count * perExecution.foldsOnArray * (cyclesPerFold(dataflow, rows, cols, perExecution.t) - perExecution.t)) / rate)
      : Math.max(0, computeCycles - Math.ceil(streaming / rate));

  const traffic = operandTraffic(op, target);
  const sramBytes = op.count * op.batch * (traffic.ifmapReads + traffic.filterReads + traffic.ofmapWrites) * target.bytesPerElement;
  const dram = dramBytes(op, target, policy);
  const sramCycles = policy.idealMemory ? 0 : Math.ceil(sramBytes / target.sramBytesPerCycle);
  const dramCycles = policy.idealMemory ? 0 : Math.ceil(dram / dramBytesPerCycle(target));

  const cycles = Math.max(computeCycles, sramCycles, dramCycles);
  const bound: Bound = cycles === computeCycles ? "compute" : cycles === dramCycles ? "dram" : "sram";
  return {
    cycles,
    computeCycles,
    sramCycles,
    dramCycles,
    idealCycles,
    fillDrainCycles,
    overheadCycles: 0,
    stallCycles: cycles - computeCycles,
    folds: perExecution.gemm.folds,
    mappingEfficiency: perExecution.gemm.mappingEfficiency,
    sramBytes,
    dramBytes: dram,
    bound,
    utilization: totalMacs / (cycles * peak),
  };
}

/**
 * Vector work runs on the vector unit after the matmul that feeds it (no overlap). It works one slice at a
 * time (one head of a softmax), like the per-head GEMMs around it: when a slice of each tensor fits a third
 * of the operand buffers, the tensors stay on chip; otherwise (a ViT head's 1 MiB of softmax scores on a
 * small SRAM) every input tensor is read from DRAM and the output written back.
 */
export function vectorCost(op: VectorOp, target: Target, policy: MemoryPolicy): OpCost {
  const computeCycles = op.count * Math.ceil((op.elements * op.opsPerElement) / target.vectorLanes);
  const tensorBytes = op.elements * target.bytesPerElement;
  const sliceBytes = tensorBytes / op.slices;
  const onChip = policy.idealMemory || sliceBytes <= policy.bufferBytes / 3;
  const dramBytes = onChip ? 0 : (op.inputs + 1) * tensorBytes * op.count;
  const dramCycles = Math.ceil(dramBytes / dramBytesPerCycle(target));
  const bound = dramCycles > computeCycles ? "dram" : "vector";
  return flatCost({ computeCycles, dramCycles, dramBytes, bound, utilization: 0, mappingEfficiency: 0 });
}
