import { zeros } from "../common/zeros.js";
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

export const ENERGY_PARTS: readonly (keyof EnergyBreakdown)[] = [
  "mac",
  "array",
  "sram",
  "dram",
  "vector",
  "clock",
  "static",
];

/**
 * Dynamic energy of one op over all its executions, pJ, in named steps (figures from the target's technology,
 * see hardware/technology.ts): MACs × MAC energy; MACs × in-array register energy; SRAM bytes × SRAM energy per
 * byte; DRAM bytes × DRAM energy per byte; vector element operations × energy per operation. Leakage is not per
 * op: it is static power × latency, added per inference (staticEnergyPj).
 */
export function opEnergyPj(op: Op, cost: OpCost, target: Target): EnergyBreakdown {
  const work = zeros(ENERGY_WORK);
  addEnergyWork(op, cost, 1, work, 0);
  const parts = zeros(DYNAMIC_ENERGY_PARTS);
  addEnergyPj(work, 0, target, parts, 0);
  return { mac: parts[0]!, array: parts[1]!, sram: parts[2]!, dram: parts[3]!, vector: parts[4]!, clock: 0, static: 0 };
}

/**
 * What dynamic energy counts of some ops' executions, as 5 numbers: MACs, vector element operations, SRAM
 * bytes (the array's operand traffic and each DRAM byte's fill or drain), accumulator bytes, DRAM bytes. Sums
 * of these are exact integers, so a group of ops' energy is its work sum times the energies per unit.
 */
export const ENERGY_WORK = 5;

/** Adds `times` × one op's energy work (its cost's bytes, its MACs or element operations) into `into[at … at + 5)`. */
export function addEnergyWork(op: Op, cost: OpCost, times: number, into: number[], at: number): void {
  if (op.kind === "matmul") into[at] = into[at]! + times * op.macs * op.count;
  else into[at + 1] = into[at + 1]! + times * op.elements * op.opsPerElement * op.count;
  into[at + 2] = into[at + 2]! + times * (cost.sramBytes + cost.fillDrainBytes);
  into[at + 3] = into[at + 3]! + times * cost.accumulatorBytes;
  into[at + 4] = into[at + 4]! + times * cost.dramBytes;
}

/** Slots of the dynamic parts in an accumulator: mac, array, sram, dram, vector. */
export const DYNAMIC_ENERGY_PARTS = 5;

/**
 * Adds the dynamic energy of the work at `work[w … w + 5)` into `into[at … at + 5)` (mac, array, sram, dram,
 * vector), pJ: the one place the energy equations are.
 */
export function addEnergyPj(work: number[], w: number, target: Target, into: number[], at: number): void {
  const e = target.energy;
  const macs = work[w]!;
  into[at] = into[at]! + macs * e.macPj;
  into[at + 1] = into[at + 1]! + macs * e.arrayPjPerMac;
  into[at + 2] = into[at + 2]! + work[w + 2]! * e.sramPjPerByte + work[w + 3]! * e.accumulatorPjPerByte;
  into[at + 3] = into[at + 3]! + work[w + 4]! * e.dramPjPerByte;
  into[at + 4] = into[at + 4]! + work[w + 1]! * e.vectorPjPerOp;
}

/** Total pJ (or mJ) of a breakdown; the time-proportional parts may be absent (dynamic energy only). */
export function sumEnergy(
  parts: Omit<EnergyBreakdown, "static" | "clock"> & { readonly static?: number; readonly clock?: number },
): number {
  return parts.mac + parts.array + parts.sram + parts.dram + parts.vector + (parts.clock ?? 0) + (parts.static ?? 0);
}
