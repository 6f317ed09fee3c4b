import { exactTotal } from "../common/exact.js";
import type { Bound, OpCost } from "../cost/types.js";
import { peakMacsPerCycle, type Target } from "../hardware/types.js";
import { addOpEnergyPj, DYNAMIC_ENERGY_PARTS } from "../cost/energy.js";
import { costTotals, emptyDynamicEnergy, type DynamicEnergyPj } from "./energy-totals.js";
import { onChipMask } from "../cost/on-chip.js";
import { costOf } from "./op-cost.js";
import type { GraphPlan } from "./plan.js";
import { residentBytesIfPinnable } from "./residency.js";
import type { BoundMix, SimulateOptions, SimulationTotals } from "./types.js";

/** The cost of every shape of a plan, and the weight bytes each residency group keeps in SRAM (if any). */
export interface PlanCosts {
  readonly costs: readonly OpCost[];
  readonly residentBytes: readonly (number | undefined)[];
}

/**
 * Costs each shape once. A group whose reused weights could stay in SRAM is costed both ways and keeps the
 * faster way (fewer cycles; on a tie, fewer DRAM bytes): see residency.ts for why.
 */
export function costPlan(plan: GraphPlan, target: Target, options: SimulateOptions): PlanCosts {
  const costs = costShapes(plan, plan.shapes.map((_, s) => s), target, options, undefined);
  const residentBytes = plan.groups.map((group) => {
    // Pinning is the systolic model's choice (the roofline follows it); a GPU's L2 is a cache, which gpu.ts models per kernel.
    const bytes = target.gpu === undefined ? residentBytesIfPinnable(group, target) : undefined;
    if (bytes === undefined) return undefined;
    const pinned = costShapes(plan, group.shapes, target, options, bytes);
    const streamed = group.shapes.map((s) => costs[s]!);
    if (!isNoWorse(pinned, streamed, group.shapes.map((s) => plan.shapes[s]!.multiplicity))) return undefined;
    group.shapes.forEach((s, i) => (costs[s] = pinned[i]!));
    return bytes;
  });
  return { costs, residentBytes };
}

/**
 * Costs of the given shapes, each base shape costed once per on-chip decision (on-chip.ts): ops that differ
 * only in their spans and decide alike on this target cost the same.
 */
function costShapes(plan: GraphPlan, which: readonly number[], target: Target, options: SimulateOptions, residentBytes: number | undefined): OpCost[] {
  const memo: (OpCost | undefined)[] = [];
  // The buffer the rule judges with: the SRAM the resident weights leave (the roofline: all of it); a GPU's L2 is a cache.
  const bufferBytes = options.costModel === "roofline" ? target.sramBytes : target.sramBytes - (residentBytes ?? 0);
  return which.map((s) => {
    const shape = plan.shapes[s]!;
    const key = shape.base * 8 + (target.gpu === undefined ? onChipMask(shape.op, target.bytesPerElement, bufferBytes) : 0);
    return (memo[key] ??= costOf(shape.op, target, options, residentBytes));
  });
}

function isNoWorse(candidate: readonly OpCost[], current: readonly OpCost[], multiplicity: readonly number[]): boolean {
  const total = (costs: readonly OpCost[], field: "cycles" | "dramBytes") => costs.reduce((sum, c, i) => sum + multiplicity[i]! * c[field], 0);
  const [a, b] = [total(candidate, "cycles"), total(current, "cycles")];
  return a < b || (a === b && total(candidate, "dramBytes") <= total(current, "dramBytes"));
}

/** Cycles per component, split as the reports need them. */
export interface ComponentCycles {
  readonly cycles: number;
  readonly staticCycles: number;
  readonly boundCycles: Readonly<Record<Bound, number>>;
  /** Dynamic energy of the component's ops, pJ. */
  readonly energyPj: DynamicEnergyPj;
}

/**
 * Adds `multiplicity × cycles` (and × energy) of every shape into its component. Sums go into flat typed
 * arrays: this runs once per sweep point, where allocation and keyed property access would dominate.
 */
export function componentCycles(plan: GraphPlan, costs: readonly OpCost[], target: Target): ComponentCycles[] {
  const n = plan.graph.components.length;
  const cycles = new Float64Array(n);
  const staticCycles = new Float64Array(n);
  const bounds = new Float64Array(n * BOUNDS.length);
  const energy = new Float64Array(n * DYNAMIC_ENERGY_PARTS);
  for (let s = 0; s < plan.shapes.length; s++) {
    const shape = plan.shapes[s]!;
    const cost = costs[s]!;
    const c = shape.component;
    const shapeCycles = shape.multiplicity * cost.cycles;
    cycles[c] = cycles[c]! + shapeCycles;
    if (shape.op.phase === "static") staticCycles[c] = staticCycles[c]! + shapeCycles;
    const b = c * BOUNDS.length + BOUND_INDEX[cost.bound];
    bounds[b] = bounds[b]! + shapeCycles;
    addOpEnergyPj(shape.op, cost, target, shape.multiplicity, energy, c * DYNAMIC_ENERGY_PARTS);
  }
  return Array.from({ length: n }, (_, c): ComponentCycles => {
    const e = c * DYNAMIC_ENERGY_PARTS;
    return {
      cycles: cycles[c]!,
      staticCycles: staticCycles[c]!,
      boundCycles: boundRecord(bounds, c * BOUNDS.length),
      energyPj: { mac: energy[e]!, array: energy[e + 1]!, sram: energy[e + 2]!, dram: energy[e + 3]!, vector: energy[e + 4]! },
    };
  });
}

/** The totals of one inference from its components' cycles: the one place latency and utilisation are formed. */
export function totalsOf(plan: GraphPlan, parts: readonly ComponentCycles[], target: Target): SimulationTotals {
  let cycles = 0;
  const bounds = { compute: 0, sram: 0, dram: 0, vector: 0, launch: 0 };
  const energyPj = emptyDynamicEnergy();
  for (const part of parts) {
    cycles += part.cycles;
    for (const bound of BOUNDS) bounds[bound] += part.boundCycles[bound];
    energyPj.mac += part.energyPj.mac;
    energyPj.array += part.energyPj.array;
    energyPj.sram += part.energyPj.sram;
    energyPj.dram += part.energyPj.dram;
    energyPj.vector += part.energyPj.vector;
  }
  exactTotal(cycles, "cycles per inference");
  const peak = peakMacsPerCycle(target);
  const latencyMs = cyclesToMs(cycles, target);
  return {
    latencyMs,
    cycles,
    macs: plan.macs,
    peakMacsPerCycle: peak,
    utilization: cycles === 0 ? 0 : plan.macs / (cycles * peak),
    inferencesPerSecond: latencyMs === 0 ? 0 : 1e3 / latencyMs,
    boundMix: mixOf(bounds, cycles),
    ...costTotals(energyPj, cycles / target.clockHz, plan.macs, target),
  };
}

export const BOUNDS: readonly Bound[] = ["compute", "sram", "dram", "vector", "launch"];
const BOUND_INDEX: Readonly<Record<Bound, number>> = { compute: 0, sram: 1, dram: 2, vector: 3, launch: 4 };

/** The cycles per bound stored at `values[at …]` in BOUNDS order, as a record (written out: a hot path). */
function boundRecord(values: Float64Array, at: number): Record<Bound, number> {
  return { compute: values[at]!, sram: values[at + 1]!, dram: values[at + 2]!, vector: values[at + 3]!, launch: values[at + 4]! };
}

/** Shares of `total` cycles per bound; all zero when nothing ran. */
export function mixOf(boundCycles: Readonly<Record<Bound, number>>, total: number): BoundMix {
  const share = (bound: Bound) => (total > 0 ? boundCycles[bound] / total : 0);
  return { compute: share("compute"), sram: share("sram"), dram: share("dram"), vector: share("vector"), launch: share("launch") };
}

export function cyclesToMs(cycles: number, target: Target): number {
  return (cycles / target.clockHz) * 1e3;
}
