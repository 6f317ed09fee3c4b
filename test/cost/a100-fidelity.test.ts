import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rooflineCost } from "../../src/cost/roofline.js";
import { parseTargetSpec, resolveTarget } from "../../src/hardware/target.js";
import { makeMatmul } from "./helpers.js";

// Measured fp16 GEMMs on an A100 80GB (LLMCompass, see test/fixtures/scalesim/SOURCE.md) against the roofline
// of hardware/a100.yaml: 432 × 16×16 × 1.41 GHz = 155.9 T MAC/s, 2039 GB/s.
const a100 = resolveTarget(parseTargetSpec(readFileSync("hardware/a100.yaml", "utf8"), "a100.yaml"));
const rows = readFileSync("test/fixtures/a100-fp16-matmul-measured.csv", "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [m, k, n, ms] = line.split(",").map(Number);
    return { m: m!, k: k!, n: n!, measuredMs: ms! };
  });

describe("the roofline against a real A100 (measured vs modelled)", () => {
  it("has 155.9 T MAC/s of peak (432 × 256 × 1.41 GHz), the datasheet's 312 dense fp16 TFLOPS", () => {
    const peakMacsPerSecond = a100.array.rows * a100.array.cols * a100.array.count * a100.clockHz;
    expect(peakMacsPerSecond).toBe(432 * 256 * 1.41e9);
    expect((2 * peakMacsPerSecond) / 312e12).toBeCloseTo(1, 2);
  });

  it.each(rows)("never promises more than the GPU delivers: $m×$k×$n measured $measuredMs ms", ({ m, k, n, measuredMs }) => {
    const modelledMs = rooflineCost(makeMatmul(m, k, n), a100).seconds * 1e3;
    expect(modelledMs).toBeLessThanOrEqual(measuredMs);
  });

  it("comes within 25% of the measurement for every GEMM of more than 8.6 G-MACs (2^33)", () => {
    const large = rows.filter((r) => r.m * r.k * r.n > 2 ** 33);
    expect(large.length).toBe(15);
    for (const { m, k, n, measuredMs } of large) {
      const modelledMs = rooflineCost(makeMatmul(m, k, n), a100).seconds * 1e3;
      expect(modelledMs / measuredMs).toBeGreaterThanOrEqual(0.75);
    }
  });
});
