import { describe, expect, it } from "vitest";
import { systolicMatmulCost } from "../../src/cost/systolic.js";
import type { Graph } from "../../src/graph/types.js";
import { designArea } from "../../src/hardware/area.js";
import { parseTargetSpec, resolveTarget } from "../../src/hardware/target.js";
import { peakMacsPerCycle } from "../../src/hardware/types.js";
import { simulate } from "../../src/simulate/simulate.js";
import { makeMatmul } from "./helpers.js";

/** A TPU-v1-like array that runs int8 at full rate and fp16 at half (as TPU v1 runs 16-bit operands). */
function target(precision: string, precisions = "{ int8: 1, fp16: 0.5 }") {
  return resolveTarget(
    parseTargetSpec(
      [
        "name: mixed",
        "clock_mhz: 1000",
        `precision: ${precision}`,
        `mac_array: { rows: 16, cols: 16, dataflow: ws, precisions: ${precisions} }`,
        "sram: { size_kib: 1024, bandwidth_bytes_per_cycle: 1000000 }",
        "dram: { bandwidth_gbps: 1000, type: hbm2e }",
        "vector: { lanes: 16 }",
        "technology: { node_nm: 45 }",
      ].join("\n"),
      "mixed.yaml",
    ),
  );
}

const ideal = { idealMemory: true, weightsResident: false, bufferBytes: Number.MAX_SAFE_INTEGER };

describe("precision changes the arithmetic, not only bytes", () => {
  it("runs fp16 at half the int8 rate: twice the compute cycles, half the peak", () => {
    // 1024×64×1024 on 16×16 ws: 256 folds of 2·16 + 16 + 1024 − 2 = 1,070 cycles, − 1 = 273,919 at int8;
    // at half rate every step takes two cycles: ⌈273,919 / 0.5⌉ = 547,838.
    const op = makeMatmul(1024, 64, 1024);
    expect(systolicMatmulCost(op, target("int8"), ideal).computeCycles).toBe(273_919);
    expect(systolicMatmulCost(op, target("fp16"), ideal).computeCycles).toBe(547_838);
    expect(peakMacsPerCycle(target("int8"))).toBe(256);
    expect(peakMacsPerCycle(target("fp16"))).toBe(128);
  });

  it("charges the MAC energy of the precision that runs, and the area of a cell that supports them all", () => {
    // 45 nm: an int8 MAC is 0.2 + 0.1 = 0.3 pJ, an fp16 MAC with fp32 accumulate 1.1 + 0.9 = 2.0 pJ. The cell
    // that runs both is the fp16 one: 1640 + 4184 = 5,824 µm² (an int8-only cell is 419).
    const graph: Graph = {
      model: "one",
      components: [{ name: "c", phase: "static", steps: 1, instances: 1, layers: 1, embeddingParams: 0 }],
      ops: [makeMatmul(64, 64, 64)],
    };
    const macs = 64 ** 3;
    expect(simulate(graph, target("int8")).energyBreakdown.mac).toBeCloseTo((macs * 0.3) / 1e9, 12);
    expect(simulate(graph, target("fp16")).energyBreakdown.mac).toBeCloseTo((macs * 2.0) / 1e9, 12);
    expect(designArea(target("int8")).breakdown.mac).toBeCloseTo((256 * 5824) / 1e6, 12);
    expect(designArea(target("int8", "{ int8: 1 }")).breakdown.mac).toBeCloseTo((256 * 419) / 1e6, 12);
  });

  it("refuses a precision the array does not declare, listing those it does", () => {
    expect(() => target("bf16")).toThrow(
      /mixed\.yaml:3:\d+: precision: bf16 is not among the precisions mac_array\.precisions declares \(int8, fp16\)/,
    );
  });
});
