import type { Bound, OpCost } from "../cost/types.js";
import type { Op } from "../graph/types.js";
import type { CostTotals } from "./energy-totals.js";
import type { FpgaSpec, GpuSpec } from "../hardware/types.js";

export type CostModel = "systolic" | "roofline";

export interface SimulateOptions {
  readonly costModel: CostModel;
  /**
   * The target's cycle model without memory limits: on a systolic target, cycles equal SCALE-Sim's stall-free
   * compute cycles; on a GPU target, kernels take their fixed overhead and tensor-core waves only.
   */
  readonly idealMemory: boolean;
}

export const DEFAULT_SIMULATE_OPTIONS: SimulateOptions = { costModel: "systolic", idealMemory: false };

/** Share of a component's (or the whole inference's) cycles spent under each bound; sums to 1. */
export type BoundMix = Readonly<Record<Bound, number>>;

export interface OpResult extends OpCost {
  readonly op: Op;
  /** MACs of all the op's executions in one inference (op.macs is one execution's). */
  readonly macsPerInference: number;
  /** Dynamic energy of all the op's executions in one inference, pJ (idle power is per inference, not per op). */
  readonly energyPj: number;
  readonly weightsResident: boolean;
  readonly bound: Bound;
  readonly utilization: number;
  readonly latencyMs: number;
  /**
   * Roofline view of the same op (cost/roofline.ts): MACs per compulsory DRAM byte under the target's on-chip
   * rule (null for vector ops and for matmuls whose operands all stay on chip), and its ideal latency.
   */
  readonly intensity: number | null;
  /** The op's compulsory DRAM bytes per inference under the same rule (the roofline's; `dramBytes` is what moves). */
  readonly compulsoryBytes: number;
  readonly rooflineMs: number;
  readonly rooflineBound: "compute" | "dram" | "vector";
}

export interface ComponentResult {
  readonly name: string;
  readonly latencyMs: number;
  readonly cycles: number;
  /** Cycles of the ops that run once per inference. */
  readonly staticCycles: number;
  /** Cycles of one diffusion step, all instances included (0 for a static component). */
  readonly perStepCycles: number;
  readonly steps: number;
  readonly instances: number;
  readonly macs: number;
  readonly utilization: number;
  readonly boundMix: BoundMix;
  /** Energy per inference of the component's ops, idle power while it runs included, mJ. */
  readonly energyMj: number;
}

export interface TargetSummary {
  readonly name: string;
  /** Which cycle model the target asks for: the systolic array or the GPU kernel model. */
  readonly kind: "systolic" | "gpu" | "fpga";
  readonly clockMhz: number;
  readonly precision: string;
  /** The precision weights are stored and moved in: `precision`, or narrower (int4). */
  readonly weightPrecision: string;
  readonly rows: number;
  readonly cols: number;
  readonly arrays: number;
  readonly dataflow: string;
  /** ws and is: single (SCALE-Sim) or double-buffered stationary tiles. */
  readonly weightBuffering: string;
  readonly peakMacsPerCycle: number;
  readonly sramKiB: number;
  readonly sramBandwidthBytesPerCycle: number;
  readonly dramBandwidthGBps: number;
  readonly vectorLanes: number;
  readonly nodeNm: number;
  readonly dramType: string;
  /** Whether the node or DRAM type are defaults the target file did not give. */
  readonly technologyAssumed: boolean;
  /** Core supply the clock needs (absent on GPUs); dynamic energy scales with its square. */
  readonly voltageV?: number;
  /** GPU targets only: SMs, thread-block tile, fixed overhead per kernel and the achievable fractions. */
  readonly gpu?: GpuSpec;
  /** FPGA targets only: the device and what the build uses of it. */
  readonly fpga?: FpgaSpec;
}

/** What one inference costs in total: all a sweep keeps of a design point. */
export interface SimulationTotals extends CostTotals {
  readonly latencyMs: number;
  /** Cycles per inference (exact integer). */
  readonly cycles: number;
  /** MACs per inference (exact integer). */
  readonly macs: number;
  readonly peakMacsPerCycle: number;
  /** macs / (cycles · peakMacsPerCycle). */
  readonly utilization: number;
  readonly inferencesPerSecond: number;
  readonly boundMix: BoundMix;
}

export interface SimulationResult extends SimulationTotals {
  readonly model: string;
  /** Sequences (robots) one inference serves together; latency and energy are the whole batch's. */
  readonly batch: number;
  readonly target: TargetSummary;
  readonly costModel: CostModel;
  readonly idealMemory: boolean;
  readonly components: readonly ComponentResult[];
  readonly ops: readonly OpResult[];
}
