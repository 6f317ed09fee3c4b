import { gpuMatmulCost, gpuVectorCost } from "../cost/gpu.js";
import { rooflineOpCost } from "../cost/roofline.js";
import { systolicMatmulCost, vectorCost } from "../cost/systolic.js";
import type { OpCost } from "../cost/types.js";
import type { Op } from "../graph/types.js";
import type { Target } from "../hardware/types.js";
import type { SimulateOptions } from "./types.js";

/**
 * The cost of one op (all its executions) under the chosen model; `residentBytes` are the weights of the op's
 * residency group when they stay in SRAM (undefined when they do not). A GPU target (`kind: gpu`) is costed by
 * the GPU kernel model unless the roofline is asked for.
 */
export function costOf(op: Op, target: Target, options: SimulateOptions, residentBytes: number | undefined): OpCost {
  if (options.costModel === "roofline")
    return rooflineOpCost(op, target, { weightsResident: residentBytes !== undefined });
  if (target.gpu !== undefined) {
    const policy = { idealMemory: options.idealMemory };
    return op.kind === "vector"
      ? gpuVectorCost(op, target, target.gpu, policy)
      : gpuMatmulCost(op, target, target.gpu, policy);
  }
  const policy = {
    idealMemory: options.idealMemory,
    weightsResident: residentBytes !== undefined,
    bufferBytes: target.sramBytes - (residentBytes ?? 0),
  };
  return op.kind === "vector" ? vectorCost(op, target, policy) : systolicMatmulCost(op, target, policy);
}
