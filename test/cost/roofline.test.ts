import { describe, expect, it } from "vitest";
import { rooflineCost } from "../../src/cost/roofline.js";
import { makeMatmul, makeTarget } from "./helpers.js";

// 16×16 int8 array at 1 GHz: 256 MACs per cycle; DRAM 10 GB/s = 10 bytes per cycle.
const target = makeTarget();

describe("the roofline model", () => {
  it("finds a 1×4096×4096 GEMV memory-bound: 16.8 MB of compulsory bytes take 1.68 ms, the MACs 65.5 µs", () => {
    const cost = rooflineCost(makeMatmul(1, 4096, 4096), target);
    const macs = 4096 * 4096;
    const bytes = 4096 * 4096 + 4096 + 4096; // weights + input vector + output vector, one byte each
    expect(cost.computeCycles).toBe(macs / 256); // 65,536
    expect(cost.dramCycles).toBe(Math.ceil(bytes / 10)); // 1,678,540.8 → 1,678,541
    expect(cost.cycles).toBe(1_678_541);
    expect(cost.seconds).toBeCloseTo(1_678_541e-9, 15);
    expect(cost.bound).toBe("dram");
    expect(cost.intensity).toBeCloseTo(macs / bytes, 12);
    expect(cost.intensity).toBeLessThan(1);
  });

  it("finds a 1024³ GEMM compute-bound: 4.19 ms of MACs against 0.31 ms of bytes, intensity 341 MAC/B", () => {
    const cost = rooflineCost(makeMatmul(1024, 1024, 1024), target);
    expect(cost.computeCycles).toBe(1024 ** 3 / 256); // 4,194,304
    expect(cost.dramCycles).toBe(314_573); // ⌈3·1024² / 10⌉
    expect(cost.bound).toBe("compute");
    expect(cost.intensity).toBeCloseTo(1024 / 3, 9);
  });

  it("counts attention K and V as inputs, not weights, and scales with executions", () => {
    const cost = rooflineCost(makeMatmul(50, 60, 113, { batch: 12, count: 10, filterIsWeight: false }), target);
    const bytesPerExecution = 12 * (50 * 60 + 60 * 113 + 50 * 113);
    expect(cost.bytes).toBe(10 * bytesPerExecution);
  });
});
