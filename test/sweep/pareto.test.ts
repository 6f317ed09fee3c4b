import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paretoFront, type Costs } from "../../src/sweep/pareto.js";

/** The definition, in O(n²): p is on the front when no q is as good in both costs and better in one. */
function bruteForce(points: readonly Costs[]): number[] {
  const finite = (p: Costs) => Number.isFinite(p.x) && Number.isFinite(p.y);
  const dominates = (q: Costs, p: Costs) => q.x <= p.x && q.y <= p.y && (q.x < p.x || q.y < p.y);
  return points.flatMap((p, i) => (finite(p) && !points.some((q) => finite(q) && dominates(q, p)) ? [i] : []));
}

const sorted = (indices: readonly number[]) => [...indices].sort((a, b) => a - b);

describe("paretoFront", () => {
  it("is exactly the non-dominated set (random points, many ties)", () => {
    // Small integer grids make equal costs common: ties are where a sweep-line front goes wrong.
    const point = fc.record({ x: fc.integer({ min: 0, max: 12 }), y: fc.integer({ min: 0, max: 12 }) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 80 }), (points) => {
        expect(sorted(paretoFront(points.length, (i) => points[i]!))).toEqual(bruteForce(points));
      }),
      { numRuns: 500 },
    );
  });

  it("is exactly the non-dominated set (random doubles, with non-finite costs left out)", () => {
    const cost = fc.oneof({ weight: 20, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, fc.constantFrom(Number.NaN, Infinity));
    fc.assert(
      fc.property(fc.array(fc.record({ x: cost, y: cost }), { maxLength: 60 }), (points) => {
        expect(sorted(paretoFront(points.length, (i) => points[i]!))).toEqual(bruteForce(points));
      }),
      { numRuns: 300 },
    );
  });

  it("lists the front by ascending x", () => {
    const points = [
      { x: 4, y: 1 },
      { x: 1, y: 9 },
      { x: 2, y: 5 },
      { x: 2, y: 7 },
      { x: 3, y: 5 },
    ];
    expect(paretoFront(points.length, (i) => points[i]!)).toEqual([1, 2, 0]);
  });
});
