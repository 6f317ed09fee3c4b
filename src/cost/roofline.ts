import { opBytes } from "../graph/operands.js";
import type { Op } from "../graph/types.js";
import { peakMacsPerCycle, type Target } from "../hardware/types.js";
import type { RooflineCost } from "./types.js";

/**
 * The ideal bound (Williams et al., "Roofline", CACM 2009): compute time at peak MACs/s against the time to
 * move the compulsory DRAM bytes (weights + inputs + outputs, each once per execution) at full bandwidth.
 * Vector ops are charged their bytes too (every input tensor and the output), so they can be memory bound.
 * A batched op's intensity is that of one of its GEMMs: its MACs and bytes both scale with the batch.
 */
export function rooflineCost(op: Op, target: Target): RooflineCost {
  const bytes = opBytes(op, target.bytesPerElement);
  const bytesPerExecution = bytes.weightBytes + bytes.inputBytes + bytes.outputBytes;
  const memorySeconds = (bytesPerExecution * op.count) / target.dramBytesPerSecond;
  if (op.kind === "vector") {
    const computeSeconds = (op.count * op.elements * op.opsPerElement) / (target.vectorLanes * target.clockHz);
    const seconds = Math.max(computeSeconds, memorySeconds);
    return { computeSeconds, memorySeconds, seconds, intensity: 0, bytes: op.count * bytesPerExecution, bound: memorySeconds > computeSeconds ? "dram" : "vector" };
  }
  const peakMacsPerSecond = peakMacsPerCycle(target) * target.clockHz;
  const computeSeconds = (op.macs * op.count) / peakMacsPerSecond;
  return {
    computeSeconds,
    memorySeconds,
    seconds: Math.max(computeSeconds, memorySeconds),
    intensity: op.macs / bytesPerExecution,
    bytes: op.count * bytesPerExecution,
    bound: computeSeconds >= memorySeconds ? "compute" : "dram",
  };
}
