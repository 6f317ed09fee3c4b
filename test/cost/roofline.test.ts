import { describe, expect, it } from "vitest";
import { rooflineCost } from "../../src/cost/roofline.js";
import { makeMatmul, makeTarget } from "./helpers.js";

// 16×16 int8 array at 1 GHz: 256 MACs per cycle; DRAM 10 GB/s = 10 bytes per cycle.
const target = makeTarget();

describe("the roofline model", () => {
  it("finds a 1×4096×4096 GEMV memory-bound: 16.8 MB of compulsory bytes take 1.68 ms, the MACs 65.5 µs", () => {
    const cost = rooflineCost(makeMatmul(1, 4096, 4096), target);
    const macs = 4096 * 4096;
    // The weights cross DRAM; the 4 KiB input and output vectors fit a third of the 1 MiB SRAM and stay on chip.
    const bytes = 4096 * 4096;
    expect(cost.computeCycles).toBe(macs / 256); // 65,536
    expect(cost.dramCycles).toBe(Math.ceil(bytes / 10)); // 1,677,721.6 → 1,677,722
    expect(cost.cycles).toBe(1_677_722);
    expect(cost.seconds).toBeCloseTo(1_677_722e-9, 15);
    expect(cost.bound).toBe("dram");
    expect(cost.intensity).toBe(1);
  });

  it("finds a 1024³ GEMM compute-bound: 4.19 ms of MACs against 0.31 ms of bytes, intensity 341 MAC/B", () => {
    const cost = rooflineCost(makeMatmul(1024, 1024, 1024), target);
    expect(cost.computeCycles).toBe(1024 ** 3 / 256); // 4,194,304
    expect(cost.dramCycles).toBe(314_573); // ⌈3·1024² / 10⌉
    expect(cost.bound).toBe("compute");
    expect(cost.intensity).toBeCloseTo(1024 / 3, 9);
  });

  // Attention scores of the expert: 12 query heads of Q 50×60 against K 60×113, over 4 key/value heads, 10 steps.
  const scores = makeMatmul(50, 60, 113, { batch: 12, kvHeads: 4, count: 10, filterIsWeight: false });

  it("on a GPU, every operand crosses DRAM once per execution, K once per key/value head", () => {
    const gpu = makeTarget({
      gpu: {
        sms: 1,
        tile: { m: 128, n: 128, k: 32 },
        kernelOverheadUs: 0,
        computeEfficiency: 1,
        dramEfficiency: 1,
        graphs: false,
        graphKernelUs: 1,
      },
    });
    expect(rooflineCost(scores, gpu).bytes).toBe(10 * (12 * 50 * 60 + 4 * 60 * 113 + 12 * 50 * 113));
  });

  it("on an array, keeps an activation on chip when one head's slice fits a third of the SRAM, as the cycle model does", () => {
    // 1 MiB: every slice fits (Q 3,000 B, K 6,780 B, scores 5,650 B), so nothing is compulsory and no intensity exists.
    expect(rooflineCost(scores, target).bytes).toBe(0);
    expect(rooflineCost(scores, target).intensity).toBeNull();
    // 8 KiB: a third is 2,730.7 B, which every slice exceeds: each crosses once per execution (K per key/value head).
    const small = makeTarget({ sramBytes: 8 * 1024 });
    expect(rooflineCost(scores, small).bytes).toBe(10 * (12 * 3000 + 4 * 6780 + 12 * 5650));
  });

  it("reads weights once per execution, or once per inference when they stay resident", () => {
    const perStep = makeMatmul(50, 720, 720, { count: 10 });
    expect(rooflineCost(perStep, target).bytes).toBe(10 * 720 * 720);
    expect(rooflineCost(perStep, target, { weightsResident: true }).bytes).toBe(720 * 720);
  });
});
