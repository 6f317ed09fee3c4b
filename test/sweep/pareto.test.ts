import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paretoFront, type Costs } from "../../src/sweep/pareto.js";

/**
 * The definition, in O(n²): p is on the front when no q is as good in all three costs and better in one, and
 * no earlier q has exactly its costs (equal designs are one point).
 */
function bruteForce(points: readonly Costs[]): number[] {
  const finite = (p: Costs) => p.every(Number.isFinite);
  const noWorse = (q: Costs, p: Costs) => q.every((v, k) => v <= p[k]!);
  const equal = (q: Costs, p: Costs) => q.every((v, k) => v === p[k]);
  return points.flatMap((p, i) =>
    finite(p) && !points.some((q, j) => finite(q) && noWorse(q, p) && (!equal(q, p) || j < i)) ? [i] : [],
  );
}

const sorted = (indices: readonly number[]) => [...indices].sort((a, b) => a - b);
const triple = (cost: fc.Arbitrary<number>) => fc.tuple(cost, cost, cost);

describe("paretoFront over three costs", () => {
  it("is exactly the non-dominated set, one point per tie (random points on small grids: many ties)", () => {
    fc.assert(
      fc.property(fc.array(triple(fc.integer({ min: 0, max: 6 })), { maxLength: 80 }), (points) => {
        expect(sorted(paretoFront(points.length, (i) => points[i]!))).toEqual(bruteForce(points));
      }),
      { numRuns: 500 },
    );
  });

  it("is exactly the non-dominated set (random doubles, with non-finite costs left out)", () => {
    const cost = fc.oneof(
      { weight: 20, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      fc.constantFrom(Number.NaN, Infinity),
    );
    fc.assert(
      fc.property(fc.array(triple(cost), { maxLength: 60 }), (points) => {
        expect(sorted(paretoFront(points.length, (i) => points[i]!))).toEqual(bruteForce(points));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps one of two equal designs, and drops one that is only dearer", () => {
    // Same latency and energy, more area (a larger SRAM that does not help): dominated.
    const points: Costs[] = [
      [10, 2, 5],
      [10, 2, 5],
      [10, 3, 5],
      [8, 4, 6],
    ];
    expect(sorted(paretoFront(points.length, (i) => points[i]!))).toEqual([0, 3]);
  });
});
