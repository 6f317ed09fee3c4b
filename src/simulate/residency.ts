import { weightBytes } from "../hardware/precision.js";
import type { Target } from "../hardware/types.js";
import type { ResidencyGroup } from "./plan.js";

/**
 * Weight residency: the weights of a component and phase (e.g. the action expert's per-step layers) may stay
 * in SRAM across the group's executions (every diffusion step, every camera) instead of being read from DRAM
 * on each. Only weights that are read more than once per inference can gain from it, and only when they fit
 * in half the SRAM together (the other half is left for operand buffers). Pinning takes SRAM away from the
 * operand buffers, so it is a trade: the engine costs such a group both ways and keeps the faster
 * (see chooseResidency in engine.ts). That choice makes latency non-increasing in SRAM size: a larger SRAM
 * only adds options, and each option's cost shrinks with SRAM.
 */
export function residentBytesIfPinnable(group: ResidencyGroup, target: Target): number | undefined {
  if (group.count <= 1 || group.weightElements === 0) return undefined;
  const bytes = weightBytes(group.weightElements, target.weightBytesPerElement);
  return bytes <= target.sramBytes / 2 ? bytes : undefined;
}
