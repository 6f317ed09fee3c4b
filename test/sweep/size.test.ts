import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadModelSpec, loadTargetSpec } from "../../src/load/load.js";
import { NoFeasibleDesignError } from "../../src/common/errors.js";
import { FIELD, readMetrics, RECORD } from "../../src/sweep/evaluate.js";
import { prepareSweep, runSweep, type SweepResult } from "../../src/sweep/run.js";
import { powerAtBudgetW, sizeDesign, type Minimise, type SizingGoal } from "../../src/sweep/size.js";

/** The sizing definition, by brute force over every point: what a design costs and what it misses. */
function costOf(result: SweepResult, i: number, goal: SizingGoal): number {
  const m = readMetrics(result.metrics, i);
  return goal.minimise === "area"
    ? m.areaMm2
    : goal.minimise === "energy"
      ? m.energyMj
      : powerAtBudgetW(m, goal.budgetMs);
}
function meets(result: SweepResult, i: number, goal: SizingGoal): boolean {
  const m = readMetrics(result.metrics, i);
  return (
    m.latencyMs <= goal.budgetMs &&
    (goal.maxPowerW === undefined || powerAtBudgetW(m, goal.budgetMs) <= goal.maxPowerW) &&
    (goal.maxAreaMm2 === undefined || m.areaMm2 <= goal.maxAreaMm2)
  );
}

const latency = (result: SweepResult, i: number) => result.metrics[i * RECORD + FIELD.latencyMs]!;

/** The definition of the answer, checked over every point of the space. */
function checkSizing(result: SweepResult, goal: SizingGoal): void {
  const ok = Array.from({ length: result.space.count }, (_, i) => meets(result, i, goal));
  if (!ok.some(Boolean)) {
    expect(() => sizeDesign(result, goal)).toThrow(NoFeasibleDesignError);
    return;
  }
  const sizing = sizeDesign(result, goal);
  expect(sizing.latencyMs).toBeLessThanOrEqual(goal.budgetMs);
  expect(sizing.marginMs).toBe(goal.budgetMs - sizing.latencyMs);
  expect(sizing.misses).toEqual([]);
  const best = costOf(result, sizing.index, goal);
  for (let i = 0; i < result.space.count; i++) {
    const cost = costOf(result, i, goal);
    if (cost < best) expect(ok[i]).toBe(false);
    // As cheap and meeting the goal too: then (at equal area) it spends no less energy, and at equal energy it is
    // not faster than the answer.
    else if (cost === best && ok[i]) {
      const energy = (j: number) => (goal.minimise === "area" ? readMetrics(result.metrics, j).energyMj : 0);
      expect(energy(i)).toBeGreaterThanOrEqual(energy(sizing.index));
      if (energy(i) === energy(sizing.index)) expect(latency(result, i)).toBeGreaterThanOrEqual(sizing.latencyMs);
    }
  }
  for (const n of sizing.neighbours) {
    expect(n.misses.length).toBeGreaterThan(0);
    expect(costOf(result, n.index, goal)).toBeLessThanOrEqual(best);
  }
}

describe("size on a real space", () => {
  const modelSpec = loadModelSpec("models/smolvla.yaml");
  const targetSpec = loadTargetSpec("hardware/xattn-unit.yaml");
  const prepared = prepareSweep({
    modelSpec,
    targetSpec,
    sets: { model: [], target: [] },
    vary: [
      "mac_array.rows=8,16,32,64,128",
      "clock_mhz=200:1000:100",
      "sram.size_kib=128,512,2048",
      "mac_array.dataflow=os,ws",
    ],
    tie: ["mac_array.cols=mac_array.rows"],
  });

  it.each([150, 300, 800, 5000, 100000])(
    "returns the least-area design that meets %s ms while every cheaper one misses",
    async (budget) => {
      checkSizing(await runSweep(prepared), { budgetMs: budget, minimise: "area" });
    },
  );

  it.each<SizingGoal>([
    { budgetMs: 500, minimise: "energy" },
    { budgetMs: 500, minimise: "power" },
    { budgetMs: 2000, minimise: "area", maxPowerW: 1 },
    { budgetMs: 2000, minimise: "energy", maxAreaMm2: 2 },
  ])("minimises and caps as asked: %j", async (goal) => {
    checkSizing(await runSweep(prepared), goal);
  });

  it("says which cap rules out the designs that are fast enough", async () => {
    const result = await runSweep(prepared);
    expect(() => sizeDesign(result, { budgetMs: 100000, minimise: "area", maxAreaMm2: 0.001 })).toThrow(
      /within --max-area-mm2 0.001: designs fast enough exist/,
    );
  });

  it("reports the best latency found when nothing meets the budget", async () => {
    const result = await runSweep(prepared);
    expect(() => sizeDesign(result, { budgetMs: 1, minimise: "area" })).toThrow(
      /no design meets the budget of 1\.000 ms per inference: the fastest of the 270 designs, mac_array\.rows=128, .* takes \d+\.\d+ ms/,
    );
  });

  it("lists the designs just cheaper than the answer as neighbours, the nearest miss first", async () => {
    const result = await runSweep(prepared);
    const sizing = sizeDesign(result, { budgetMs: 500, minimise: "area" });
    expect(sizing.neighbours).toHaveLength(3);
    for (const d of sizing.neighbours) expect(d.areaMm2).toBeLessThanOrEqual(sizing.areaMm2);
    const shortfalls = sizing.neighbours.map((d) => -d.marginMs);
    for (let k = 1; k < shortfalls.length; k++) expect(shortfalls[k - 1]!).toBeLessThanOrEqual(shortfalls[k]!);
    expect(Object.keys(sizing.design)).toEqual([
      "mac_array.rows",
      "clock_mhz",
      "sram.size_kib",
      "mac_array.dataflow",
      "mac_array.cols",
    ]);
  });
});

describe("size by brute force over random spaces", () => {
  /** A stand-in for a sweep result: only what sizing reads. */
  function fake(points: readonly { area: number; energy: number; idle: number; latency: number }[]): SweepResult {
    const metrics = new Float64Array(points.length * RECORD);
    points.forEach((p, i) => {
      metrics[i * RECORD + FIELD.areaMm2] = p.area;
      metrics[i * RECORD + FIELD.energyMj] = p.energy;
      metrics[i * RECORD + FIELD.staticPowerW] = p.idle;
      metrics[i * RECORD + FIELD.latencyMs] = p.latency;
      // A target's period is its latency; its memory is not checked (fits).
      metrics[i * RECORD + FIELD.periodMs] = p.latency;
      metrics[i * RECORD + FIELD.fitsMemory] = 1;
    });
    const space = {
      count: points.length,
      axes: [],
      ties: [],
      columns: [{ path: "id", domain: "target", kind: "vary", text: "id" }],
    };
    return { space, values: [points.map((_, i) => i)], metrics } as unknown as SweepResult;
  }

  it("meets the goal, and every strictly cheaper design misses", () => {
    const point = fc.record({
      area: fc.constantFrom(1, 2, 4),
      energy: fc.constantFrom(10, 20, 40),
      idle: fc.constantFrom(0, 0.001),
      latency: fc.integer({ min: 1, max: 100 }),
    });
    const goal = fc.record(
      {
        budgetMs: fc.integer({ min: 1, max: 110 }),
        minimise: fc.constantFrom<Minimise>("area", "energy", "power"),
        maxPowerW: fc.constantFrom(0.5, 5, 50),
        maxAreaMm2: fc.constantFrom(1, 2, 4),
      },
      { requiredKeys: ["budgetMs", "minimise"] },
    );
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 40 }), goal, (points, g) => {
        checkSizing(fake(points), g);
      }),
      { numRuns: 500 },
    );
  });
});
