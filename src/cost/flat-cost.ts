import type { Op } from "../graph/types.js";
import type { Target } from "../hardware/types.js";
import { timed } from "./timing.js";
import type { OpCost } from "./types.js";

/**
 * The cost record of work with no array mapping (vector ops, or any op under the roofline): only compute and
 * DRAM time, overlapped, with no folds, fill/drain or SRAM-port limits.
 */
export function flatCost(
  op: Op,
  target: Target,
  parts: {
    computeCycles: number;
    dramCycles: number;
    dramBytes: number;
    mappingEfficiency: number;
    /** A vector op's reads and writes of the buffer, and the port cycles they take (none under the roofline). */
    sramBytes?: number;
    sramCycles?: number;
    fillDrainBytes?: number;
  },
): OpCost {
  return timed(
    op,
    {
      computeCycles: parts.computeCycles,
      sramCycles: parts.sramCycles ?? 0,
      dramCycles: parts.dramCycles,
      idealCycles: parts.computeCycles,
      fillDrainCycles: 0,
      overheadCycles: 0,
      folds: 0,
      mappingEfficiency: parts.mappingEfficiency,
      sramBytes: parts.sramBytes ?? 0,
      dramBytes: parts.dramBytes,
      accumulatorBytes: 0,
      fillDrainBytes: parts.fillDrainBytes ?? 0,
    },
    target,
  );
}
