import { opBytes } from "../graph/operands.js";
import type { Op } from "../graph/types.js";
import { dramBytesPerCycle, peakMacsPerCycle, type Target } from "../hardware/types.js";
import { flatCost } from "./flat-cost.js";
import type { OpCost, RooflineCost } from "./types.js";

/**
 * The ideal bound (Williams et al., "Roofline", CACM 2009): compute time at peak MACs/s against the time to
 * move the compulsory DRAM bytes (weights + inputs + outputs, each once per execution) at full bandwidth.
 * Vector ops are charged their bytes too (every input tensor and the output), so they can be memory bound.
 * A batched op's intensity is that of one of its GEMMs: its MACs and bytes both scale with the batch.
 *
 * Counted in whole cycles (⌈MACs / peak per cycle⌉, ⌈bytes / bytes per cycle⌉), the one unit both the
 * roofline-only machine and the per-op roofline view use; seconds are derived from them.
 */
export function rooflineCost(op: Op, target: Target): RooflineCost {
  const bytes = opBytes(op, target.bytesPerElement);
  const totalBytes = op.count * (bytes.weightBytes + bytes.inputBytes + bytes.outputBytes);
  // Step 1: compute cycles at peak (matmuls on the arrays, vector ops on the lanes).
  const computeCycles =
    op.kind === "matmul" ? Math.ceil((op.macs * op.count) / peakMacsPerCycle(target)) : op.count * Math.ceil((op.elements * op.opsPerElement) / target.vectorLanes);
  // Step 2: compulsory DRAM cycles at full bandwidth.
  const dramCycles = Math.ceil(totalBytes / dramBytesPerCycle(target));
  const cycles = Math.max(computeCycles, dramCycles);
  return {
    computeCycles,
    dramCycles,
    cycles,
    seconds: cycles / target.clockHz,
    intensity: op.kind === "matmul" ? op.macs / (bytes.weightBytes + bytes.inputBytes + bytes.outputBytes) : 0,
    bytes: totalBytes,
    bound: dramCycles > computeCycles ? "dram" : op.kind === "vector" ? "vector" : "compute",
  };
}

/** The roofline in the cycle model's record, for a roofline-only machine (`--cost-model roofline`). */
export function rooflineOpCost(op: Op, target: Target): OpCost {
  const r = rooflineCost(op, target);
  return flatCost({
    computeCycles: r.computeCycles,
    dramCycles: r.dramCycles,
    dramBytes: r.bytes,
    bound: r.bound,
    utilization: op.kind === "matmul" ? (op.macs * op.count) / (r.cycles * peakMacsPerCycle(target)) : 0,
    mappingEfficiency: op.kind === "matmul" ? 1 : 0,
  });
}
