import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadModelSpec, loadTargetSpec } from "../../src/load/load.js";
import { NoFeasibleDesignError } from "../../src/common/errors.js";
import { FIELD, RECORD } from "../../src/sweep/evaluate.js";
import { prepareSweep, runSweep, type SweepResult } from "../../src/sweep/run.js";
import { sizeDesign } from "../../src/sweep/size.js";

/** Cost order by brute force: is design a strictly cheaper than b (peak MACs/cycle, then clock, then SRAM)? */
function cheaper(result: SweepResult, a: number, b: number): boolean {
  const m = result.metrics;
  for (const field of [FIELD.peakMacsPerCycle, FIELD.clockMhz, FIELD.sramKiB]) {
    const x = m[a * RECORD + field]!;
    const y = m[b * RECORD + field]!;
    if (x !== y) return x < y;
  }
  return false;
}

const latency = (result: SweepResult, i: number) => result.metrics[i * RECORD + FIELD.latencyMs]!;

/** The definition of the answer, checked over every point of the space. */
function checkSizing(result: SweepResult, budgetMs: number): void {
  const meets = Array.from({ length: result.space.count }, (_, i) => latency(result, i) <= budgetMs);
  if (!meets.some(Boolean)) {
    expect(() => sizeDesign(result, budgetMs)).toThrow(NoFeasibleDesignError);
    return;
  }
  const sizing = sizeDesign(result, budgetMs);
  expect(sizing.latencyMs).toBeLessThanOrEqual(budgetMs);
  expect(sizing.marginMs).toBe(budgetMs - sizing.latencyMs);
  for (let i = 0; i < result.space.count; i++) {
    if (cheaper(result, i, sizing.index)) expect(meets[i]).toBe(false);
    // As cheap and meeting the budget too: then it is not faster than the answer.
    else if (!cheaper(result, sizing.index, i) && meets[i]) expect(latency(result, i)).toBeGreaterThanOrEqual(sizing.latencyMs);
  }
  for (const n of sizing.neighbours) {
    expect(n.latencyMs).toBeGreaterThan(budgetMs);
    expect(n.marginMs).toBeLessThan(0);
    expect(cheaper(result, sizing.index, n.index)).toBe(false);
  }
}

describe("size on a real space", () => {
  const modelSpec = loadModelSpec("models/smolvla.yaml");
  const targetSpec = loadTargetSpec("hardware/xattn-unit.yaml");
  const prepared = prepareSweep({
    modelSpec,
    targetSpec,
    sets: { model: [], target: [] },
    vary: ["mac_array.rows=8,16,32,64,128", "clock_mhz=200:1000:100", "sram.size_kib=128,512,2048", "mac_array.dataflow=os,ws"],
    tie: ["mac_array.cols=mac_array.rows"],
  });

  it.each([150, 200, 300, 500, 800, 1500, 5000, 20000, 100000])("returns a design that meets %s ms while every cheaper one misses", async (budget) => {
    checkSizing(await runSweep(prepared), budget);
  });

  it("reports the best latency found when nothing meets the budget", async () => {
    const result = await runSweep(prepared);
    expect(() => sizeDesign(result, 1)).toThrow(/no design meets the budget of 1\.000 ms per inference: the fastest of the 270 designs, mac_array\.rows=128, .* takes \d+\.\d+ ms/);
  });

  it("lists the designs just cheaper than the answer as neighbours, nearest first", async () => {
    const result = await runSweep(prepared);
    const sizing = sizeDesign(result, 500);
    expect(sizing.neighbours).toHaveLength(3);
    const costs = [sizing, ...sizing.neighbours].map((d) => [d.peakMacsPerCycle, d.clockMhz, d.sramKiB]);
    for (let k = 1; k < costs.length; k++) {
      const [a, b] = [costs[k - 1]!, costs[k]!];
      expect(a[0]! > b[0]! || (a[0] === b[0] && (a[1]! > b[1]! || (a[1] === b[1] && a[2]! >= b[2]!)))).toBe(true);
    }
    expect(Object.keys(sizing.design)).toEqual(["mac_array.rows", "clock_mhz", "sram.size_kib", "mac_array.dataflow", "mac_array.cols"]);
  });
});

describe("size by brute force over random spaces", () => {
  /** A stand-in for a sweep result: only what sizing reads. */
  function fake(points: readonly { peak: number; clock: number; sram: number; latency: number }[]): SweepResult {
    const metrics = new Float64Array(points.length * RECORD);
    points.forEach((p, i) => {
      metrics[i * RECORD + FIELD.peakMacsPerCycle] = p.peak;
      metrics[i * RECORD + FIELD.clockMhz] = p.clock;
      metrics[i * RECORD + FIELD.sramKiB] = p.sram;
      metrics[i * RECORD + FIELD.latencyMs] = p.latency;
    });
    const space = { count: points.length, axes: [], ties: [], columns: [{ path: "id", domain: "target", kind: "vary", text: "id" }] };
    return { space, values: [points.map((_, i) => i)], metrics } as unknown as SweepResult;
  }

  it("meets the budget, and every strictly cheaper design misses", () => {
    const point = fc.record({
      peak: fc.constantFrom(64, 256, 1024),
      clock: fc.constantFrom(200, 400),
      sram: fc.constantFrom(128, 256),
      latency: fc.integer({ min: 1, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 110 }), (points, budget) => {
        checkSizing(fake(points), budget);
      }),
      { numRuns: 500 },
    );
  });
});
