import { opBytes } from "../graph/operands.js";
import type { Graph } from "../graph/types.js";
import type { Target } from "../hardware/types.js";

/**
 * What one unit must hold for the ops mapped to it: every weight matrix once, the tensors it keeps across
 * diffusion steps (static outputs, such as the cross-attention K/V, read by per-step ops), and its largest
 * working set (the inputs and output of one op execution). Against its SRAM (what must stream from DRAM) and
 * its DRAM capacity (whether it fits at all).
 */
export interface UnitMemory {
  readonly weightBytes: number;
  readonly keptBytes: number;
  readonly peakActivationBytes: number;
  readonly totalBytes: number;
  readonly sramBytes: number;
  /** Weights and kept tensors beyond the SRAM: read from DRAM during the inference. */
  readonly streamedBytes: number;
  /** The unit's DRAM capacity, when its target gives dram.capacity_gib. */
  readonly dramCapacityBytes?: number;
  /** true / false against the DRAM capacity; undefined when the capacity is not given. */
  readonly fits?: boolean;
  /** Bytes more DRAM it would need (0 when it fits). */
  readonly shortBytes: number;
}

export function unitMemory(graph: Graph, unitOf: Int32Array, unit: number, target: Target): UnitMemory {
  const bpe = target.bytesPerElement;
  let weightBytes = 0;
  let peakActivationBytes = 0;
  const kept = new Set<number>();
  graph.ops.forEach((op, i) => {
    if (unitOf[i] !== unit) return;
    const bytes = opBytes(op, bpe);
    weightBytes += bytes.weightBytes;
    peakActivationBytes = Math.max(peakActivationBytes, bytes.inputBytes + bytes.outputBytes);
    if (op.phase === "per_step") for (const p of op.producers) if (graph.ops[p]!.phase === "static") kept.add(p);
  });
  const keptBytes = [...kept].reduce((sum, p) => sum + opBytes(graph.ops[p]!, bpe).outputBytes * graph.ops[p]!.count, 0);
  const totalBytes = weightBytes + keptBytes + peakActivationBytes;
  const capacity = target.dramCapacityBytes;
  return {
    weightBytes,
    keptBytes,
    peakActivationBytes,
    totalBytes,
    sramBytes: target.sramBytes,
    streamedBytes: Math.max(0, weightBytes + keptBytes - target.sramBytes),
    ...(capacity === undefined ? {} : { dramCapacityBytes: capacity, fits: totalBytes <= capacity }),
    shortBytes: capacity === undefined ? 0 : Math.max(0, totalBytes - capacity),
  };
}
