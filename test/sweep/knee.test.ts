import { describe, expect, it } from "vitest";
import { FIELD, RECORD } from "../../src/sweep/evaluate.js";
import { kneeOf } from "../../src/sweep/pareto.js";
import type { SweepResult } from "../../src/sweep/run.js";

/** A sweep result holding only what kneeOf reads: each design's area and latency. */
function result(designs: readonly (readonly [number, number])[]): SweepResult {
  const metrics = new Float64Array(designs.length * RECORD);
  designs.forEach(([area, latency], i) => {
    metrics[i * RECORD + FIELD.areaMm2] = area;
    metrics[i * RECORD + FIELD.latencyMs] = latency;
  });
  return { metrics } as unknown as SweepResult;
}

describe("the recommended design: the knee of the front in latency × area", () => {
  it("is the design past which more area buys little latency", () => {
    // (area mm², latency ms): 1 → 1000, 2 → 10, 100 → 5. On log axes scaled to the front: x = 0, 0.15, 1 and
    // y = 1, 0.13, 0 (ln 1000 = 6.91, ln 10 = 2.30, ln 5 = 1.61); x + y = 1, 0.28, 1: the middle design.
    const r = result([
      [1, 1000],
      [2, 10],
      [100, 5],
    ]);
    expect(kneeOf(r, [0, 1, 2])).toBe(1);
  });

  it("is the one design of a front of one, and none of an empty front", () => {
    expect(kneeOf(result([[3, 7]]), [0])).toBe(0);
    expect(kneeOf(result([]), [])).toBeUndefined();
  });
});
