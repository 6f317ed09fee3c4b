import { FIELD, RECORD } from "./evaluate.js";
import type { SweepResult } from "./run.js";

/** Three costs to minimise, e.g. latency, area and energy. */
export type Costs = readonly [number, number, number];

/**
 * The Pareto front of points that minimise three costs: a point is on it when no other point is at least as
 * good in all three and strictly better in one. Points with equal costs are one design: only the first (lowest
 * index) of them is on the front. Points with a non-finite cost are never on it.
 *
 * Sweep in order of the first cost, keeping the 2-D front (second cost ascending, third strictly descending) of
 * everything seen: a point is covered when that front has a point no worse in the second and third costs.
 * O(n log n) for the search, plus the front's updates.
 */
export function paretoFront(count: number, costOf: (index: number) => Costs): number[] {
  const costs: Costs[] = [];
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = costOf(i);
    costs.push(c);
    if (c.every(Number.isFinite)) order.push(i);
  }
  order.sort(
    (a, b) => costs[a]![0] - costs[b]![0] || costs[a]![1] - costs[b]![1] || costs[a]![2] - costs[b]![2] || a - b,
  );
  const second: number[] = [];
  const third: number[] = [];
  const front: number[] = [];
  for (const i of order) {
    const [, y, z] = costs[i]!;
    const at = upperBound(second, y); // points with second cost ≤ y are second[0 … at)
    if (at > 0 && third[at - 1]! <= z) continue;
    // Those it now covers: second cost ≥ y (from `at` on, or the equal one just before) and third ≥ z.
    const start = at > 0 && second[at - 1] === y ? at - 1 : at;
    let end = start;
    while (end < second.length && third[end]! >= z) end++;
    second.splice(start, end - start, y);
    third.splice(start, end - start, z);
    front.push(i);
  }
  return front;
}

/** The number of entries of ascending `values` that are ≤ v. */
function upperBound(values: readonly number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A sweep's Pareto front of latency, silicon area and energy per inference, cheapest area first: the designs
 * worth building. Designs that differ only where it does not matter (more SRAM at equal latency costs area)
 * drop off it.
 */
export function designFront(result: SweepResult): number[] {
  const m = result.metrics;
  const at = (i: number, field: number) => m[i * RECORD + field]!;
  const front = paretoFront(result.space.count, (i) => [
    at(i, FIELD.latencyMs),
    at(i, FIELD.areaMm2),
    at(i, FIELD.energyMj),
  ]);
  return front.sort(
    (a, b) => at(a, FIELD.areaMm2) - at(b, FIELD.areaMm2) || at(a, FIELD.latencyMs) - at(b, FIELD.latencyMs) || a - b,
  );
}

/**
 * The recommended design of a front: its knee in latency × area. On log axes scaled to the front's own range
 * (designs differ by orders of magnitude), the smallest design sits near (0, 1) and the fastest near (1, 0);
 * the knee is the design farthest below the line joining them, x + y = 1, i.e. with the least x + y: past it,
 * more area buys little latency, and less area costs much. Undefined for an empty front.
 */
export function kneeOf(result: SweepResult, front: readonly number[]): number | undefined {
  if (front.length === 0) return undefined;
  const m = result.metrics;
  const logArea = (i: number) => Math.log(m[i * RECORD + FIELD.areaMm2]!);
  const logLatency = (i: number) => Math.log(m[i * RECORD + FIELD.latencyMs]!);
  const range = (f: (i: number) => number) => {
    const values = front.map(f);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    return (i: number) => (hi > lo ? (f(i) - lo) / (hi - lo) : 0);
  };
  const [x, y] = [range(logArea), range(logLatency)];
  return front.reduce((best, i) => (x(i) + y(i) < x(best) + y(best) ? i : best));
}
