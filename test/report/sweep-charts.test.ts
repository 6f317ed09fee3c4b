import { describe, expect, it } from "vitest";
import { loadModelSpec, loadTargetSpec } from "../../src/load/load.js";
import { joinLabels, mergeIdentical, sweepCharts } from "../../src/report/document/sweep-charts.js";
import { designFront } from "../../src/sweep/pareto.js";
import { prepareSweep, runSweep } from "../../src/sweep/run.js";
import { checkChartPng } from "./report-helpers.js";

describe("sweep charts", () => {
  it("merges lines with the same points into one, naming them all", () => {
    const a = {
      label: "300 MHz, 64 KiB SRAM",
      points: [
        { x: 1, y: 2 },
        { x: 4, y: 1 },
      ],
    };
    const b = {
      label: "300 MHz, 256 KiB SRAM",
      points: [
        { x: 1, y: 2 },
        { x: 4, y: 1 + 1e-12 },
      ],
    };
    const c = {
      label: "600 MHz, 64 KiB SRAM",
      points: [
        { x: 1, y: 1 },
        { x: 4, y: 0.5 },
      ],
    };
    const { series, merged } = mergeIdentical([a, b, c]);
    expect(merged).toBe(1);
    expect(series.map((s) => s.label)).toEqual(["300 MHz, 64 / 256 KiB SRAM (identical)", c.label]);
    expect(joinLabels(["300 MHz", "600 MHz"])).toBe("300 / 600 MHz");
    expect(joinLabels(["a, b", "c"])).toBe("a, b; c");
  });

  it("renders latency and utilisation against array shape with clock and SRAM varied, and the Pareto front", async () => {
    const prepared = prepareSweep({
      modelSpec: loadModelSpec("models/smolvla.yaml"),
      targetSpec: loadTargetSpec("hardware/xattn-unit.yaml"),
      sets: { model: [], target: [] },
      vary: ["mac_array.rows=8,32", "sram.size_kib=64,1024", "clock_mhz=300,600"],
      tie: ["mac_array.cols=mac_array.rows"],
    });
    const result = await runSweep(prepared, {});
    const charts = await sweepCharts(result, designFront(result));
    expect(charts.map((c) => c.file)).toEqual([
      "latency-vs-array-size.png",
      "utilisation-vs-array-size.png",
      "pareto.png",
    ]);
    for (const chart of charts) await checkChartPng(chart.png, 1000, 600);
  });
});
