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
  readonly static: number;
}

export const ENERGY_PARTS: readonly (keyof EnergyBreakdown)[] = ["mac", "array", "sram", "dram", "vector", "static"];

/**
 * Dynamic energy of one op over all its executions, pJ, in named steps (figures from the target's technology,
 * see hardware/technology.ts): MACs × MAC energy; MACs × in-array register energy; SRAM bytes × SRAM energy per
 * byte; DRAM bytes × DRAM energy per byte; vector element operations × energy per operation. Leakage is not per
 * op: it is static power × latency, added per inference (staticEnergyPj).
 */
export function opEnergyPj(op: Op, cost: OpCost, target: Target): EnergyBreakdown {
  const e = target.energy;
  const macs = op.kind === "matmul" ? op.macs * op.count : 0;
  const vectorOps = op.kind === "vector" ? op.elements * op.opsPerElement * op.count : 0;
  return {
    mac: macs * e.macPj,
    array: macs * e.arrayPjPerMac,
    sram: cost.sramBytes * e.sramPjPerByte,
    dram: cost.dramBytes * e.dramPjPerByte,
    vector: vectorOps * e.vectorPjPerOp,
    static: 0,
  };
}

/** Leakage over `seconds`: static power per mm² × area × time, pJ. */
export function staticEnergyPj(target: Target, areaMm2: number, seconds: number): number {
  return target.energy.staticWPerMm2 * areaMm2 * seconds * 1e12;
}

/** Total pJ (or mJ) of a breakdown; leakage may be absent (dynamic energy only). */
export function sumEnergy(parts: Omit<EnergyBreakdown, "static"> & { readonly static?: number }): number {
  return parts.mac + parts.array + parts.sram + parts.dram + parts.vector + (parts.static ?? 0);
}
