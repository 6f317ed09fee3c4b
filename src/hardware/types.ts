import type { TargetFile } from "./schema.js";
import type { DramType } from "./dram-types.js";
import type { Precision, WeightPrecision } from "./precision.js";

export type Dataflow = "os" | "ws" | "is";

/** How the stationary operand of ws and is is loaded: one tile at a time (SCALE-Sim), or the next during the current. */
export type WeightBuffering = "single" | "double";

/**
 * What a GPU adds to the common target (`kind: gpu`): its SMs, the thread-block tile its GEMM kernels use,
 * the fixed time per kernel and the achievable fractions of peak. The tensor cores stay in `array` and the L2
 * in `sramBytes`, so every consumer of a target (peak MACs per cycle, sweeps, reports) reads a GPU unchanged.
 */
export interface GpuSpec {
  readonly sms: number;
  readonly tile: { readonly m: number; readonly n: number; readonly k: number };
  /** Fixed time per kernel (launch, dispatch, completion), in µs as the target file states it: cycles are formed from it exactly. */
  readonly kernelOverheadUs: number;
  /** Achievable fraction of peak tensor-core throughput in a tile's K loop. */
  readonly computeEfficiency: number;
  /** Achievable fraction of the DRAM bandwidth. */
  readonly dramEfficiency: number;
  /** Kernels replayed as a CUDA graph: each pays graphKernelUs instead of kernelOverheadUs. */
  readonly graphs: boolean;
  /** Per-kernel cost inside a replayed CUDA graph, µs. */
  readonly graphKernelUs: number;
}

/** What an FPGA build (`kind: fpga`) uses of its device, and the device's limits. */
export interface FpgaSpec {
  readonly device: string;
  readonly dspSlices: number;
  /** DSP slices the array takes: its MACs per cycle ÷ MACs per DSP at the target's precision. */
  readonly dspsUsed: number;
  /** Block plus ultra RAM, bytes. */
  readonly onChipBytes: number;
  readonly maxClockHz: number;
}

/** A target with units converted once, at the boundary: Hz, bytes, bytes per second. */
export interface Target {
  readonly name: string;
  /** The checked file it was built from: a component of another precision runs on the same file at its own (atPrecision). */
  readonly file: TargetFile;
  readonly description: string;
  readonly clockHz: number;
  readonly precision: Precision;
  readonly bytesPerElement: number;
  /** Precision the weights are stored and moved in (int4: half a byte each); the MACs run at `precision`. */
  readonly weightPrecision: WeightPrecision;
  readonly weightBytesPerElement: number;
  readonly array: {
    readonly rows: number;
    readonly cols: number;
    readonly dataflow: Dataflow;
    readonly count: number;
    /** MACs per cell per cycle at the target's precision (1 unless mac_array.precisions says otherwise). */
    readonly rate: number;
    /** Every precision the cells support: area is that of a cell supporting them all. */
    readonly precisions: readonly Precision[];
    /** ws and is: whether the next stationary tile loads while the current one computes (scalesim.ts, foldCycles). */
    readonly weightBuffering: WeightBuffering;
  };
  readonly sramBytes: number;
  readonly sramBytesPerCycle: number;
  readonly dramBytesPerSecond: number;
  /** Off-chip capacity, when the target gives it. */
  readonly dramCapacityBytes?: number;
  readonly vectorLanes: number;
  readonly technology: {
    readonly nodeNm: number;
    readonly dramType: DramType;
    /** Whether the file left the node or DRAM type out, so the defaults (28 nm, DDR4) were assumed. */
    readonly assumed: boolean;
    /** Core supply the clock runs at (voltage.ts); absent on GPUs, which are calibrated at their stated clock. */
    readonly voltageV?: number;
  };
  /** Energy figures per action, resolved from the technology table and the file's overrides. */
  readonly energy: {
    readonly macPj: number;
    readonly arrayPjPerMac: number;
    readonly sramPjPerByte: number;
    /** Accumulator memory per byte of partial sums (small banks beside the array's columns). */
    readonly accumulatorPjPerByte: number;
    readonly dramPjPerByte: number;
    readonly vectorPjPerOp: number;
    /** Leakage per mm² of the whole design. */
    readonly staticWPerMm2: number;
    /** Clock tree and control switching per cycle per mm² of cell area, drawn whenever the design is clocked. */
    readonly clockPjPerMm2Cycle: number;
    /** Power drawn with nothing running, when the file states it (a GPU's loaded idle): replaces leakage and clock. */
    readonly idleW?: number;
    /** The stated power limit (a GPU's TDP), which caps peak power. */
    readonly tdpW?: number;
  };
  /** Area figures, resolved the same way. */
  readonly area: {
    readonly macUm2: number;
    readonly arrayUm2PerPe: number;
    readonly sramMm2PerMib: number;
    readonly vectorUm2PerLane: number;
    readonly phyMm2: number;
    /** As-built PE logic over the bottom-up MAC and registers (calibration.ts). */
    readonly peLogicFactor: number;
    /** As-built SRAM over its bitcell-derived macros. */
    readonly sramPeripheryFactor: number;
    /** The fixed control block, mm². */
    readonly controlMm2: number;
    /** Standard-cell utilisation after place and route: layout = cell area ÷ this. */
    readonly utilisation: number;
    /** A published die area (GPUs), which replaces the overhead steps. */
    readonly dieMm2?: number;
    /** An FPGA build adds no silicon of its own: the device is fixed (its use is in `Target.fpga`). */
    readonly none?: boolean;
  };
  /** Present on GPU targets only: costed by src/cost/gpu.ts instead of the systolic model. */
  readonly gpu?: GpuSpec;
  /** Present on FPGA targets only: the systolic model, priced as a build on the device (docs/energy-area.md). */
  readonly fpga?: FpgaSpec;
}

/** Peak MACs per cycle over all arrays at the target's precision. */
export function peakMacsPerCycle(target: Target): number {
  return target.array.rows * target.array.cols * target.array.count * target.array.rate;
}

export function dramBytesPerCycle(target: Target): number {
  return target.dramBytesPerSecond / target.clockHz;
}
