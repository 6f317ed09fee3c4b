import { flatCost } from "../cost/flat-cost.js";
import { rooflineCost } from "../cost/roofline.js";
import { systolicMatmulCost, vectorCost } from "../cost/systolic.js";
import type { OpCost } from "../cost/types.js";
import type { Op } from "../graph/types.js";
import { dramBytesPerCycle, peakMacsPerCycle, type Target } from "../hardware/types.js";
import type { SimulateOptions } from "./types.js";

/**
 * The cost of one op (all its executions) under the chosen model; `residentBytes` are the weights of the op's
 * residency group when they stay in SRAM (undefined when they do not).
 */
export function costOf(op: Op, target: Target, options: SimulateOptions, residentBytes: number | undefined): OpCost {
  if (options.costModel === "roofline") return rooflineAsCycles(op, target);
  const policy = { idealMemory: options.idealMemory, weightsResident: residentBytes !== undefined, bufferBytes: target.sramBytes - (residentBytes ?? 0) };
  return op.kind === "vector" ? vectorCost(op, target, policy) : systolicMatmulCost(op, target, policy);
}

/**
 * The roofline expressed in the same record as the cycle model, for a roofline-only machine. Counted in
 * cycles directly (⌈MACs / peak per cycle⌉, ⌈bytes / bytes per cycle⌉) rather than through seconds, whose
 * floating-point round trip can add a spurious cycle.
 */
function rooflineAsCycles(op: Op, target: Target): OpCost {
  const r = rooflineCost(op, target);
  const computeCycles =
    op.kind === "matmul" ? Math.ceil((op.macs * op.count) / peakMacsPerCycle(target)) : op.count * Math.ceil((op.elements * op.opsPerElement) / target.vectorLanes);
  const dramCycles = Math.ceil(r.bytes / dramBytesPerCycle(target));
  const cycles = Math.max(computeCycles, dramCycles);
  const memoryBound = dramCycles > computeCycles;
  return flatCost({
    computeCycles,
    dramCycles,
    dramBytes: r.bytes,
    bound: memoryBound ? "dram" : op.kind === "vector" ? "vector" : "compute",
    utilization: op.kind === "matmul" ? (op.macs * op.count) / (cycles * peakMacsPerCycle(target)) : 0,
    mappingEfficiency: op.kind === "matmul" ? 1 : 0,
  });
}
