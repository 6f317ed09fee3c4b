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
}): OpCost {
  const cycles = Math.max(parts.computeCycles, parts.dramCycles);
  return {
    cycles,
    computeCycles: parts.computeCycles,
    sramCycles: 0,
    dramCycles: parts.dramCycles,
    idealCycles: parts.computeCycles,
    fillDrainCycles: 0,
    overheadCycles: 0,
    stallCycles: cycles - parts.computeCycles,
    folds: 0,
    mappingEfficiency: parts.mappingEfficiency,
    sramBytes: 0,
    dramBytes: parts.dramBytes,
    bound: parts.bound,
    utilization: parts.utilization,
  };
}
