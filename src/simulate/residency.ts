import { exactAdd } from "../common/exact.js";
import { operandElements } from "../graph/operands.js";
import type { Graph, Op } from "../graph/types.js";
import type { Target } from "../hardware/types.js";

/**
 * Which ops keep their weights in SRAM across executions: all weights of one component and phase (e.g. the
 * action expert's per-step layers) must fit in half the SRAM together, or else every execution (every
 * diffusion step, every camera) reads them from DRAM again. Returns the resident groups with their weight
 * bytes: that much SRAM is taken, and the ops of the group buffer their operands in the rest.
 */
export function residentGroups(graph: Graph, target: Target): Map<string, number> {
  const weightBytes = new Map<string, number>();
  for (const op of graph.ops) {
    if (op.kind !== "matmul" || !op.filterIsWeight) continue;
    const key = groupKey(op);
    weightBytes.set(key, exactAdd(weightBytes.get(key) ?? 0, operandElements(op).filter * target.bytesPerElement));
  }
  const resident = new Map<string, number>();
  for (const [key, bytes] of weightBytes) if (isResident(bytes, target)) resident.set(key, bytes);
  return resident;
}

export function groupKey(op: Op): string {
  return `${op.component}\u0000${op.phase}`;
}

/** The one residency rule, shared by simulate and the sweep's fast path. */
export function isResident(groupWeightBytes: number, target: Target): boolean {
  return groupWeightBytes <= target.sramBytes / 2;
}
