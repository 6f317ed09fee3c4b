import { opBytes } from "../graph/operands.js";
import type { MatmulOp, VectorOp } from "../graph/types.js";
import { weightBytes } from "../hardware/precision.js";
import type { Target } from "../hardware/types.js";
import { flatCost } from "./flat-cost.js";
import { cyclesPerFold, foldCycles, gemmCycles, mapGemm, sramTraffic, type SramTraffic } from "./scalesim.js";
import { FILTER_ON_CHIP, INPUT_ON_CHIP, onChipMask, OUTPUT_ON_CHIP } from "./on-chip.js";
import { ACCUMULATOR_BYTES, chooseTiling, totalBytes, type Tiling } from "./tiling.js";
import { dramCyclesOf, idealMacCycles, timed, vectorCycles } from "./timing.js";
import type { OpCost } from "./types.js";

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
    const cycles =
      weightBuffering === "single"
        ? gemmsPerArray * gemm.cycles
        : foldCycles(dataflow, rows, cols, t, foldsOnArray, weightBuffering);
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
 * Step 1, where the operands are: an activation one head of which fits a third of the buffer is on chip (its
 * producer left it there; its consumer will find it), as is a K or V that fits; resident weights are on chip
 * for the whole inference. Step 2, the rest: the tiling that moves the fewest DRAM bytes (tiling.ts), never
 * more passes than the array's own loop order. Resident weights are read once per inference.
 */
function dramTraffic(op: MatmulOp, target: Target, policy: MemoryPolicy, traffic: SramTraffic): Tiling {
  const bpe = target.bytesPerElement;
  const filterBpe = filterBytesPerElement(op, target);
  const ifmapBytes = op.m * op.k * bpe;
  const filterBytes = op.k * op.n * filterBpe;
  const mask = onChipMask(op, bpe, policy.bufferBytes);
  const ifmapOnChip = (mask & INPUT_ON_CHIP) !== 0;
  const activationFilterOnChip = (mask & FILTER_ON_CHIP) !== 0;
  return chooseTiling(
    {
      m: op.m,
      k: op.k,
      n: op.n,
      bytesPerElement: bpe,
      filterBytesPerElement: filterBpe,
      ifmapOnChip,
      filterOnChip: activationFilterOnChip || (op.filterIsWeight && policy.weightsResident),
      ofmapOnChip: (mask & OUTPUT_ON_CHIP) !== 0,
      occupiedBytes: (ifmapOnChip ? ifmapBytes : 0) + (activationFilterOnChip ? filterBytes : 0),
      arrayIfmapPasses: traffic.ifmapReads / (op.m * op.k),
      arrayFilterPasses: traffic.filterReads / (op.k * op.n),
      rows: target.array.rows,
      cols: target.array.cols,
    },
    policy.bufferBytes,
  );
}

/** B's width: a weight matrix moves at the weights' precision (int4: half a byte), K or V at the activations'. */
function filterBytesPerElement(op: MatmulOp, target: Target): number {
  return op.filterIsWeight ? target.weightBytesPerElement : target.bytesPerElement;
}

/** All executions' DRAM bytes under a tiling: every GEMM's, and resident weights once per inference. */
function dramBytesOf(op: MatmulOp, tiling: Tiling, target: Target, policy: MemoryPolicy): number {
  const resident =
    op.filterIsWeight && policy.weightsResident ? weightBytes(op.batch * op.k * op.n, target.weightBytesPerElement) : 0;
  return Math.ceil(op.count * op.batch * totalBytes(tiling) + resident);
}

export function systolicMatmulCost(op: MatmulOp, target: Target, policy: MemoryPolicy): OpCost {
  const { rows, cols, dataflow, rate } = target.array;
  const perExecution = computeCyclesPerExecution(op, target);
  const idealCycles = idealMacCycles(op, target);
  // A precision at rate r takes 1/r cycles per array step (fp16 at half the int8 rate: twice as long); at rate
  // 1 this is SCALE-Sim's count. Its "− 1" can put a 1×1 output-stationary array one cycle under the MAC
  // count; never below ideal.
  const computeCycles = Math.max(idealCycles, Math.ceil((op.count * perExecution.cycles) / rate));
  // Cycles beyond streaming T per fold: each fold's load, fill and drain (SCALE-Sim), or with double buffering
  // what the overlap leaves of them.
  const streaming = op.count * perExecution.foldsOnArray * perExecution.t;
  const fillDrainCycles =
    target.array.weightBuffering === "single" || dataflow === "os"
      ? Math.ceil(
          (op.count *
            perExecution.foldsOnArray *
            (cyclesPerFold(dataflow, rows, cols, perExecution.t) - perExecution.t)) /
            rate,
        )
      : Math.max(0, computeCycles - Math.ceil(streaming / rate));

  const traffic = operandTraffic(op, target);
  const sramBytes = Math.ceil(
    op.count *
      op.batch *
      ((traffic.ifmapReads + traffic.ofmapWrites) * target.bytesPerElement +
        traffic.filterReads * filterBytesPerElement(op, target)),
  );
  const tiling = dramTraffic(op, target, policy, traffic);
  const dram = dramBytesOf(op, tiling, target, policy);
  const sramCycles = policy.idealMemory ? 0 : Math.ceil(sramBytes / target.sramBytesPerCycle);
  const dramCycles = policy.idealMemory ? 0 : dramCyclesOf(dram, target);
  return timed(
    op,
    {
      computeCycles,
      sramCycles,
      dramCycles,
      idealCycles,
      fillDrainCycles,
      overheadCycles: 0,
      folds: perExecution.gemm.folds,
      mappingEfficiency: perExecution.gemm.mappingEfficiency,
      sramBytes,
      dramBytes: dram,
      accumulatorBytes: op.count * op.batch * partialSumBytes(op, target),
      fillDrainBytes: dram,
      tiling,
    },
    target,
  );
}

/**
 * Partial sums of one GEMM beyond SCALE-Sim's count, bytes. Under ws and is the array reduces R of K per fold,
 * so each of the ⌈K/R⌉ − 1 folds before the last leaves M·N partial sums that the next reads back. SCALE-Sim
 * counts their writes at operand width; accumulators are 32-bit (ACCUMULATOR_BYTES), so this adds the wider
 * writes and the reads: (⌈K/R⌉ − 1) · M · N · ((4 − bytes per element) + 4). Output stationary keeps its sums
 * in the PEs over the whole K.
 */
function partialSumBytes(op: MatmulOp, target: Target): number {
  if (target.array.dataflow === "os") return 0;
  const partialFolds = Math.ceil(op.k / target.array.rows) - 1;
  return partialFolds * op.m * op.n * (ACCUMULATOR_BYTES - target.bytesPerElement + ACCUMULATOR_BYTES);
}

/**
 * Vector work runs on the vector unit after the matmul that feeds it (no overlap). It works one slice at a
 * time (one head of a softmax), like the per-head GEMMs around it: when a slice of each tensor fits a third
 * of the operand buffers, the tensors stay on chip; otherwise (a ViT head's 1 MiB of softmax scores on a
 * small SRAM) every input tensor is read from DRAM and the output written back.
 */
export function vectorCost(op: VectorOp, target: Target, policy: MemoryPolicy): OpCost {
  const computeCycles = op.count * vectorCycles(op, target);
  const bytes = opBytes(op, target);
  // Inputs and output each stay on chip by the one on-chip rule (on-chip.ts), as for matmuls.
  const mask = onChipMask(op, target.bytesPerElement, policy.bufferBytes);
  const inputsOnChip = policy.idealMemory || (mask & INPUT_ON_CHIP) !== 0;
  const outputOnChip = policy.idealMemory || (mask & OUTPUT_ON_CHIP) !== 0;
  const dramBytes = ((inputsOnChip ? 0 : bytes.inputBytes) + (outputOnChip ? 0 : bytes.outputBytes)) * op.count;
  const dramCycles = dramCyclesOf(dramBytes, target);
  // The lanes read every input from the buffer and write the output back, through the same SRAM ports.
  const sramBytes = (bytes.inputBytes + bytes.outputBytes) * op.count;
  const sramCycles = policy.idealMemory ? 0 : Math.ceil(sramBytes / target.sramBytesPerCycle);
  return flatCost(op, target, {
    computeCycles,
    dramCycles,
    dramBytes,
    mappingEfficiency: 0,
    sramBytes,
    sramCycles,
    fillDrainBytes: dramBytes,
  });
}
