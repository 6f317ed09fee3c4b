import type { Op } from "../graph/types.js";
import type { Target } from "../hardware/types.js";
import type { OpCost } from "./types.js";

/** Energy by where it is spent, pJ (per op) or mJ (per inference). */
export interface EnergyBreakdown {
  readonly mac: number;
  readonly array: number;
  readonly sram: number;
  readonly dram: number;
  readonly vector: number;
  /** Clock tree and control, drawn whenever the design is clocked (calibration.ts). */
  readonly clock: number;
  /** Leakage (or a GPU's stated idle power): drawn the whole time. */
  readonly static: number;
}

export const ENERGY_PARTS: readonly (keyof EnergyBreakdown)[] = ["mac", "array", "sram", "dram", "vector", "clock", "static"];

/**
 * Dynamic energy of one op over all its executions, pJ, in named steps (figures from the target's technology,
 * see hardware/technology.ts): MACs × MAC energy; MACs × in-array register energy; SRAM bytes × SRAM energy per
 * byte; DRAM bytes × DRAM energy per byte; vector element operations × energy per operation. Leakage is not per
 * op: it is static power × latency, added per inference (staticEnergyPj).
 */
export function opEnergyPj(op: Op, cost: OpCost, target: Target): EnergyBreakdown {
  const parts = new Float64Array(DYNAMIC_ENERGY_PARTS);
  addOpEnergyPj(op, cost, target, 1, parts, 0);
  return { mac: parts[0]!, array: parts[1]!, sram: parts[2]!, dram: parts[3]!, vector: parts[4]!, clock: 0, static: 0 };
}

/** Slots of the dynamic parts in an accumulator: mac, array, sram, dram, vector. */
export const DYNAMIC_ENERGY_PARTS = 5;

/**
 * Adds `times` × one op's dynamic energy into `into[at … at + 5)` (mac, array, sram, dram, vector): the one
 * place the energy equations are; the engine's per-point totals accumulate with it, allocation-free.
 */
export function addOpEnergyPj(op: Op, cost: OpCost, target: Target, times: number, into: Float64Array, at: number): void {
  const e = target.energy;
  if (op.kind === "matmul") {
    const macs = times * op.macs * op.count;
    into[at] = into[at]! + macs * e.macPj;
    into[at + 1] = into[at + 1]! + macs * e.arrayPjPerMac;
  } else {
    into[at + 4] = into[at + 4]! + times * op.elements * op.opsPerElement * op.count * e.vectorPjPerOp;
  }
  into[at + 2] = into[at + 2]! + times * ((cost.sramBytes + cost.fillDrainBytes) * e.sramPjPerByte + cost.accumulatorBytes * e.accumulatorPjPerByte);
  into[at + 3] = into[at + 3]! + times * cost.dramBytes * e.dramPjPerByte;
}

/** Total pJ (or mJ) of a breakdown; the time-proportional parts may be absent (dynamic energy only). */
export function sumEnergy(parts: Omit<EnergyBreakdown, "static" | "clock"> & { readonly static?: number; readonly clock?: number }): number {
  return parts.mac + parts.array + parts.sram + parts.dram + parts.vector + (parts.clock ?? 0) + (parts.static ?? 0);
}
