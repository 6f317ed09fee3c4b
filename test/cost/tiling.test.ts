import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseTiling, totalBytes, type GemmOperands } from "../../src/cost/tiling.js";

/** A GEMM whose operands all come from DRAM and whose output goes there, on an R×R array. */
function standalone(m: number, k: number, n: number, rows: number, bytesPerElement = 1): GemmOperands {
  return {
    m,
    k,
    n,
    bytesPerElement,
    filterBytesPerElement: bytesPerElement,
    ifmapOnChip: false,
    filterOnChip: false,
    ofmapOnChip: false,
    occupiedBytes: 0,
    arrayIfmapPasses: Math.ceil(n / rows),
    arrayFilterPasses: 1,
    rows,
    cols: rows,
  };
}

const shape = fc.record({
  m: fc.integer({ min: 1, max: 4096 }),
  k: fc.integer({ min: 1, max: 4096 }),
  n: fc.integer({ min: 1, max: 4096 }),
  rows: fc.constantFrom(8, 16, 64, 128, 256),
  bytes: fc.constantFrom(1, 2),
  log2Buffer: fc.integer({ min: 12, max: 26 }),
});

describe("the DRAM tiling chosen per GEMM", () => {
  it("moves each operand once when everything fits: the compulsory bytes", () => {
    // 64×128×256 int8 in 256 KiB: 8,192 + 32,768 + 16,384 B, with the 64×256 accumulators (65,536 B) beside them.
    const t = chooseTiling(standalone(64, 128, 256, 16), 256 * 1024);
    expect(t.scheme).toBe("all");
    expect(totalBytes(t)).toBe(8_192 + 32_768 + 16_384);
    expect(t.compulsoryBytes).toBe(totalBytes(t));
  });

  it("never moves less than the compulsory bytes nor less than the communication lower bound", () => {
    fc.assert(
      fc.property(shape, ({ m, k, n, rows, bytes, log2Buffer }) => {
        const s = 2 ** log2Buffer;
        const t = chooseTiling(standalone(m, k, n, rows, bytes), s);
        expect(totalBytes(t)).toBeGreaterThanOrEqual(t.compulsoryBytes);
        expect(t.compulsoryBytes).toBe((m * k + k * n + m * n) * bytes);
        // Irony, Toledo & Tiskin (JPDC 2004): at least MNK / (2√2 · √W) − W words move with W words of memory.
        // The memory is the buffer and the array's own registers, which hold a fold of the stationary operand.
        const words = s / bytes + rows * rows;
        expect(totalBytes(t)).toBeGreaterThanOrEqual(
          bytes * ((m * n * k) / (2 * Math.SQRT2 * Math.sqrt(words)) - words),
        );
      }),
      { numRuns: 400 },
    );
  });

  it("stays within a small factor of the larger of the two bounds (≈ M·N·K/√S when nothing fits)", () => {
    fc.assert(
      fc.property(shape, ({ m, k, n, rows, bytes, log2Buffer }) => {
        const s = 2 ** log2Buffer;
        const t = chooseTiling(standalone(m, k, n, rows, bytes), s);
        const bound = Math.max(t.compulsoryBytes, (bytes * m * n * k) / Math.sqrt(s / bytes));
        expect(totalBytes(t)).toBeLessThanOrEqual(8 * bound);
      }),
      { numRuns: 400 },
    );
  });

  it("never moves more with a larger buffer", () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 6 }), ({ m, k, n, rows, bytes, log2Buffer }, more) => {
        const g = standalone(m, k, n, rows, bytes);
        expect(totalBytes(chooseTiling(g, 2 ** (log2Buffer + more)))).toBeLessThanOrEqual(
          totalBytes(chooseTiling(g, 2 ** log2Buffer)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("moves nothing for operands already on chip, whose room it leaves to the others", () => {
    const g = { ...standalone(113, 960, 2560, 16), ifmapOnChip: true, ofmapOnChip: true, occupiedBytes: 113 * 960 };
    const t = chooseTiling(g, 256 * 1024);
    expect(t.ifmapBytes).toBe(0);
    expect(t.ofmapBytes).toBe(0);
    // The weights (2.4 MB) do not fit 256 KiB; with the input held, they stream past it once.
    expect(t.filterBytes).toBe(960 * 2560);
    expect(t.compulsoryBytes).toBe(960 * 2560);
  });
});

describe("a standalone GEMM (a SCALE-Sim topology row)", () => {
  it("moves at least its compulsory bytes however large the buffer: inputs from DRAM, output to DRAM", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseScaleSimTopology } = await import("../../src/graph/topology.js");
    const { loadTarget } = await import("../../src/load/load.js");
    const { simulate } = await import("../../src/simulate/simulate.js");
    const graph = parseScaleSimTopology(readFileSync("test/fixtures/scalesim/gemms.csv", "utf8"), "gemms.csv");
    for (const kib of [256, 4096, 65536]) {
      const result = simulate(graph, loadTarget("hardware/xattn-unit.yaml", { "sram.size_kib": kib }));
      for (const r of result.ops) {
        if (r.op.kind !== "matmul") continue;
        expect(r.dramBytes, `${r.op.name} with ${kib} KiB`).toBeGreaterThanOrEqual(
          r.op.m * r.op.k + r.op.k * r.op.n + r.op.m * r.op.n,
        );
      }
    }
  });
});
