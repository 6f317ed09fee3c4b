import type { Bound, OpCost } from "./types.js";

/**
 * The cost record of work with no array mapping (vector ops, or any op under the roofline): only compute and
 * DRAM time, overlapped, with no folds, fill/drain or SRAM-port limits.
 */
export function flatCost(parts: {
  computeCycles: number;
  dramCycles: number;
  dramBytes: number;
  bound: Bound;
  utilization: number;
  mappingEfficiency: number;
  /** A vector op's reads and writes of the buffer, and the port cycles they take (none under the roofline). */
  sramBytes?: number;
  sramCycles?: number;
  fillDrainBytes?: number;
}): OpCost {
  const sramCycles = parts.sramCycles ?? 0;
  const cycles = Math.max(parts.computeCycles, parts.dramCycles, sramCycles);
  return {
    cycles,
    computeCycles: parts.computeCycles,
    sramCycles,
    dramCycles: parts.dramCycles,
    idealCycles: parts.computeCycles,
    fillDrainCycles: 0,
    overheadCycles: 0,
    stallCycles: cycles - parts.computeCycles,
    folds: 0,
    mappingEfficiency: parts.mappingEfficiency,
    sramBytes: parts.sramBytes ?? 0,
    dramBytes: parts.dramBytes,
    bound: parts.bound,
    utilization: parts.utilization,
    accumulatorBytes: 0,
    fillDrainBytes: parts.fillDrainBytes ?? 0,
  };
}
