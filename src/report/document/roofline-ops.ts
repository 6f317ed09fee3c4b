/** A simulation's matmul ops as roofline points, and the roofs: for the report's charts and the explorer. */
import type { SimulationResult } from "../../simulate/types.js";
import { opKind, type OpKind } from "./op-kinds.js";

/** Peak MACs per second of a target: MACs per cycle × clock. */
export function peakMacsPerSecond(result: SimulationResult): number {
  return result.target.peakMacsPerCycle * result.target.clockMhz * 1e6;
}

export function dramBytesPerSecond(result: SimulationResult): number {
  return result.target.dramBandwidthGBps * 1e9;
}

/** One matmul op on the roofline: its operational intensity and the MAC rate the simulation says it attains. */
export interface RooflineOp {
  readonly component: string;
  readonly kind: OpKind;
  /** MACs of all runs per byte the simulation moves over DRAM for them. */
  readonly intensity: number;
  /** MACs of all runs / simulated latency of all runs, MAC/s. */
  readonly attained: number;
  /** Held back by its kernel launch (a GPU's fixed cost per kernel), not by the roofs. */
  readonly launchBound: boolean;
}

export interface RooflineOps {
  /** Distinct points (identical ones, e.g. the same op in every layer, kept once). */
  readonly points: readonly RooflineOp[];
  readonly matmuls: number;
  /** Matmul ops that move no DRAM bytes (operands on chip): no finite intensity, so no point. */
  readonly onChip: number;
}

/**
 * Matmul ops on the roofline of their target. x is the op's one intensity (MACs per compulsory DRAM byte under
 * the target's on-chip rule, cost/roofline.ts), y the rate the simulation says it attains, so every point lies on
 * or below the roof and the gap is what the cycle model charges beyond the ideal: mapping, fill/drain, re-reads
 * and stalls.
 */
export function rooflineOps(result: SimulationResult): RooflineOps {
  const seen = new Map<string, RooflineOp>();
  let matmuls = 0;
  let onChip = 0;
  for (const r of result.ops) {
    if (r.op.kind !== "matmul" || r.latencyMs <= 0) continue;
    matmuls++;
    const macs = r.macsPerInference;
    if (r.intensity === null) {
      onChip++;
      continue;
    }
    const point = {
      component: r.op.component,
      kind: opKind(r.op),
      intensity: r.intensity,
      attained: macs / (r.latencyMs / 1e3),
      launchBound: r.bound === "launch",
    };
    seen.set(`${point.component}|${point.intensity.toPrecision(6)}|${point.attained.toPrecision(6)}`, point);
  }
  return { points: [...seen.values()], matmuls, onChip };
}
