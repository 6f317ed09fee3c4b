import { zeros } from "../common/zeros.js";
import { exactTotal } from "../common/exact.js";
import type { Bound } from "../cost/types.js";
import { peakMacsPerCycle, type Target } from "../hardware/types.js";
import { addEnergyPj, DYNAMIC_ENERGY_PARTS } from "../cost/energy.js";
import { chosenVariant, type PlanWork } from "./plan-costs.js";
import { BOUNDS } from "./bounds.js";
import { opTargets } from "./op-target.js";
import { costTotals, type DynamicEnergyPj } from "./energy-totals.js";
import type { GraphPlan } from "./plan.js";
import type { BoundMix, SimulationTotals } from "./types.js";

/** Cycles per component, split as the reports need them. */
export interface ComponentCycles {
  readonly cycles: number;
  readonly staticCycles: number;
  readonly boundCycles: Readonly<Record<Bound, number>>;
  /** Dynamic energy of the component's ops, pJ. */
  readonly energyPj: DynamicEnergyPj;
}

/** Per-component sums as flat arrays (component c's bounds at c·5 …, its energy parts at c·5 …). */
export interface ComponentSums {
  readonly cycles: number[];
  readonly staticCycles: number[];
  readonly bounds: number[];
  readonly energyPj: number[];
}

/**
 * Adds each residency group's cycles (per bound) and dynamic energy, as the group runs on this target, into its
 * component. Sums go into flat typed arrays: this runs once per sweep point, where allocation and keyed
 * property access would dominate. Cycles and energy work are integers, so their sums are exact in any order.
 */
export function componentSums(plan: GraphPlan, work: PlanWork, target: Target): ComponentSums {
  const n = plan.graph.components.length;
  const sums: ComponentSums = {
    cycles: zeros(n),
    staticCycles: zeros(n),
    bounds: zeros(n * BOUNDS.length),
    energyPj: zeros(n * DYNAMIC_ENERGY_PARTS),
  };
  const targetOf = opTargets(target, plan.graph.components);
  for (const group of work.groups) {
    const v = chosenVariant(work, group);
    const c = group.component;
    let cycles = 0;
    for (let i = 0; i < v.costs.length; i++) {
      const cost = v.costs[i]!;
      const costCycles = v.times[i]! * work.cycles[cost]!;
      cycles += costCycles;
      const b = c * BOUNDS.length + work.bound[cost]!;
      sums.bounds[b] = sums.bounds[b]! + costCycles;
    }
    sums.cycles[c] = sums.cycles[c]! + cycles;
    if (group.isStatic) sums.staticCycles[c] = sums.staticCycles[c]! + cycles;
    addEnergyPj(v.energyWork, 0, targetOf(group.op), sums.energyPj, c * DYNAMIC_ENERGY_PARTS);
  }
  return sums;
}

/** Component c's sums as a record. */
export function componentCycles(sums: ComponentSums, c: number): ComponentCycles {
  const e = c * DYNAMIC_ENERGY_PARTS;
  const energy = sums.energyPj;
  return {
    cycles: sums.cycles[c]!,
    staticCycles: sums.staticCycles[c]!,
    boundCycles: boundRecord(sums.bounds, c * BOUNDS.length),
    energyPj: {
      mac: energy[e]!,
      array: energy[e + 1]!,
      sram: energy[e + 2]!,
      dram: energy[e + 3]!,
      vector: energy[e + 4]!,
    },
  };
}

/** The totals of one inference from its components' cycles: the one place latency and utilisation are formed. */
export function totalsOf(plan: GraphPlan, sums: ComponentSums, target: Target): SimulationTotals {
  let cycles = 0;
  const bounds = [0, 0, 0, 0, 0];
  const energy = [0, 0, 0, 0, 0];
  for (let c = 0; c < sums.cycles.length; c++) {
    cycles += sums.cycles[c]!;
    for (let b = 0; b < BOUNDS.length; b++) bounds[b] = bounds[b]! + sums.bounds[c * BOUNDS.length + b]!;
    for (let p = 0; p < DYNAMIC_ENERGY_PARTS; p++)
      energy[p] = energy[p]! + sums.energyPj[c * DYNAMIC_ENERGY_PARTS + p]!;
  }
  const energyPj = { mac: energy[0]!, array: energy[1]!, sram: energy[2]!, dram: energy[3]!, vector: energy[4]! };
  exactTotal(cycles, "cycles per inference");
  const peak = peakMacsPerCycle(target);
  const latencyMs = cyclesToMs(cycles, target);
  const totals = costTotals(energyPj, cycles / target.clockHz, plan.macs, target);
  // Written out, not spread: spreading a record is slow on this per-point path.
  return {
    latencyMs,
    cycles,
    macs: plan.macs,
    peakMacsPerCycle: peak,
    utilization: cycles === 0 ? 0 : plan.macs / (cycles * peak),
    inferencesPerSecond: latencyMs === 0 ? 0 : 1e3 / latencyMs,
    boundMix: mixOf(boundRecord(bounds, 0), cycles),
    energyMj: totals.energyMj,
    energyBreakdown: totals.energyBreakdown,
    areaMm2: totals.areaMm2,
    areaBreakdown: totals.areaBreakdown,
    averagePowerW: totals.averagePowerW,
    peakPowerW: totals.peakPowerW,
    staticPowerW: totals.staticPowerW,
    idlePower: totals.idlePower,
    topsPerWatt: totals.topsPerWatt,
    inferencesPerJoule: totals.inferencesPerJoule,
  };
}

export { BOUNDS };

/** The cycles per bound stored at `values[at …]` in BOUNDS order, as a record (written out: a hot path). */
function boundRecord(values: number[], at: number): Record<Bound, number> {
  return {
    compute: values[at]!,
    sram: values[at + 1]!,
    dram: values[at + 2]!,
    vector: values[at + 3]!,
    launch: values[at + 4]!,
  };
}

/** Shares of `total` cycles per bound; all zero when nothing ran. */
export function mixOf(boundCycles: Readonly<Record<Bound, number>>, total: number): BoundMix {
  if (total <= 0) return { compute: 0, sram: 0, dram: 0, vector: 0, launch: 0 };
  const c = boundCycles;
  return {
    compute: c.compute / total,
    sram: c.sram / total,
    dram: c.dram / total,
    vector: c.vector / total,
    launch: c.launch / total,
  };
}

export function cyclesToMs(cycles: number, target: Target): number {
  return (cycles / target.clockHz) * 1e3;
}
