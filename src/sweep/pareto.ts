import { FIELD, RECORD } from "./evaluate.js";
import type { SweepResult } from "./run.js";

/**
 * The Pareto front of points that minimise two costs: a point is on it when no other point is at least as
 * good in both and strictly better in one. Points with equal costs do not dominate each other, so all of a
 * tie are on the front or none is. Points with a non-finite cost are never on it.
 */
export interface Costs {
  readonly x: number;
  readonly y: number;
}

/** Indices of the non-dominated points, by ascending x (then index). O(n log n). */
export function paretoFront(count: number, costOf: (index: number) => Costs): number[] {
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    const { x, y } = costOf(i);
    xs[i] = x;
    ys[i] = y;
    if (Number.isFinite(x) && Number.isFinite(y)) order.push(i);
  }
  order.sort((a, b) => xs[a]! - xs[b]! || ys[a]! - ys[b]! || a - b);
  const front: number[] = [];
  let bestY = Infinity; // lowest y among points with a strictly smaller x
  for (let g = 0; g < order.length; ) {
    // A group of equal x: its lowest y (first, by the sort) and every tie of it are candidates.
    const x = xs[order[g]!]!;
    const groupMin = ys[order[g]!]!;
    let end = g;
    while (end < order.length && xs[order[end]!] === x) end++;
    if (groupMin < bestY) {
      for (let k = g; k < end && ys[order[k]!] === groupMin; k++) front.push(order[k]!);
      bestY = groupMin;
    }
    g = end;
  }
  return front;
}

/** A sweep's Pareto front of latency against peak MACs per cycle (the area proxy), by ascending MACs per cycle. */
export function latencyFront(result: SweepResult): number[] {
  const m = result.metrics;
  return paretoFront(result.space.count, (i) => ({ x: m[i * RECORD + FIELD.peakMacsPerCycle]!, y: m[i * RECORD + FIELD.latencyMs]! }));
}
