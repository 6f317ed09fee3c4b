import type { Tiling } from "./tiling.js";

/**
 * What held an op back: the array, the SRAM ports, the DRAM interface, the vector unit, or (GPU targets) the
 * fixed per-kernel launch overhead.
 */
export type Bound = "compute" | "sram" | "dram" | "vector" | "launch";

/**
 * The cost of one op over all its executions in one inference, with every intermediate kept
 * (ZigZag-style: ideal cycles, mapping, fill/drain, stalls), not only the total.
 */
export interface OpCost {
  /** Cycles of all executions: max(compute, SRAM, DRAM) under double-buffered overlap. */
  readonly cycles: number;
  readonly computeCycles: number;
  readonly sramCycles: number;
  readonly dramCycles: number;
  /** MACs / (R·C·arrays): the cycles a perfectly used array would need. */
  readonly idealCycles: number;
  /** Cycles spent filling and draining the array (compute cycles beyond streaming T per fold). */
  readonly fillDrainCycles: number;
  /** Fixed per-kernel cycles (launch, dispatch, completion) of GPU targets; 0 on other targets. */
  readonly overheadCycles: number;
  /** Time the array waits for memory: cycles − computeCycles − overheadCycles. */
  readonly stallCycles: number;
  readonly folds: number;
  readonly mappingEfficiency: number;
  readonly sramBytes: number;
  readonly dramBytes: number;
  readonly bound: Bound;
  /** MACs / (cycles · R · C · arrays); 0 for vector ops. */
  readonly utilization: number;
  /**
   * SRAM bytes beyond `sramBytes` (SCALE-Sim's operand traffic, which sets the port cycles), counted in SRAM
   * energy: partial sums at 32 bits and read back between K folds (ws, is), and each DRAM byte's fill into
   * or drain out of the buffer. 0 on GPUs and under the roofline.
   */
  readonly accumulatorBytes: number;
  readonly fillDrainBytes: number;
  /** Systolic matmuls: the DRAM tiling of one GEMM (tiling.ts), its DRAM bytes per operand and the compulsory bytes. */
  readonly tiling?: Tiling | undefined;
}

export interface RooflineCost {
  readonly computeCycles: number;
  readonly dramCycles: number;
  /** max(computeCycles, dramCycles). */
  readonly cycles: number;
  readonly seconds: number;
  /** MACs per compulsory DRAM byte under the on-chip rule; null for vector ops and ops that move no DRAM bytes. */
  readonly intensity: number | null;
  readonly bytes: number;
  readonly bound: "compute" | "dram" | "vector";
}
