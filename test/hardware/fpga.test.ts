import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { buildGraph } from "../../src/graph/build.js";
import { designArea } from "../../src/hardware/area.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { simulate } from "../../src/simulate/simulate.js";

const u280 = () => loadTarget("hardware/alveo-u280.yaml");

describe("FPGA targets (kind: fpga)", () => {
  it("build the array from DSP slices: 70 × 16×16 int8 MACs at 2 per DSP48E2 take 8,960 of the U280's 9,024", () => {
    const t = u280();
    expect(t.fpga).toEqual({
      device: "xcu280",
      dspSlices: 9024,
      dspsUsed: (70 * 256) / 2,
      onChipBytes: (9072 + 34560) * 1024,
      maxClockHz: 300e6,
    });
  });

  it("refuse a build that does not fit the device, naming the limit", () => {
    // 71 arrays: 18,176 MACs per cycle need 9,088 DSPs.
    expect(() => loadTarget("hardware/alveo-u280.yaml", { "mac_array.count": 71 })).toThrow(
      /18,176 MACs per cycle need 9,088 DSP slices at 2 int8 MACs each; expected at most the device's 9,024/,
    );
    expect(() => loadTarget("hardware/alveo-u280.yaml", { "sram.size_kib": 43633 })).toThrow(
      /expected at most the device's 43,632 KiB of block and ultra RAM/,
    );
    expect(() => loadTarget("hardware/alveo-u280.yaml", { clock_mhz: 301 })).toThrow(InputError);
    expect(() => loadTarget("hardware/alveo-u280.yaml", { precision: "fp16" })).toThrow(/gives no rate for fp16/);
  });

  it("add no silicon area of their own, draw the board's static power the whole time, and cap peak at the board limit", () => {
    const t = u280();
    expect(designArea(t).areaMm2).toBe(0);
    const r = simulate(buildGraph(loadModel("models/smolvla.yaml")), t);
    expect(r.staticPowerW).toBe(28);
    expect(r.energyBreakdown.clock).toBe(0);
    // Idle power over the latency: 28 W × 51.27 ms.
    expect(r.energyBreakdown.static).toBeCloseTo(28 * r.latencyMs, 9);
    expect(r.peakPowerW).toBeLessThanOrEqual(225);
  });

  it("spend 7.1× the dynamic energy of the same array as a 16 nm ASIC (Kuon & Rose 2007), DRAM unchanged", () => {
    const graph = buildGraph(loadModel("models/smolvla.yaml"));
    const fpga = simulate(graph, loadTarget("hardware/xattn-u280.yaml")).energyBreakdown;
    // The same array as an ASIC: xattn-unit at 300 MHz is below 16 nm's nominal clock, so at nominal supply.
    const asic = simulate(
      graph,
      loadTarget("hardware/xattn-unit.yaml", { "dram.bandwidth_gbps": 28.75, "dram.type": "hbm2" }),
    ).energyBreakdown;
    for (const part of ["mac", "array", "sram", "vector"] as const) expect(fpga[part]).toBeCloseTo(7.1 * asic[part], 6);
    expect(fpga.dram).toBeCloseTo(asic.dram, 9);
  });
});
