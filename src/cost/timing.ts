import type { MatmulOp, Op, VectorOp } from "../graph/types.js";
import { dramBytesPerCycle, peakMacsPerCycle, type Target } from "../hardware/types.js";
import type { Bound, OpCost } from "./types.js";

/**
 * How the systolic, FPGA and roofline models turn an op's work into time (GPU kernels add a launch and are
 * timed per kernel in gpu.ts): compute, SRAM-port and DRAM time overlap under double buffering, so the op
 * takes the longest of the three. Only the DRAM time depends on the clock (bytes per cycle = bandwidth ÷
 * clock): everything else of a cost is in cycles and bytes, which is why a sweep keeps an op's cost across
 * points that differ only in clock or DRAM bandwidth and retimes it with these same functions (simulate/plan-costs.ts).
 */

/** Cycles of all an op's MACs at the target's peak rate: what a perfectly used array would need. */
export function idealMacCycles(op: MatmulOp, target: Target): number {
  return Math.ceil((op.macs * op.count) / peakMacsPerCycle(target));
}

/** Cycles of one execution of a vector op on the target's lanes, one element operation per lane per cycle. */
export function vectorCycles(op: VectorOp, target: Target): number {
  return Math.ceil((op.elements * op.opsPerElement) / target.vectorLanes);
}

/** DRAM cycles of `bytes` at the target's full bandwidth, in whole cycles. */
export function dramCyclesOf(bytes: number, target: Target): number {
  return Math.ceil(bytes / dramBytesPerCycle(target));
}

/** Compute, SRAM-port and DRAM time overlap: the op takes the longest. */
export function overlapCycles(computeCycles: number, sramCycles: number, dramCycles: number): number {
  return Math.max(computeCycles, sramCycles, dramCycles);
}

/** The bound that held: the compute unit on a tie, then DRAM, then the SRAM ports. */
export function overlapBound(cycles: number, computeCycles: number, dramCycles: number, computeBound: Bound): Bound {
  return cycles === computeCycles ? computeBound : cycles === dramCycles ? "dram" : "sram";
}

/** MACs over the MAC slots of `cycles`; 0 for vector work. */
export function opUtilization(op: Op, cycles: number, target: Target): number {
  return op.kind === "matmul" ? (op.macs * op.count) / (cycles * peakMacsPerCycle(target)) : 0;
}

/**
 * The timed fields of a cost: cycles, the bound, stalls and utilisation from its compute, SRAM and DRAM
 * cycles. The one place the overlap rule is applied.
 */
export type UntimedCost = Omit<OpCost, "cycles" | "bound" | "stallCycles" | "utilization">;

export function timed(op: Op, parts: UntimedCost, target: Target): OpCost {
  const cycles = overlapCycles(parts.computeCycles, parts.sramCycles, parts.dramCycles);
  // Fields in the order of OpCost, as every model writes them: per-op CSV columns follow this order.
  return {
    cycles,
    computeCycles: parts.computeCycles,
    sramCycles: parts.sramCycles,
    dramCycles: parts.dramCycles,
    idealCycles: parts.idealCycles,
    fillDrainCycles: parts.fillDrainCycles,
    overheadCycles: parts.overheadCycles,
    stallCycles: cycles - parts.computeCycles,
    folds: parts.folds,
    mappingEfficiency: parts.mappingEfficiency,
    sramBytes: parts.sramBytes,
    dramBytes: parts.dramBytes,
    bound: overlapBound(cycles, parts.computeCycles, parts.dramCycles, op.kind === "matmul" ? "compute" : "vector"),
    utilization: opUtilization(op, cycles, target),
    accumulatorBytes: parts.accumulatorBytes,
    fillDrainBytes: parts.fillDrainBytes,
    // Always present (undefined but for systolic matmuls), so that every cost record has one layout.
    tiling: parts.tiling,
  };
}
