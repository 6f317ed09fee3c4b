import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { opEnergyPj, sumEnergy } from "../../src/cost/energy.js";
import { buildGraph } from "../../src/graph/build.js";
import type { Graph } from "../../src/graph/types.js";
import { designArea } from "../../src/hardware/area.js";
import { parseTargetSpec, resolveTarget } from "../../src/hardware/target.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { simulate } from "../../src/simulate/simulate.js";
import { makeMatmul } from "./helpers.js";

/** A 2×2 int8 array at 45 nm (every node factor 1), so the technology table's figures apply unscaled. */
const tiny = resolveTarget(
  parseTargetSpec(
    [
      "name: tiny",
      "clock_mhz: 1000",
      "precision: int8",
      "mac_array: { rows: 2, cols: 2, dataflow: ws }",
      "sram: { size_kib: 8, bandwidth_bytes_per_cycle: 1000 }",
      "dram: { bandwidth_gbps: 1, type: ddr4 }",
      "vector: { lanes: 1 }",
      "technology: { node_nm: 45 }",
    ].join("\n"),
    "tiny.yaml",
  ),
);
const oneOp: Graph = {
  model: "one op",
  components: [{ name: "c", phase: "static", steps: 1, instances: 1, layers: 1, embeddingParams: 0 }],
  ops: [makeMatmul(4, 2, 2)],
};

describe("energy and area of a 2×2 array running one 4×2×2 GEMM, by hand", () => {
  const result = simulate(oneOp, tiny);

  it("area: bottom-up blocks, the as-built steps of calibration.ts, then PHY: 3.144038 mm²", () => {
    // MAC cells: 4 × (282 + 137) µm² (Horowitz int8 multiply + int32 add, 45 nm) = 1,676 µm².
    // Registers: 4 PEs × (8 + 8 + 32) bits × 5.98 µm²/bit = 1,148.16 µm².
    // Datapath: (7.15 − 1) × (1,676 + 1,148.16) µm² = 17,368.584 µm².
    // SRAM: 8 KiB = 1/128 MiB × 3.44 mm²/MiB (45 nm CACTI) = 0.026875 mm²; periphery (2 − 1) × that.
    // Vector: 1 lane × (7700 + 4184) µm² (fp32 FMA) = 11,884 µm².
    // Control: the fixed 1.1 mm² block at 45 nm.
    // Cell area: 0.00282416 + 0.017368584 + 2 × 0.026875 + 0.011884 + 1.1 = 1.185826744 mm².
    // Placement: cell × (1 / 0.7 − 1) = 0.508211462 mm². PHY: ⌈1 GB/s ÷ 25.6 GB/s⌉ = 1 DDR4 interface × 1.45 mm².
    const b = result.areaBreakdown;
    expect(b.mac).toBeCloseTo(0.001676, 12);
    expect(b.array).toBeCloseTo(0.00114816, 12);
    expect(b.datapath).toBeCloseTo(0.017368584, 12);
    expect(b.sram).toBeCloseTo(0.026875, 12);
    expect(b.periphery).toBeCloseTo(0.026875, 12);
    expect(b.vector).toBeCloseTo(0.011884, 12);
    expect(b.control).toBeCloseTo(1.1, 12);
    expect(b.placement).toBeCloseTo(0.508211462, 9);
    expect(b.phy).toBe(1.45);
    expect(result.areaMm2).toBeCloseTo(1.185826744 / 0.7 + 1.45, 9);
    expect(result.areaMm2).toBeCloseTo(3.144038206, 9);
  });

  it("energy: 4.8 + 6.912 + 30 + 650 pJ dynamic, plus 74.71 pJ of clock and 190.0 pJ of leakage over 7 ns", () => {
    // Cycles: ws maps K = 2 on rows, N = 2 on columns, streams M = 4: one fold of 2·2 + 2 + 4 − 2 = 8, minus 1 = 7.
    expect(result.cycles).toBe(7);
    // MAC: 16 MACs × 0.30 pJ. Array: 16 × 48 bits × 0.009 pJ/bit = 6.912 pJ.
    // SRAM: ifmap ⌈2/2⌉·4·2 = 8, filter 2·2 = 4, ofmap ⌈2/2⌉·4·2 = 8, and the 4 B of weights filled from DRAM
    //   → 24 B × 1.25 pJ/B (an 8 KiB bank) = 30 pJ. K = 2 fits the 2 rows in one fold: no partial sums.
    // DRAM: everything fits on chip; the 4 B of weights are read once × 1300/8 = 162.5 pJ/B = 650 pJ.
    // Clock: 9 pJ per mm² of cell area per cycle × 1.185826744 mm² × 7 cycles = 74.707 pJ.
    // Static: 0.0036 pJ per cycle at 1 GHz on 417 µm² = 8.6331 mW/mm² × 3.144038 mm² × 7 ns = 189.998 pJ.
    const pj = (mj: number) => mj * 1e9;
    const e = result.energyBreakdown;
    expect(pj(e.mac)).toBeCloseTo(4.8, 9);
    expect(pj(e.array)).toBeCloseTo(6.912, 9);
    expect(pj(e.sram)).toBeCloseTo(30, 9);
    expect(pj(e.dram)).toBeCloseTo(650, 9);
    expect(pj(e.vector)).toBe(0);
    const clockPj = 9 * 1.185826744 * 7;
    expect(pj(e.clock)).toBeCloseTo(clockPj, 6);
    expect(clockPj).toBeCloseTo(74.707, 3);
    const staticPj = (3.6e-3 / 417e-6) * 1e-3 * 3.144038206 * 7e-9 * 1e12;
    expect(pj(e.static)).toBeCloseTo(staticPj, 6);
    expect(staticPj).toBeCloseTo(190.0, 1);
    expect(pj(result.energyMj)).toBeCloseTo(4.8 + 6.912 + 30 + 650 + clockPj + staticPj, 6);
    // Power back to back: energy over 7 ns; TOPS/W: 32 operations per that energy.
    expect(result.averagePowerW).toBeCloseTo(result.energyMj / 1e3 / 7e-9, 9);
    expect(result.topsPerWatt).toBeCloseTo(32 / (result.energyMj / 1e3) / 1e12, 9);
    expect(result.ops[0]!.energyPj).toBeCloseTo(4.8 + 6.912 + 30 + 650, 9);
  });
});

describe("energy and area properties", () => {
  it("dynamic energy grows with MACs and with DRAM bytes", () => {
    const target = loadTarget("hardware/xattn-unit.yaml");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 10 }),
        fc.nat(1e9),
        fc.nat(1e9),
        (m, count, dram, more) => {
          const base = simulate({ ...oneOp, ops: [makeMatmul(m, 64, 64, { count })] }, target).ops[0]!;
          const moreMacs = simulate({ ...oneOp, ops: [makeMatmul(m + 1, 64, 64, { count })] }, target).ops[0]!;
          expect(moreMacs.energyPj).toBeGreaterThan(base.energyPj);
          const op = makeMatmul(m, 64, 64, { count });
          const lessDram = sumEnergy(opEnergyPj(op, { ...base, dramBytes: dram }, target));
          expect(sumEnergy(opEnergyPj(op, { ...base, dramBytes: dram + more + 1 }, target))).toBeGreaterThan(lessDram);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("energy per inference grows with the workload: SmolVLA with 1, 2, 3 cameras", () => {
    const target = loadTarget("hardware/tpu-v1.yaml");
    const energies = [1, 2, 3].map(
      (cameras) => simulate(buildGraph(loadModel("models/smolvla.yaml", { cameras })), target).energyMj,
    );
    expect(energies[1]!).toBeGreaterThan(energies[0]!);
    expect(energies[2]!).toBeGreaterThan(energies[1]!);
  });

  it("area grows with every array dimension and with SRAM", () => {
    const base = loadTarget("hardware/xattn-unit.yaml");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 1 << 20 }),
        (rows, cols, count, kib) => {
          const at = (r: number, c: number, n: number, k: number) =>
            designArea(
              loadTarget("hardware/xattn-unit.yaml", {
                "mac_array.rows": r,
                "mac_array.cols": c,
                "mac_array.count": n,
                "sram.size_kib": k,
              }),
            ).areaMm2;
          const area = at(rows, cols, count, kib);
          expect(at(rows + 1, cols, count, kib)).toBeGreaterThan(area);
          expect(at(rows, cols + 1, count, kib)).toBeGreaterThan(area);
          expect(at(rows, cols, count + 1, kib)).toBeGreaterThan(area);
          expect(at(rows, cols, count, kib + 1)).toBeGreaterThan(area);
        },
      ),
      { numRuns: 30 },
    );
    expect(designArea(base).areaMm2).toBeGreaterThan(0);
  });
});
