import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { systolicMatmulCost, vectorCost } from "../../src/cost/systolic.js";
import type { Dataflow, Target } from "../../src/hardware/types.js";
import { makeMatmul, makeTarget } from "./helpers.js";

/** Memory policies as the simulator builds them: operand buffers get the whole SRAM unless weights stay. */
const ideal = { idealMemory: true, weightsResident: false, bufferBytes: Number.MAX_SAFE_INTEGER };
const real = (target: Target) => ({ idealMemory: false, weightsResident: false, bufferBytes: target.sramBytes });

describe("the systolic cycle model", () => {
  it("runs a batched op's GEMMs one after another: 12 heads of 1024×64×1024 on 16×16 ws cost 12 SCALE-Sim GEMMs", () => {
    // One head: Sr = K = 64, Sc = N = 1024, T = M = 1024 → folds 4·64 = 256, 2·16 + 16 + 1024 − 2 = 1070 per fold.
    const oneHead = 256 * 1070 - 1;
    const cost = systolicMatmulCost(
      makeMatmul(1024, 64, 1024, { batch: 12, filterIsWeight: false }),
      makeTarget(),
      ideal,
    );
    expect(cost.computeCycles).toBe(12 * oneHead);
    expect(cost.folds).toBe(256);
    expect(cost.idealCycles).toBe((12 * 1024 * 64 * 1024) / 256);
  });

  it("spreads heads over several arrays: 12 heads on 4 arrays take 3 heads' time", () => {
    const op = makeMatmul(1024, 64, 1024, { batch: 12, filterIsWeight: false });
    const cost = systolicMatmulCost(op, makeTarget({ array: { count: 4 } }), ideal);
    expect(cost.computeCycles).toBe(3 * (256 * 1070 - 1));
  });

  it("splits one GEMM's folds between arrays: 256 folds on 4 arrays are 64 folds each", () => {
    const cost = systolicMatmulCost(makeMatmul(1024, 64, 1024), makeTarget({ array: { count: 4 } }), ideal);
    expect(cost.computeCycles).toBe(64 * 1070 - 1);
  });

  it("multiplies by executions: a per-step op run 10 times costs 10 times", () => {
    const once = systolicMatmulCost(makeMatmul(50, 720, 720), makeTarget(), ideal);
    const tenTimes = systolicMatmulCost(makeMatmul(50, 720, 720, { count: 10 }), makeTarget(), ideal);
    expect(tenTimes.computeCycles).toBe(10 * once.computeCycles);
  });

  it("becomes DRAM-bound when the weights stream over a slow interface", () => {
    // 1×4096×4096 int8: 16 MiB of weights at 1 GB/s and 1 GHz = 1 byte per cycle.
    const target = makeTarget({ dramBytesPerSecond: 1e9, sramBytes: 64 * 1024 * 1024 });
    const cost = systolicMatmulCost(makeMatmul(1, 4096, 4096), target, real(target));
    expect(cost.dramBytes).toBe(4096 * 4096);
    expect(cost.dramCycles).toBe(4096 * 4096);
    expect(cost.bound).toBe("dram");
    expect(cost.stallCycles).toBe(cost.cycles - cost.computeCycles);
  });

  it("reads weights that fit their buffer once per execution even while a large input streams past them", () => {
    // 100000×64 int8 input (6.4 MB) does not fit a third of 1 MiB; the 64×64 weights (4 KiB) do. The input
    // and the output stream once each, the weights are read once — not once per input block.
    const target = makeTarget({ array: { dataflow: "os" } });
    const cost = systolicMatmulCost(makeMatmul(100_000, 64, 64), target, real(target));
    expect(cost.dramBytes).toBe(100_000 * 64 + 100_000 * 64 + 64 * 64);
  });

  it("reads resident weights once per inference instead of once per execution", () => {
    const target = makeTarget({ sramBytes: 64 * 1024 * 1024 });
    const op = makeMatmul(50, 720, 720, { count: 10 });
    expect(systolicMatmulCost(op, target, real(target)).dramBytes).toBe(10 * 720 * 720);
    expect(systolicMatmulCost(op, target, { ...real(target), weightsResident: true }).dramBytes).toBe(720 * 720);
  });

  it("runs vector work on the lanes: 12·113·113 softmax elements × 5 ops on 16 lanes", () => {
    const target = makeTarget();
    const cost = vectorCost(
      {
        kind: "vector",
        component: "c",
        layer: 0,
        block: "b",
        name: "softmax",
        phase: "static",
        count: 2,
        elements: 12 * 113 * 113,
        opsPerElement: 5,
        inputs: 1,
        slices: 12,
        producers: [],
      },
      target,
      real(target),
    );
    expect(cost.cycles).toBe(2 * Math.ceil((12 * 113 * 113 * 5) / 16));
    expect(cost.bound).toBe("vector");
    expect(cost.dramBytes).toBe(0);
  });

  it("streams a vector op's tensor through DRAM when one slice does not fit a third of the buffers", () => {
    // 12·1024·1024 softmax scores of a ViT layer, int8: one head's 1 MiB does not fit a third of 1 MiB of
    // SRAM, so the scores are read and written once.
    const target = makeTarget({ dramBytesPerSecond: 1e9 });
    const elements = 12 * 1024 * 1024;
    const cost = vectorCost(
      {
        kind: "vector",
        component: "c",
        layer: 0,
        block: "b",
        name: "softmax",
        phase: "static",
        count: 1,
        elements,
        opsPerElement: 5,
        inputs: 1,
        slices: 12,
        producers: [],
      },
      target,
      real(target),
    );
    expect(cost.dramBytes).toBe(2 * elements);
    expect(cost.dramCycles).toBe(2 * elements); // 1 GB/s at 1 GHz = 1 byte per cycle
    expect(cost.bound).toBe("dram");
  });
});

const dataflow = fc.constantFrom<Dataflow>("os", "ws", "is");
const shape = fc.record({
  m: fc.integer({ min: 1, max: 600 }),
  k: fc.integer({ min: 1, max: 600 }),
  n: fc.integer({ min: 1, max: 600 }),
  batch: fc.integer({ min: 1, max: 16 }),
  count: fc.integer({ min: 1, max: 20 }),
  weights: fc.boolean(),
});
const hardware = fc.record({
  rows: fc.integer({ min: 1, max: 128 }),
  cols: fc.integer({ min: 1, max: 128 }),
  arrays: fc.integer({ min: 1, max: 8 }),
  dataflow,
  clockMhz: fc.integer({ min: 50, max: 3000 }),
  sramKiB: fc.integer({ min: 1, max: 32768 }),
  sramBytesPerCycle: fc.integer({ min: 1, max: 4096 }),
  dramGBps: fc.double({ min: 0.1, max: 4000, noNaN: true }),
});

/** What an arbitrary generates (fast-check 4 has no helper for it). */
type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function setup(s: Generated<typeof shape>, h: Generated<typeof hardware>) {
  const op = makeMatmul(s.m, s.k, s.n, { batch: s.batch, count: s.count, filterIsWeight: s.weights });
  const target = makeTarget({
    clockHz: h.clockMhz * 1e6,
    sramBytes: h.sramKiB * 1024,
    sramBytesPerCycle: h.sramBytesPerCycle,
    dramBytesPerSecond: h.dramGBps * 1e9,
    array: { rows: h.rows, cols: h.cols, count: h.arrays, dataflow: h.dataflow },
  });
  return { op, target };
}

describe("cycle-model invariants (property-based)", () => {
  it("never takes fewer cycles than MACs / (R·C·arrays), and 0 < utilisation ≤ 1", () => {
    fc.assert(
      fc.property(shape, hardware, fc.boolean(), (s, h, idealMemory) => {
        const { op, target } = setup(s, h);
        const cost = systolicMatmulCost(op, target, { ...real(target), idealMemory });
        const peak = h.rows * h.cols * h.arrays;
        expect(cost.cycles).toBeGreaterThanOrEqual((op.macs * op.count) / peak);
        expect(cost.utilization).toBeGreaterThan(0);
        expect(cost.utilization).toBeLessThanOrEqual(1);
        expect(Number.isFinite(cost.cycles)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("halves a compute-bound latency in ms when the clock doubles", () => {
    fc.assert(
      fc.property(shape, hardware, (s, h) => {
        const { op, target } = setup(s, h);
        const faster = { ...target, clockHz: 2 * target.clockHz };
        const slow = systolicMatmulCost(op, target, ideal);
        const fast = systolicMatmulCost(op, faster, ideal);
        expect(fast.cycles / faster.clockHz).toBeCloseTo(slow.cycles / target.clockHz / 2, 15);
      }),
    );
  });

  it("never gets slower with more DRAM bandwidth", () => {
    fc.assert(
      fc.property(shape, hardware, fc.double({ min: 1, max: 100, noNaN: true }), (s, h, factor) => {
        const { op, target } = setup(s, h);
        const wider = { ...target, dramBytesPerSecond: target.dramBytesPerSecond * factor };
        expect(systolicMatmulCost(op, wider, real(wider)).cycles).toBeLessThanOrEqual(
          systolicMatmulCost(op, target, real(target)).cycles,
        );
      }),
    );
  });

  it("never gets slower with more SRAM capacity", () => {
    fc.assert(
      fc.property(shape, hardware, fc.integer({ min: 2, max: 64 }), (s, h, factor) => {
        const { op, target } = setup(s, h);
        const bigger = { ...target, sramBytes: target.sramBytes * factor };
        expect(systolicMatmulCost(op, bigger, real(bigger)).cycles).toBeLessThanOrEqual(
          systolicMatmulCost(op, target, real(target)).cycles,
        );
      }),
    );
  });
});
