import { describe, expect, it } from "vitest";
import type { Graph } from "../../src/graph/types.js";
import { designArea } from "../../src/hardware/area.js";
import type { Target } from "../../src/hardware/types.js";
import { loadTarget } from "../../src/load/load.js";
import { powerAtRateW } from "../../src/simulate/energy-totals.js";
import { simulate } from "../../src/simulate/simulate.js";
import { makeMatmul } from "../cost/helpers.js";

/**
 * The calibration chips of docs/energy-area.md "Calibration", each as a target file: area and power at the
 * published load within 1.5× of the published figure. Published figures (chips-as-built sheet):
 * NVDLA Primer (cell area; 16 nm power on ResNet-50), Exynos 2100 NPU (ISSCC 2021, ISCA 2021), Groq TSP
 * (ISCA 2020); TPU v1 (Jouppi et al., ISCA 2017) and the Edge TPU (coral.ai) are held out of the fit.
 */
const chip = (name: string, overrides?: Record<string, number>) =>
  loadTarget(`test/fixtures/calibration/${name}.yaml`, overrides);
const shipped = (name: string) => loadTarget(`hardware/${name}.yaml`);

/** ResNet-50's conv3_x 3×3 layer as a GEMM (28·28 outputs, 3·3·128 inputs, 128 filters): the representative load. */
const conv: Graph = {
  model: "resnet-50 conv3_x",
  components: [{ name: "c", phase: "static", steps: 1, instances: 1, layers: 1, embeddingParams: 0 }],
  ops: [makeMatmul(28 * 28, 3 * 3 * 128, 128)],
};

/**
 * Chip power (no DRAM devices, no PHYs: the published NPU figures are core power) while the array performs
 * `macsPerSecond` of the representative load: its dynamic energy per MAC at that rate, plus idle power.
 */
function corePowerW(target: Target, macsPerSecond: number): number {
  const r = simulate(conv, target);
  const e = r.energyBreakdown;
  const dynamicEnergyMj = e.mac + e.array + e.sram + e.vector;
  const phyLeakageW = target.energy.staticWPerMm2 * designArea(target).breakdown.phy;
  return powerAtRateW({ dynamicEnergyMj, staticPowerW: r.staticPowerW - phyLeakageW }, macsPerSecond / r.macs);
}

const ratio = (model: number, published: number) => model / published;
const within = (model: number, published: number, factor = 1.5) => {
  expect(ratio(model, published)).toBeGreaterThanOrEqual(1 / factor);
  expect(ratio(model, published)).toBeLessThanOrEqual(factor);
};

describe("area against chips as built (within 1.5×)", () => {
  // NVDLA's figures are synthesis cell area: compared before the placement step and without PHYs.
  it.each([
    ["nvdla-2048-16nm", 3.3],
    ["nvdla-2048-28nm", 5.5],
    ["nvdla-64-16nm", 0.55],
    ["nvdla-64-28nm", 0.91],
  ])("%s: cell area vs the Primer's %s mm²", (name, published) => {
    within(designArea(chip(name)).cellAreaMm2, published);
  });

  it("Exynos 2100 NPU: core layout area (no PHY) vs 5.46 mm²", () => {
    const a = designArea(chip("exynos-2100-npu"));
    within(a.areaMm2 - a.breakdown.phy, 5.46);
  });

  it("Groq TSP: die area vs 725 mm²", () => within(designArea(chip("groq-tsp")).areaMm2, 725));

  it("held out: TPU v1 die vs < 331 mm² (Jouppi et al. 2017, Table 2)", () =>
    within(designArea(shipped("tpu-v1")).areaMm2, 331));

  it("the bottom-up sum alone is 4–8× small: the overheads are what closes the gap", () => {
    const bare = designArea(
      chip("nvdla-2048-16nm", {
        "area.pe_logic_factor": 1,
        "area.sram_periphery_factor": 1,
        "area.control_mm2": 0,
        "area.utilisation": 1,
      }),
    );
    expect(3.3 / (bare.areaMm2 - bare.breakdown.phy)).toBeGreaterThan(4);
  });
});

describe("power at the published load against chips as built (within 1.5×)", () => {
  // ResNet-50 is 4.1 GMAC per frame (chips-as-built §1): 269 fps on 2048 MACs, 7.3 fps on 64, at 16 nm.
  it("NVDLA 2048, 16 nm: 291 mW at 269 ResNet-50 frames/s", () =>
    within(corePowerW(chip("nvdla-2048-16nm"), 269 * 4.1e9), 0.291));
  it("NVDLA 64, 16 nm: 21 mW at 7.3 frames/s", () => within(corePowerW(chip("nvdla-64-16nm"), 7.3 * 4.1e9), 0.021));

  it("Exynos 2100, one core: 13.6 TOPS/W on Inception-v3 at 290.7 frames/s", () => {
    // Inception-v3 is about 5 billion multiply-adds (Szegedy et al., CVPR 2016): 290.7 × 5e9 MAC/s, 2 ops each.
    const core = chip("exynos-2100-npu", { "mac_array.count": 1, "sram.size_kib": 1024 });
    const macsPerSecond = 290.7 * 5e9;
    within((2 * macsPerSecond) / corePowerW(core, macsPerSecond) / 1e12, 13.6);
  });

  it("held out: the Edge TPU class target draws 2 W at its 4 TOPS peak (coral.ai)", () => {
    const edge = shipped("edge-npu");
    within(corePowerW(edge, 64 * 64 * edge.clockHz), 2);
  });

  it("held out: TPU v1 at its full MAC rate and DRAM bandwidth lies between 40 W busy ÷ 1.5 and its 75 W TDP", () => {
    // Jouppi et al. state no MAC rate for the busy figure, so only the bracket is checked.
    const tpu = shipped("tpu-v1");
    const fullDramW = tpu.dramBytesPerSecond * tpu.energy.dramPjPerByte * 1e-12;
    const w = corePowerW(tpu, 65_536 * tpu.clockHz) + fullDramW;
    expect(w).toBeGreaterThan(40 / 1.5);
    expect(w).toBeLessThan(75);
  });

  it("cannot express: Groq's ≈300 W is a board rating at no stated load; at full rate the core model stays below it", () => {
    const groq = chip("groq-tsp");
    expect(corePowerW(groq, 409_600 * groq.clockHz)).toBeLessThan(300);
  });
});
