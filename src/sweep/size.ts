import { NoFeasibleDesignError } from "../common/errors.js";
import { formatSignificant } from "../common/significant.js";
import { powerAtRateW } from "../simulate/energy-totals.js";
import { readMetrics, type PointMetrics } from "./evaluate.js";
import { designOf, pointValues, type SweepResult } from "./run.js";
import { describePoint, type Value } from "./space.js";

/**
 * Sizing: the cheapest design of a swept space that meets a latency budget (and any power or area cap).
 * "Cheapest" is what the caller minimises: silicon area, energy per inference, or power at the budget's rate.
 * Designs are ordered by that cost, then by latency, then by their order in the sweep; the first that meets
 * every constraint is the answer, and every design before it is cheaper (or as cheap and slower) and misses.
 */
export type Minimise = "area" | "energy" | "power";
export const MINIMISE: readonly Minimise[] = ["area", "energy", "power"];

/**
 * What must fit the budget: the latency of one inference, the period (time between inferences back to back),
 * or both at once (the control loop, async: the next chunk must be ready before the robot runs out of actions).
 */
export type BudgetOn = "latency" | "period" | "loop" | "unit";

export interface SizingGoal {
  /** The time budget: latency, period or unit busy time; for the loop, s/F (the period's). */
  readonly budgetMs: number;
  /** The loop's freshness budget on the latency, (C − s)/F (docs/systems.md, "The control loop"). */
  readonly latencyBudgetMs?: number;
  /** Default: latency. */
  readonly on?: BudgetOn;
  readonly minimise: Minimise;
  /** Cap on the power at the budget's rate, W. */
  readonly maxPowerW?: number;
  readonly maxAreaMm2?: number;
}

export interface SizedDesign {
  readonly index: number;
  /** Every varied and tied path with its value. */
  readonly design: Readonly<Record<string, Value>>;
  readonly latencyMs: number;
  readonly periodMs: number;
  /** The budgeted quantity (latency, period, the unit's busy time; for the loop, budget − margin). */
  readonly budgetedMs: number;
  /** Budget − budgeted: for the loop, the smaller of the freshness and throughput margins. */
  readonly marginMs: number;
  /** A target's, or in a system the sized unit's own (NaN when only model parameters vary). */
  readonly peakMacsPerCycle: number;
  readonly clockMhz: number;
  readonly sramKiB: number;
  readonly unitAreaMm2: number;
  /** The target's (or sized unit's) MACs ÷ (its peak × period). */
  readonly macUtilization: number;
  /** The whole design's: a target's, or the system's. */
  readonly energyMj: number;
  readonly areaMm2: number;
  /** Average power when an inference starts every budget (1000 / budgetMs times a second), W. */
  readonly powerW: number;
  /** What it misses: empty for a design that meets every constraint. */
  readonly misses: readonly string[];
}

export interface Sizing extends SizedDesign {
  readonly budgetMs: number;
  readonly on: BudgetOn;
  readonly minimise: Minimise;
  /** The near misses: of the cheaper designs (all miss), those that miss by least, closest first; up to `neighbours`. */
  readonly neighbours: readonly SizedDesign[];
  readonly points: number;
  /** Designs left out because a unit's memory does not fit its DRAM. */
  readonly excluded: number;
}

/** No design meets the goal: exit code 3, and for `--format json` a record saying so and what came closest. */
export class InfeasibleBudgetError extends NoFeasibleDesignError {
  constructor(
    readonly record: { design: null; budgetMs: number; points: number; fastest: SizedDesign },
    message: string,
  ) {
    super(message);
  }
}

/**
 * Average power when an inference starts every `budgetMs` (powerAtRateW, the one power-at-a-rate figure):
 * dynamic energy at that rate plus every unit's idle power all the time. A point's energy holds its idle power over
 * its period (a target's period is its latency), so the dynamic part is energy − static × period.
 */
export function powerAtBudgetW(m: PointMetrics, budgetMs: number): number {
  return powerAtRateW(
    { dynamicEnergyMj: m.energyMj - m.staticPowerW * m.periodMs, staticPowerW: m.staticPowerW },
    1e3 / budgetMs,
  );
}

function costOf(m: PointMetrics, goal: SizingGoal): number {
  return goal.minimise === "area"
    ? m.areaMm2
    : goal.minimise === "energy"
      ? m.energyMj
      : powerAtBudgetW(m, goal.budgetMs);
}

/** Budget − the budgeted time; the loop's is the smaller of its two conditions' margins. */
export function marginOf(m: PointMetrics, goal: Pick<SizingGoal, "budgetMs" | "latencyBudgetMs" | "on">): number {
  const on = goal.on ?? "latency";
  if (on === "loop") return Math.min((goal.latencyBudgetMs ?? goal.budgetMs) - m.latencyMs, goal.budgetMs - m.periodMs);
  const timeMs = on === "unit" ? m.unitBusyMs : on === "latency" ? m.latencyMs : m.periodMs;
  return goal.budgetMs - timeMs;
}

/**
 * The time the budget is set on, for a point: its latency, period or unit's busy time as measured (budget less
 * margin would lose it to rounding under a huge budget); for the loop, the budget less its margin.
 */
export function budgetedMs(m: PointMetrics, goal: Pick<SizingGoal, "budgetMs" | "latencyBudgetMs" | "on">): number {
  const on = goal.on ?? "latency";
  if (on === "loop") return goal.budgetMs - marginOf(m, goal);
  return on === "unit" ? m.unitBusyMs : on === "latency" ? m.latencyMs : m.periodMs;
}

export function designAt(result: SweepResult, index: number, goal: SizingGoal): SizedDesign {
  const m = readMetrics(result.metrics, index);
  const powerW = powerAtBudgetW(m, goal.budgetMs);
  const marginMs = marginOf(m, goal);
  const misses = [
    ...(marginMs < 0 ? [goal.on ?? "latency"] : []),
    ...(goal.maxPowerW !== undefined && powerW > goal.maxPowerW ? ["power"] : []),
    ...(goal.maxAreaMm2 !== undefined && m.areaMm2 > goal.maxAreaMm2 ? ["area"] : []),
  ];
  const { latencyMs, periodMs, peakMacsPerCycle, clockMhz, sramKiB, unitAreaMm2, energyMj, areaMm2 } = m;
  return {
    index,
    design: designOf(result, index),
    latencyMs,
    periodMs,
    budgetedMs: budgetedMs(m, goal),
    marginMs,
    peakMacsPerCycle,
    clockMhz,
    sramKiB,
    unitAreaMm2,
    macUtilization: m.unitMacUtilization,
    energyMj,
    areaMm2,
    powerW,
    misses,
  };
}

/**
 * Indices of all points, cheapest first. Designs of equal area (one array at several clocks) are ordered by
 * energy, since the clock costs energy through its supply voltage (hardware/voltage.ts), then by the budgeted time.
 */
export function costOrder(result: SweepResult, goal: SizingGoal): number[] {
  const metrics = Array.from({ length: result.space.count }, (_, i) => readMetrics(result.metrics, i));
  const cost = metrics.map((m) => costOf(m, goal));
  const energy = metrics.map((m) => (goal.minimise === "area" ? m.energyMj : 0));
  const time = metrics.map((m) => budgetedMs(m, goal));
  return metrics
    .map((_, i) => i)
    .sort((a, b) => cost[a]! - cost[b]! || energy[a]! - energy[b]! || time[a]! - time[b]! || a - b);
}

/**
 * The cheapest design that meets the goal, among those whose memory fits (the rest are excluded and counted),
 * with its near misses: the cheaper designs that miss by least.
 */
export function sizeDesign(result: SweepResult, goal: SizingGoal, neighbours = 3): Sizing {
  const fits = (i: number) => readMetrics(result.metrics, i).fitsMemory;
  const all = costOrder(result, goal);
  const order = all.filter(fits);
  const excluded = all.length - order.length;
  const position = order.findIndex((i) => designAt(result, i, goal).misses.length === 0);
  if (position < 0) throw infeasible(result, goal, order, excluded);
  const chosen = designAt(result, order[position]!, goal);
  const cheaper = order.slice(0, position).map((i) => designAt(result, i, goal));
  // A design that meets the time but exceeds a cap is as near as one can be on time.
  const shortfall = (d: SizedDesign) => Math.max(0, -d.marginMs);
  const near = cheaper.sort((a, b) => shortfall(a) - shortfall(b) || a.index - b.index).slice(0, neighbours);
  return {
    ...chosen,
    budgetMs: goal.budgetMs,
    on: goal.on ?? "latency",
    minimise: goal.minimise,
    neighbours: near,
    points: result.space.count,
    excluded,
  };
}

function infeasible(
  result: SweepResult,
  goal: SizingGoal,
  fitting: readonly number[],
  excluded: number,
): InfeasibleBudgetError {
  if (fitting.length === 0) {
    throw new InfeasibleBudgetError(
      { design: null, budgetMs: goal.budgetMs, points: result.space.count, fastest: designAt(result, 0, goal) },
      `no design fits its units' memory: all ${result.space.count.toLocaleString("en-US")} designs need more DRAM than a unit has (simulate one with --system to see which); give larger dram.capacity_gib or map fewer ops to the small unit`,
    );
  }
  let best = fitting[0]!;
  const time = (i: number) => budgetedMs(readMetrics(result.metrics, i), goal);
  for (const i of fitting) if (time(i) < time(best)) best = i;
  const fastest = designAt(result, best, goal);
  const record = { design: null, budgetMs: goal.budgetMs, points: result.space.count, fastest };
  const described = describePoint(result.space.columns, pointValues(result, best));
  const count = `${fitting.length.toLocaleString("en-US")}${excluded > 0 ? ` (of ${result.space.count.toLocaleString("en-US")}: ${excluded.toLocaleString("en-US")} do not fit memory)` : ""}`;
  const what = {
    latency: "per inference",
    period: "between inferences (period)",
    loop: "of latency and period (the control loop's chunk time)",
    unit: "of the unit's busy time",
  }[goal.on ?? "latency"];
  if (time(best) > goal.budgetMs) {
    return new InfeasibleBudgetError(
      record,
      `no design meets the budget of ${formatSignificant(goal.budgetMs)} ms ${what}: the fastest of the ${count} designs, ${described}, ` +
        `takes ${formatSignificant(time(best))} ms (${formatSignificant(time(best) - goal.budgetMs)} ms over); widen the --vary ranges or relax the budget`,
    );
  }
  const caps = [
    ...(goal.maxPowerW === undefined ? [] : [`--max-power-w ${goal.maxPowerW}`]),
    ...(goal.maxAreaMm2 === undefined ? [] : [`--max-area-mm2 ${goal.maxAreaMm2}`]),
  ].join(" and ");
  return new InfeasibleBudgetError(
    record,
    `no design meets the budget of ${formatSignificant(goal.budgetMs)} ms ${what} within ${caps}: designs fast enough exist among the ${count}, ` +
      `but each exceeds a cap (the fastest, ${described}: ${formatSignificant(fastest.powerW, 3)} W, ${formatSignificant(fastest.areaMm2, 4)} mm²); relax a cap or widen the --vary ranges`,
  );
}
