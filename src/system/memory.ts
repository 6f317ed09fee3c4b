import { opBytes } from "../graph/operands.js";
import type { Graph } from "../graph/types.js";
import type { Target } from "../hardware/types.js";
import type { SimulationResult } from "../simulate/types.js";

/**
 * What one unit must hold for the ops mapped to it: every weight matrix once, the tensors it keeps across
 * diffusion steps (static outputs, such as the cross-attention K/V, read by per-step ops), and its largest
 * working set (the inputs and output of one op execution), against its DRAM capacity (whether it fits at all).
 * What stays in SRAM is not judged here but taken from the unit's own cost model, the one residency decision:
 * the weights it pins (weightsResident) and the DRAM traffic it charges.
 */
export interface UnitMemory {
  readonly weightBytes: number;
  readonly keptBytes: number;
  readonly peakActivationBytes: number;
  readonly totalBytes: number;
  readonly sramBytes: number;
  /** Weights the cost model reads from DRAM rather than keeping in SRAM (each time an op runs). */
  readonly streamedBytes: number;
  /** Weights the cost model keeps in SRAM across executions. */
  readonly residentWeightBytes: number;
  /** Bytes the cost model reads from and writes to DRAM in one inference, all operands. */
  readonly dramBytesPerInference: number;
  /** The unit's DRAM capacity, when its target gives dram.capacity_gib. */
  readonly dramCapacityBytes?: number;
  /** true / false against the DRAM capacity; undefined when the capacity is not given. */
  readonly fits?: boolean;
  /** Bytes more DRAM it would need (0 when it fits). */
  readonly shortBytes: number;
}

export function unitMemory(
  graph: Graph,
  unitOf: Int32Array,
  unit: number,
  target: Target,
  costed: SimulationResult,
): UnitMemory {
  let weightBytes = 0;
  let peakActivationBytes = 0;
  const kept = new Set<number>();
  // Instances placed one by one (graph/instances.ts) are copies of one op: their weights are held once.
  const held = new Set<string>();
  graph.ops.forEach((op, i) => {
    if (unitOf[i] !== unit) return;
    const bytes = opBytes(op, target);
    const copy = op.instance === undefined ? "" : `${op.component}\u0000${op.layer}\u0000${op.block}\u0000${op.name}`;
    if (copy === "" || !held.has(copy)) weightBytes += bytes.weightBytes;
    if (copy !== "") held.add(copy);
    peakActivationBytes = Math.max(peakActivationBytes, bytes.inputBytes + bytes.outputBytes);
    if (op.phase === "per_step") for (const p of op.producers) if (graph.ops[p]!.phase === "static") kept.add(p);
  });
  const keptBytes = [...kept].reduce(
    (sum, p) => sum + opBytes(graph.ops[p]!, target).outputBytes * graph.ops[p]!.count,
    0,
  );
  const totalBytes = weightBytes + keptBytes + peakActivationBytes;
  let residentWeightBytes = 0;
  let dramBytesPerInference = 0;
  for (const op of costed.ops) {
    dramBytesPerInference += op.dramBytes;
    if (op.weightsResident) residentWeightBytes += opBytes(op.op, target).weightBytes;
  }
  const capacity = target.dramCapacityBytes;
  return {
    weightBytes,
    keptBytes,
    peakActivationBytes,
    totalBytes,
    sramBytes: target.sramBytes,
    streamedBytes: weightBytes - residentWeightBytes,
    residentWeightBytes,
    dramBytesPerInference,
    ...(capacity === undefined ? {} : { dramCapacityBytes: capacity, fits: totalBytes <= capacity }),
    shortBytes: capacity === undefined ? 0 : Math.max(0, totalBytes - capacity),
  };
}
