import { exactAdd } from "../common/exact.js";
import { operandElements } from "../graph/operands.js";
import type { Graph, Op } from "../graph/types.js";
import type { Target } from "../hardware/types.js";

/**
 * Which ops keep their weights in SRAM across executions: all weights of one component and phase (e.g. the
 * action expert's per-step layers) must fit in half the SRAM together — the other half holds activations —
 * or else every execution (every diffusion step, every camera) reads them from DRAM again.
 */
export function residentGroups(graph: Graph, target: Target): Set<string> {
  const weightBytes = new Map<string, number>();
  for (const op of graph.ops) {
    if (op.kind !== "matmul" || !op.filterIsWeight) continue;
    const key = groupKey(op);
    weightBytes.set(key, exactAdd(weightBytes.get(key) ?? 0, operandElements(op).filter * target.bytesPerElement));
  }
  const resident = new Set<string>();
  for (const [key, bytes] of weightBytes) if (bytes <= target.sramBytes / 2) resident.add(key);
  return resident;
}

export function groupKey(op: Op): string {
  return `${op.component}\u0000${op.phase}`;
}
