import { sumEnergy, type EnergyBreakdown } from "../cost/energy.js";
import { designArea, type AreaBreakdown } from "../hardware/area.js";
import { idlePower, type IdlePower } from "../hardware/idle-power.js";
import { peakMacsPerCycle, type Target } from "../hardware/types.js";

/** What one inference costs in energy, and the design in area and power. */
export interface CostTotals {
  readonly energyMj: number;
  /** mJ per inference by where it is spent; sums to energyMj. */
  readonly energyBreakdown: EnergyBreakdown;
  readonly areaMm2: number;
  /** mm² by block; sums to areaMm2. */
  readonly areaBreakdown: AreaBreakdown;
  /** Energy per inference over latency: the power when inferences run back to back. */
  readonly averagePowerW: number;
  /** Every MAC, SRAM port, DRAM byte and lane busy every cycle, plus idle power. */
  readonly peakPowerW: number;
  /** Idle power: clock tree and leakage, drawn whether the design works or not. */
  readonly staticPowerW: number;
  /** staticPowerW by part. */
  readonly idlePower: IdlePower;
  /** 2 operations per MAC, per joule, in 10^12. */
  readonly topsPerWatt: number;
  readonly inferencesPerJoule: number;
}

export type DynamicEnergyPj = Omit<EnergyBreakdown, "static" | "clock">;

export function emptyDynamicEnergy(): { -readonly [K in keyof DynamicEnergyPj]: number } {
  return { mac: 0, array: 0, sram: 0, dram: 0, vector: 0 };
}

/** Adds idle power over `seconds` to the dynamic energy (pJ), and derives area, power and efficiency. */
export function costTotals(dynamicPj: DynamicEnergyPj, seconds: number, macs: number, target: Target): CostTotals {
  const area = designArea(target);
  const idle = idlePower(target, area);
  const pj: EnergyBreakdown = {
    mac: dynamicPj.mac,
    array: dynamicPj.array,
    sram: dynamicPj.sram,
    dram: dynamicPj.dram,
    vector: dynamicPj.vector,
    clock: idle.clockW * seconds * 1e12,
    static: idle.leakageW * seconds * 1e12,
  };
  const energyBreakdown: EnergyBreakdown = {
    mac: pj.mac / 1e9,
    array: pj.array / 1e9,
    sram: pj.sram / 1e9,
    dram: pj.dram / 1e9,
    vector: pj.vector / 1e9,
    clock: pj.clock / 1e9,
    static: pj.static / 1e9,
  };
  const energyJ = sumEnergy(pj) / 1e12;
  const staticPowerW = idle.clockW + idle.leakageW;
  return {
    energyMj: energyJ * 1e3,
    energyBreakdown,
    areaMm2: area.areaMm2,
    areaBreakdown: area.breakdown,
    averagePowerW: seconds > 0 ? energyJ / seconds : staticPowerW,
    // A stated power limit (a GPU's TDP) caps the sum of every block at full rate, as the board's limiter does.
    peakPowerW: Math.min(peakDynamicPowerW(target) + staticPowerW, target.energy.tdpW ?? Infinity),
    staticPowerW,
    idlePower: idle,
    topsPerWatt: energyJ > 0 ? (2 * macs) / energyJ / 1e12 : 0,
    inferencesPerJoule: energyJ > 0 ? 1 / energyJ : 0,
  };
}

/** Every unit at its limit each cycle: peak MACs, SRAM ports, vector lanes, and DRAM at full bandwidth. */
function peakDynamicPowerW(target: Target): number {
  const e = target.energy;
  const perCyclePj =
    peakMacsPerCycle(target) * (e.macPj + e.arrayPjPerMac) +
    target.sramBytesPerCycle * e.sramPjPerByte +
    target.vectorLanes * e.vectorPjPerOp;
  return perCyclePj * 1e-12 * target.clockHz + target.dramBytesPerSecond * e.dramPjPerByte * 1e-12;
}

/** What power at a rate needs: energy that scales with work, and idle power that runs all the time. */
export interface PowerParts {
  /** Dynamic energy per inference (no idle power), mJ. */
  readonly dynamicEnergyMj: number;
  /** Idle power of all the silicon (clock tree and leakage), W: drawn whether it works or idles. */
  readonly staticPowerW: number;
}

/**
 * Average power when an inference starts every 1/rateHz seconds: dynamic energy × rate, plus idle power all
 * the time (a design faster than the rate idles between inferences, and idle silicon still leaks and clocks). The one power
 * figure of simulate, sweep, size and the explorer, for targets and systems alike.
 */
export function powerAtRateW(parts: PowerParts, rateHz: number): number {
  return (parts.dynamicEnergyMj / 1e3) * rateHz + parts.staticPowerW;
}

/** A single target's power parts: its energy per inference less the idle power it was charged while busy. */
export function targetPowerParts(totals: CostTotals): PowerParts {
  return { dynamicEnergyMj: dynamicEnergyMj(totals), staticPowerW: totals.staticPowerW };
}

/** Energy per inference that scales with work: all but the idle parts (clock tree and leakage), mJ. */
export function dynamicEnergyMj(totals: Pick<CostTotals, "energyMj" | "energyBreakdown">): number {
  return totals.energyMj - totals.energyBreakdown.static - totals.energyBreakdown.clock;
}
