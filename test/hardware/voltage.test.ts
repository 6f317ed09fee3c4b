import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { operatingPoint } from "../../src/hardware/voltage.js";
import { simulate } from "../../src/simulate/simulate.js";

describe("the clock's supply voltage (alpha-power law, V_t 0.3 V, α 1.3)", () => {
  it("runs at nominal voltage up to the node's nominal clock: 16 nm, 0.8 V, 1 GHz (NVDLA)", () => {
    for (const mhz of [100, 300, 1000]) {
      const p = operatingPoint(16, mhz * 1e6);
      expect(p.voltageV).toBe(0.8);
      expect(p.energyFactor).toBe(1);
    }
  });

  it("reproduces the sheet's table: 1.13 × the nominal clock needs 0.9 V and 1.27 × the energy per op", () => {
    // (0.9 − 0.3)^1.3 / 0.9 ÷ ((0.8 − 0.3)^1.3 / 0.8) = 0.57186 / 0.50766 = 1.1265.
    const p = operatingPoint(16, 1.1265e9);
    expect(p.voltageV).toBeCloseTo(0.9, 3);
    expect(p.energyFactor).toBeCloseTo((0.9 / 0.8) ** 2, 3); // 1.2656
  });

  it("tops out at nominal + 0.2 V: 16 nm reaches 1238.9 MHz at 1.0 V, 1.5625 × the energy", () => {
    // 0.7^1.3 / 1.0 = 0.62896; 0.5^1.3 / 0.8 = 0.50766; ratio 1.23893.
    const p = operatingPoint(16, 1.2e9);
    expect(p.maxHz / 1e6).toBeCloseTo(1238.93, 1);
    expect(operatingPoint(16, p.maxHz).energyFactor).toBeCloseTo(1.5625, 6);
  });

  it("takes a stated supply as given: 0.6 V at 16 nm is 0.5625 × the energy and at most 0.69 × the nominal clock", () => {
    const p = operatingPoint(16, 500e6, 0.6);
    expect(p.energyFactor).toBeCloseTo(0.5625, 12);
    // 0.3^1.3 / 0.6 = 0.20904 / 0.6 = 0.34840; ÷ 0.50766 = 0.68630 (the sheet's 0.69).
    expect(p.maxHz / 1e9).toBeCloseTo(0.6863, 4);
  });

  it("energy per op never falls as the clock rises, and rises above the nominal clock", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5, max: 65, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (nm, a, b) => {
          const top = operatingPoint(nm, 1).maxHz;
          const [lo, hi] = [Math.min(a, b) * top, Math.max(a, b) * top];
          const [p, q] = [operatingPoint(nm, lo), operatingPoint(nm, hi)];
          expect(q.energyFactor).toBeGreaterThanOrEqual(p.energyFactor);
          if (lo > p.nominalHz * 1.001)
            expect(q.energyFactor).toBeGreaterThan(p.energyFactor * (hi > lo * 1.001 ? 1 : 0.999));
        },
      ),
    );
  });
});

describe("targets pay for their clock", () => {
  const graph = buildGraph(loadModel("models/smolvla.yaml"));

  it("refuses a clock above the node's maximum, naming the limit", () => {
    expect(() => loadTarget("hardware/xattn-unit.yaml", { clock_mhz: 1300 })).toThrow(InputError);
    expect(() => loadTarget("hardware/xattn-unit.yaml", { clock_mhz: 1300 })).toThrow(
      /expected at most 1238 MHz: a 16 nm design reaches that at its highest supply, 1\.000 V/,
    );
    expect(() => loadTarget("hardware/xattn-unit.yaml", { clock_mhz: 700, "technology.voltage_v": 0.6 })).toThrow(
      /expected at most 686 MHz: a 16 nm design reaches that at the stated 0\.6 V/,
    );
    expect(
      loadTarget("hardware/xattn-unit.yaml", { clock_mhz: 600, "technology.voltage_v": 0.6 }).technology.voltageV,
    ).toBe(0.6);
  });

  it("dynamic energy per inference is flat up to the nominal clock and grows as V² above it", () => {
    const dynamic = (mhz: number) => {
      const r = simulate(graph, loadTarget("hardware/xattn-unit.yaml", { clock_mhz: mhz }));
      const e = r.energyBreakdown;
      return { onChip: e.mac + e.array + e.sram + e.vector, dram: e.dram };
    };
    const [slow, nominal, fast] = [dynamic(300), dynamic(1000), dynamic(1200)];
    expect(nominal.onChip).toBeCloseTo(slow.onChip, 9);
    const v = operatingPoint(16, 1.2e9).voltageV;
    expect(fast.onChip).toBeCloseTo(nominal.onChip * (v / 0.8) ** 2, 9);
    // DRAM energy is off chip: the array's supply does not move it.
    expect(fast.dram).toBeCloseTo(nominal.dram, 9);
  });
});
