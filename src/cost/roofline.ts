import { opBytes } from "../graph/operands.js";
import type { Op } from "../graph/types.js";
import { peakMacsPerCycle, type Target } from "../hardware/types.js";
import type { RooflineCost } from "./types.js";

/**
 * The ideal bound (Williams et al., "Roofline", CACM 2009): compute time at peak MACs/s against the time to
 * move the compulsory DRAM bytes (weights + inputs + outputs, each once per execution) at full bandwidth.
 */
export function rooflineCost(op: Op, target: Target): RooflineCost {
  const bytes = opBytes(op, target.bytesPerElement);
  const bytesPerExecution = bytes.weightBytes + bytes.inputBytes + bytes.outputBytes;
  if (op.kind === "vector") {
    const seconds = (op.count * op.elements * op.opsPerElement) / (target.vectorLanes * target.clockHz);
    return { computeSeconds: seconds, memorySeconds: 0, seconds, intensity: 0, bytes: op.count * bytesPerExecution, bound: "vector" };
  }
  const peakMacsPerSecond = peakMacsPerCycle(target) * target.clockHz;
  const computeSeconds = (op.macs * op.count) / peakMacsPerSecond;
  const memorySeconds = (bytesPerExecution * op.count) / target.dramBytesPerSecond;
  return {
    computeSeconds,
    memorySeconds,
    seconds: Math.max(computeSeconds, memorySeconds),
    intensity: op.macs / bytesPerExecution,
    bytes: op.count * bytesPerExecution,
    bound: computeSeconds >= memorySeconds ? "compute" : "dram",
  };
}
