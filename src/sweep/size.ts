import { NoFeasibleDesignError } from "../common/errors.js";
import { formatSignificant } from "../common/significant.js";
import { FIELD, readMetrics, RECORD } from "./evaluate.js";
import { designOf, fastestPoint, pointValues, type SweepResult } from "./run.js";
import { describePoint, type Value } from "./space.js";

/**
 * Sizing: the cheapest design of a swept space that meets a latency budget. Designs are ordered by cost —
 * fewest peak MACs per cycle (the area proxy), then lowest clock, then least SRAM; equal costs by lower
 * latency, then by their order in the sweep — and the first that meets the budget is the answer. Every
 * design before it in that order is cheaper (or as cheap and slower) and misses.
 */
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
}

export interface Sizing extends SizedDesign {
  readonly budgetMs: number;
  /** The next-cheaper designs in the order (all miss), cheapest last; up to `neighbours`. */
  readonly neighbours: readonly SizedDesign[];
  readonly points: number;
}

/** No design meets the budget: exit code 3, and for `--format json` a record saying so and what came closest. */
export class InfeasibleBudgetError extends NoFeasibleDesignError {
  constructor(
    readonly record: { design: null; budgetMs: number; points: number; fastest: SizedDesign },
    message: string,
  ) {
    super(message);
  }
}

/** Indices of all points, cheapest first. */
export function costOrder(result: SweepResult): number[] {
  const m = result.metrics;
  const key = (i: number, field: number) => m[i * RECORD + field]!;
  const order = Array.from({ length: result.space.count }, (_, i) => i);
  return order.sort(
    (a, b) =>
      key(a, FIELD.peakMacsPerCycle) - key(b, FIELD.peakMacsPerCycle) ||
      key(a, FIELD.clockMhz) - key(b, FIELD.clockMhz) ||
      key(a, FIELD.sramKiB) - key(b, FIELD.sramKiB) ||
      key(a, FIELD.latencyMs) - key(b, FIELD.latencyMs) ||
      a - b,
  );
}

export function designAt(result: SweepResult, index: number, budgetMs: number): SizedDesign {
  const { latencyMs, peakMacsPerCycle, clockMhz, sramKiB, utilization } = readMetrics(result.metrics, index);
  return { index, design: designOf(result, index), latencyMs, marginMs: budgetMs - latencyMs, peakMacsPerCycle, clockMhz, sramKiB, utilization };
}

export function sizeDesign(result: SweepResult, budgetMs: number, neighbours = 3): Sizing {
  const order = costOrder(result);
  const position = order.findIndex((i) => result.metrics[i * RECORD + FIELD.latencyMs]! <= budgetMs);
  if (position < 0) {
    const best = fastestPoint(result);
    const fastest = result.metrics[best * RECORD + FIELD.latencyMs]!;
    throw new InfeasibleBudgetError(
      { design: null, budgetMs, points: result.space.count, fastest: designAt(result, best, budgetMs) },
      `no design meets the budget of ${formatSignificant(budgetMs)} ms per inference: the fastest of the ${result.space.count.toLocaleString("en-US")} designs, ` +
        `${describePoint(result.space.columns, pointValues(result, best))}, takes ${formatSignificant(fastest)} ms ` +
        `(${formatSignificant(fastest - budgetMs)} ms over); widen the --vary ranges or relax the budget`,
    );
  }
  const chosen = designAt(result, order[position]!, budgetMs);
  const misses = order.slice(Math.max(0, position - neighbours), position).reverse();
  return {
    ...chosen,
    budgetMs,
    neighbours: misses.map((i) => designAt(result, i, budgetMs)),
    points: result.space.count,
  };
}
