import { NoFeasibleDesignError } from "../common/errors.js";
import { formatSignificant } from "../common/significant.js";
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
  readonly budgetMs: number;
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
  readonly marginMs: number;
  readonly peakMacsPerCycle: number;
  readonly clockMhz: number;
  readonly sramKiB: number;
  readonly utilization: number;
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
  /** The next-cheaper designs in the order (all miss), cheapest last; up to `neighbours`. */
  readonly neighbours: readonly SizedDesign[];
  readonly points: number;
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
 * Average power when an inference starts every `budgetMs`: its dynamic energy at that rate plus leakage all the
 * time (a design faster than the budget idles between inferences).
 */
export function powerAtBudgetW(m: PointMetrics, budgetMs: number): number {
  const dynamicJ = m.energyMj / 1e3 - m.staticPowerW * (m.latencyMs / 1e3);
  return dynamicJ * (1e3 / budgetMs) + m.staticPowerW;
}

function costOf(m: PointMetrics, goal: SizingGoal): number {
  return goal.minimise === "area" ? m.areaMm2 : goal.minimise === "energy" ? m.energyMj : powerAtBudgetW(m, goal.budgetMs);
}

/** The time the budget is set on, for a point. */
export function budgetedMs(m: PointMetrics, on: BudgetOn = "latency"): number {
  if (on === "unit") return m.unitBusyMs;
  return on === "latency" ? m.latencyMs : on === "period" ? m.periodMs : Math.max(m.latencyMs, m.periodMs);
}

export function designAt(result: SweepResult, index: number, goal: SizingGoal): SizedDesign {
  const m = readMetrics(result.metrics, index);
  const powerW = powerAtBudgetW(m, goal.budgetMs);
  const timeMs = budgetedMs(m, goal.on);
  const misses = [
    ...(timeMs > goal.budgetMs ? [goal.on ?? "latency"] : []),
    ...(goal.maxPowerW !== undefined && powerW > goal.maxPowerW ? ["power"] : []),
    ...(goal.maxAreaMm2 !== undefined && m.areaMm2 > goal.maxAreaMm2 ? ["area"] : []),
  ];
  const { latencyMs, peakMacsPerCycle, clockMhz, sramKiB, utilization, energyMj, areaMm2 } = m;
  return { index, design: designOf(result, index), latencyMs, marginMs: goal.budgetMs - timeMs, peakMacsPerCycle, clockMhz, sramKiB, utilization, energyMj, areaMm2, powerW, misses };
}

/** Indices of all points, cheapest first. */
export function costOrder(result: SweepResult, goal: SizingGoal): number[] {
  const metrics = Array.from({ length: result.space.count }, (_, i) => readMetrics(result.metrics, i));
  const cost = metrics.map((m) => costOf(m, goal));
  const time = metrics.map((m) => budgetedMs(m, goal.on));
  return metrics.map((_, i) => i).sort((a, b) => cost[a]! - cost[b]! || time[a]! - time[b]! || a - b);
}

export function sizeDesign(result: SweepResult, goal: SizingGoal, neighbours = 3): Sizing {
  const order = costOrder(result, goal);
  const position = order.findIndex((i) => designAt(result, i, goal).misses.length === 0);
  if (position < 0) throw infeasible(result, goal);
  const chosen = designAt(result, order[position]!, goal);
  const misses = order.slice(Math.max(0, position - neighbours), position).reverse();
  return { ...chosen, budgetMs: goal.budgetMs, on: goal.on ?? "latency", minimise: goal.minimise, neighbours: misses.map((i) => designAt(result, i, goal)), points: result.space.count };
}

function infeasible(result: SweepResult, goal: SizingGoal): InfeasibleBudgetError {
  let best = 0;
  const time = (i: number) => budgetedMs(readMetrics(result.metrics, i), goal.on);
  for (let i = 1; i < result.space.count; i++) if (time(i) < time(best)) best = i;
  const fastest = designAt(result, best, goal);
  const record = { design: null, budgetMs: goal.budgetMs, points: result.space.count, fastest };
  const described = describePoint(result.space.columns, pointValues(result, best));
  const count = result.space.count.toLocaleString("en-US");
  const what = { latency: "per inference", period: "between inferences (period)", loop: "of latency and period (the control loop's chunk time)", unit: "of the unit's busy time" }[goal.on ?? "latency"];
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
