import { inContext } from "../common/errors.js";
import type { Target } from "../hardware/types.js";
import { BOUNDS } from "../simulate/engine.js";
import type { GraphPlan } from "../simulate/plan.js";
import type { CostCache } from "../simulate/plan-costs.js";
import { simulateTotals } from "../simulate/simulate.js";
import type { BoundMix, SimulateOptions } from "../simulate/types.js";

export { BOUNDS };

/**
 * A sweep keeps each point's totals in one flat Float64Array (RECORD numbers per point: 10^5 points are 14.4 MB,
 * not 10^5 objects). The numbers are simulate()'s own: each point is one call of its totals-only mode.
 */
/** Fields of one point's record in a metrics array (RECORD numbers per point). */
export const FIELD = {
  latencyMs: 0,
  cycles: 1,
  macs: 2,
  /** MACs ÷ (peak MACs per second × period): of a target alone (period = latency), or of a whole system. */
  macUtilization: 3,
  inferencesPerSecond: 4,
  peakMacsPerCycle: 5,
  clockMhz: 6,
  sramKiB: 7,
  compute: 8,
  sram: 9,
  dram: 10,
  vector: 11,
  energyMj: 12,
  areaMm2: 13,
  averagePowerW: 14,
  peakPowerW: 15,
  staticPowerW: 16,
  launch: 17,
  /** A system's time between inferences back to back; a single target's is its latency. */
  periodMs: 18,
  /** A system sweep's budgeted unit (size --unit): its busy time per inference; else the latency. */
  unitBusyMs: 19,
  /** The sized unit's own area and MAC utilisation over the period (a target's: its own); NaN when no unit is sized. */
  unitAreaMm2: 20,
  unitMacUtilization: 21,
  /** 1 when every unit's weights, kept tensors and working set fit its DRAM (or no capacity is given), else 0. */
  fitsMemory: 22,
} as const;
export const RECORD = 23;

/** One point's totals by name, as simulate() reports them. */
export interface PointMetrics {
  readonly latencyMs: number;
  readonly inferencesPerSecond: number;
  readonly macUtilization: number;
  readonly peakMacsPerCycle: number;
  readonly clockMhz: number;
  readonly sramKiB: number;
  readonly cycles: number;
  readonly macs: number;
  readonly boundMix: BoundMix;
  readonly energyMj: number;
  readonly areaMm2: number;
  readonly averagePowerW: number;
  readonly peakPowerW: number;
  readonly staticPowerW: number;
  readonly periodMs: number;
  readonly unitBusyMs: number;
  readonly unitAreaMm2: number;
  readonly unitMacUtilization: number;
  readonly fitsMemory: boolean;
}

export function readMetrics(metrics: Float64Array, index: number): PointMetrics {
  const at = index * RECORD;
  return {
    latencyMs: metrics[at + FIELD.latencyMs]!,
    inferencesPerSecond: metrics[at + FIELD.inferencesPerSecond]!,
    macUtilization: metrics[at + FIELD.macUtilization]!,
    peakMacsPerCycle: metrics[at + FIELD.peakMacsPerCycle]!,
    clockMhz: metrics[at + FIELD.clockMhz]!,
    sramKiB: metrics[at + FIELD.sramKiB]!,
    cycles: metrics[at + FIELD.cycles]!,
    macs: metrics[at + FIELD.macs]!,
    energyMj: metrics[at + FIELD.energyMj]!,
    areaMm2: metrics[at + FIELD.areaMm2]!,
    averagePowerW: metrics[at + FIELD.averagePowerW]!,
    peakPowerW: metrics[at + FIELD.peakPowerW]!,
    staticPowerW: metrics[at + FIELD.staticPowerW]!,
    periodMs: metrics[at + FIELD.periodMs]!,
    unitBusyMs: metrics[at + FIELD.unitBusyMs]!,
    unitAreaMm2: metrics[at + FIELD.unitAreaMm2]!,
    unitMacUtilization: metrics[at + FIELD.unitMacUtilization]!,
    fitsMemory: metrics[at + FIELD.fitsMemory] === 1,
    boundMix: {
      compute: metrics[at + FIELD.compute]!,
      sram: metrics[at + FIELD.sram]!,
      dram: metrics[at + FIELD.dram]!,
      vector: metrics[at + FIELD.vector]!,
      launch: metrics[at + FIELD.launch]!,
    },
  };
}

/** Writes one point's totals at `out[offset … offset + RECORD)`. */
export function evaluatePlan(
  plan: GraphPlan,
  target: Target,
  options: SimulateOptions,
  out: Float64Array,
  offset: number,
  cache?: CostCache,
): void {
  const totals = simulateTotals(plan, target, options, cache);
  writeMetrics(out, offset, {
    latencyMs: totals.latencyMs,
    inferencesPerSecond: totals.inferencesPerSecond,
    macUtilization: totals.utilization,
    peakMacsPerCycle: totals.peakMacsPerCycle,
    clockMhz: target.clockHz / 1e6,
    sramKiB: target.sramBytes / 1024,
    cycles: totals.cycles,
    macs: totals.macs,
    boundMix: totals.boundMix,
    energyMj: totals.energyMj,
    areaMm2: totals.areaMm2,
    averagePowerW: totals.averagePowerW,
    peakPowerW: totals.peakPowerW,
    staticPowerW: totals.staticPowerW,
    // A single target's period is its latency, and it is its own sized unit.
    periodMs: totals.latencyMs,
    unitBusyMs: totals.latencyMs,
    unitAreaMm2: totals.areaMm2,
    unitMacUtilization: totals.utilization,
    fitsMemory: true,
  });
}

/** Writes one point's metrics at `out[at … at + RECORD)`: the one writer of a record, the inverse of readMetrics. */
export function writeMetrics(out: Float64Array, at: number, m: PointMetrics): void {
  out[at + FIELD.latencyMs] = m.latencyMs;
  out[at + FIELD.cycles] = m.cycles;
  out[at + FIELD.macs] = m.macs;
  out[at + FIELD.macUtilization] = m.macUtilization;
  out[at + FIELD.inferencesPerSecond] = m.inferencesPerSecond;
  out[at + FIELD.peakMacsPerCycle] = m.peakMacsPerCycle;
  out[at + FIELD.clockMhz] = m.clockMhz;
  out[at + FIELD.sramKiB] = m.sramKiB;
  for (const bound of BOUNDS) out[at + FIELD[bound]] = m.boundMix[bound];
  out[at + FIELD.energyMj] = m.energyMj;
  out[at + FIELD.areaMm2] = m.areaMm2;
  out[at + FIELD.averagePowerW] = m.averagePowerW;
  out[at + FIELD.peakPowerW] = m.peakPowerW;
  out[at + FIELD.staticPowerW] = m.staticPowerW;
  out[at + FIELD.periodMs] = m.periodMs;
  out[at + FIELD.unitBusyMs] = m.unitBusyMs;
  out[at + FIELD.unitAreaMm2] = m.unitAreaMm2;
  out[at + FIELD.unitMacUtilization] = m.unitMacUtilization;
  out[at + FIELD.fitsMemory] = m.fitsMemory ? 1 : 0;
}

/** What evaluating points needs besides their targets: the graph plans, which plan each point uses, and the options. */
export interface EvaluationJob {
  readonly plans: readonly GraphPlan[];
  /** Plan index of each point. */
  readonly planOfPoint: Int32Array;
  readonly options: SimulateOptions;
  /** One cost cache per plan, kept across the points (plan-costs.ts). */
  readonly caches: readonly CostCache[];
}

/**
 * Evaluates points [start, end) into `out` from offset 0, each target built just before its point is evaluated
 * (built ahead in a batch, they would outlive the young generation and cost the garbage collector more than
 * the evaluation).
 */
export function evaluatePoints(
  job: EvaluationJob,
  start: number,
  end: number,
  targetOf: (point: number) => Target,
  out: Float64Array,
  describe: (point: number) => string,
): void {
  let i = start;
  try {
    for (; i < end; i++) {
      const plan = job.planOfPoint[i]!;
      evaluatePlan(job.plans[plan]!, targetOf(i), job.options, out, (i - start) * RECORD, job.caches[plan]);
    }
  } catch (error) {
    // An engine limit (a sum past 2^53) names no input: say which point hit it.
    throw inContext(describe(i), error);
  }
}
