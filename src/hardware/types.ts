import type { Precision } from "./precision.js";

export type Dataflow = "os" | "ws" | "is";

/** A target with units converted once, at the boundary: Hz, bytes, bytes per second. */
export interface Target {
  readonly name: string;
  readonly description: string;
  readonly clockHz: number;
  readonly precision: Precision;
  readonly bytesPerElement: number;
  readonly array: {
    readonly rows: number;
    readonly cols: number;
    readonly dataflow: Dataflow;
    readonly count: number;
  };
  readonly sramBytes: number;
  readonly sramBytesPerCycle: number;
  readonly dramBytesPerSecond: number;
  readonly vectorLanes: number;
}

/** Peak MACs per cycle over all arrays: the area proxy of a design. */
export function peakMacsPerCycle(target: Target): number {
  return target.array.rows * target.array.cols * target.array.count;
}

export function dramBytesPerCycle(target: Target): number {
  return target.dramBytesPerSecond / target.clockHz;
}
