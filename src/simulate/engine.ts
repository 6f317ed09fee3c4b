import { exactTotal } from "../common/exact.js";
import type { Bound, OpCost } from "../cost/types.js";
import { peakMacsPerCycle, type Target } from "../hardware/types.js";
import { opEnergyPj } from "../cost/energy.js";
import { costTotals, emptyDynamicEnergy, type DynamicEnergyPj } from "./energy-totals.js";
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
  const costs = plan.shapes.map((shape) => costOf(shape.op, target, options, undefined));
  const residentBytes = plan.groups.map((group) => {
    // Pinning is the systolic model's choice; a GPU's L2 is a cache, which gpu.ts models per kernel.
    const bytes = options.costModel === "systolic" && target.gpu === undefined ? residentBytesIfPinnable(group, target) : undefined;
    if (bytes === undefined) return undefined;
    const pinned = group.shapes.map((s) => costOf(plan.shapes[s]!.op, target, options, bytes));
    const streamed = group.shapes.map((s) => costs[s]!);
    if (!isNoWorse(pinned, streamed, group.shapes.map((s) => plan.shapes[s]!.multiplicity))) return undefined;
    group.shapes.forEach((s, i) => (costs[s] = pinned[i]!));
    return bytes;
  });
  return { costs, residentBytes };
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

/** Adds `multiplicity × cycles` (and × energy) of every shape into its component. */
export function componentCycles(plan: GraphPlan, costs: readonly OpCost[], target: Target): ComponentCycles[] {
  const parts = plan.graph.components.map(() => ({ cycles: 0, staticCycles: 0, boundCycles: { compute: 0, sram: 0, dram: 0, vector: 0, launch: 0 }, energyPj: emptyDynamicEnergy() }));
  plan.shapes.forEach((shape, s) => {
    const cost = costs[s]!;
    const cycles = shape.multiplicity * cost.cycles;
    const part = parts[shape.component]!;
    part.cycles += cycles;
    if (shape.op.phase === "static") part.staticCycles += cycles;
    part.boundCycles[cost.bound] += cycles;
    const energy = opEnergyPj(shape.op, cost, target);
    for (const key of DYNAMIC_PARTS) part.energyPj[key] += shape.multiplicity * energy[key];
  });
  return parts;
}

const DYNAMIC_PARTS = ["mac", "array", "sram", "dram", "vector"] as const;

/** The totals of one inference from its components' cycles: the one place latency and utilisation are formed. */
export function totalsOf(plan: GraphPlan, parts: readonly ComponentCycles[], target: Target): SimulationTotals {
  let cycles = 0;
  const bounds = { compute: 0, sram: 0, dram: 0, vector: 0, launch: 0 };
  const energyPj = emptyDynamicEnergy();
  for (const part of parts) {
    cycles += part.cycles;
    for (const bound of BOUNDS) bounds[bound] += part.boundCycles[bound];
    for (const key of DYNAMIC_PARTS) energyPj[key] += part.energyPj[key];
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

/** Shares of `total` cycles per bound; all zero when nothing ran. */
export function mixOf(boundCycles: Readonly<Record<Bound, number>>, total: number): BoundMix {
  const share = (bound: Bound) => (total > 0 ? boundCycles[bound] / total : 0);
  return { compute: share("compute"), sram: share("sram"), dram: share("dram"), vector: share("vector"), launch: share("launch") };
}

export function cyclesToMs(cycles: number, target: Target): number {
  return (cycles / target.clockHz) * 1e3;
}
