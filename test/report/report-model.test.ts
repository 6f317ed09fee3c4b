import { describe, expect, it } from "vitest";
import { summarizeMacs } from "../../src/graph/summary.js";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel } from "../../src/load/load.js";
import { percentShares } from "../../src/report/report-charts.js";
import {
  buildReport, dramBytesPerSecond, layerUtilisation, peakMacsPerSecond, regenerateCommand, reportRecord, rooflineOps, shellQuote, slugify,
  type ReportInputs,
} from "../../src/report/report-model.js";
import { expectedResults, MODEL, TARGETS } from "./report-helpers.js";

const inputs: ReportInputs = {
  modelFile: "models/smolvla.yaml",
  targetFiles: ["hardware/xattn-unit.yaml", "hardware/tpu-v1.yaml"],
  allTargets: false,
  sets: ["cameras=2"],
  output: "reports/two cameras",
  toolVersion: "0.1.0",
  generatedAt: "2025-01-31T14:05:00.000Z",
};

describe("report model", () => {
  const results = expectedResults();
  const macs = summarizeMacs(buildGraph(loadModel(MODEL)));

  it("quotes only arguments that need it and rebuilds the command line", () => {
    expect(shellQuote("hardware/tpu-v1.yaml")).toBe("hardware/tpu-v1.yaml");
    expect(shellQuote("cameras=2")).toBe("cameras=2");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(regenerateCommand(inputs)).toBe(
      "accel-sizer report -m models/smolvla.yaml -t hardware/xattn-unit.yaml -t hardware/tpu-v1.yaml --set cameras=2 -o 'reports/two cameras'",
    );
    expect(regenerateCommand({ ...inputs, allTargets: true, sets: [] })).toBe("accel-sizer report -m models/smolvla.yaml --all-targets -o 'reports/two cameras'");
  });

  it("gives every target a unique, file-name-safe slug", () => {
    expect(slugify("Jetson Orin (INT8)")).toBe("jetson-orin-int8");
    // A 300-character target name would make a chart file name over the 255-byte limit: cut, with a hash.
    const long = slugify("x".repeat(300));
    expect(long).toMatch(/^x{39}-[0-9a-f]{8}$/);
    expect(slugify("x".repeat(301))).not.toBe(long);
    const report = buildReport(inputs, macs, [
      { file: "a.yaml", result: results[0]! },
      { file: "b.yaml", result: results[0]! },
      { file: "c.yaml", result: results[1]! },
    ]);
    expect(report.targets.map((t) => t.slug)).toEqual(["xattn-unit", "xattn-unit-2", "tpu-v1"]);
    expect(report.command).toBe(regenerateCommand(inputs));
  });

  it("per-layer utilisation adds up to each component's MACs and cycles", () => {
    for (const result of results) {
      const layers = layerUtilisation(result);
      expect(layers).toHaveLength(12 + 16 + 16);
      for (const component of result.components) {
        const mine = layers.filter((l) => l.component === component.name);
        expect(mine.reduce((s, l) => s + l.macs, 0)).toBe(component.macs);
        expect(mine.reduce((s, l) => s + l.cycles, 0)).toBe(component.cycles);
      }
      for (const l of layers) expect(l.utilization).toBeGreaterThan(0), expect(l.utilization).toBeLessThanOrEqual(1);
      // A chart has room for so many bars: more layers are grouped in runs of one component, totals kept.
      const bars = layerUtilisation(result, 10);
      expect(bars.map((b) => `${b.component} ${b.layer}-${b.lastLayer}`).slice(0, 4)).toEqual(["vision_encoder 0-4", "vision_encoder 5-9", "vision_encoder 10-11", "vlm_backbone 0-4"]);
      expect(bars.reduce((s, b) => s + b.cycles, 0)).toBe(result.cycles);
    }
  });

  it("roofline points never sit above their target's roof", () => {
    for (const result of results) {
      const { points, matmuls, onChip } = rooflineOps(result);
      expect(points.length).toBeGreaterThan(3);
      expect(matmuls).toBe(result.ops.filter((r) => r.op.kind === "matmul").length);
      expect(onChip).toBeLessThan(matmuls);
      const peak = peakMacsPerSecond(result);
      expect(peak).toBe(result.target.peakMacsPerCycle * result.target.clockMhz * 1e6);
      for (const p of points) {
        expect(p.intensity).toBeGreaterThan(0);
        expect(p.attained).toBeLessThanOrEqual(Math.min(peak, dramBytesPerSecond(result) * p.intensity) * (1 + 1e-9));
      }
    }
  });

  it("latency shares add up to exactly 100", () => {
    expect(percentShares([1, 1, 1]).reduce((s, v) => s + v, 0)).toBe(100);
    expect(percentShares([0.1, 0.2, 0.3, 1e-7]).reduce((s, v) => s + v, 0)).toBe(100);
    expect(percentShares([0, 0])).toEqual([0, 0]);
    for (const result of results) {
      const shares = percentShares(result.components.map((c) => c.latencyMs));
      expect(shares.reduce((s, v) => s + v, 0)).toBe(100);
    }
  });

  it("result.json carries the inputs, the MACs summary and every simulation unrounded", () => {
    const report = buildReport(inputs, macs, TARGETS.map((file, i) => ({ file, result: results[i]! })));
    const record = reportRecord(report);
    expect(record.tool).toEqual({ name: "accel-sizer", version: "0.1.0" });
    expect(record.inputs).toEqual({ model: inputs.modelFile, targets: inputs.targetFiles, allTargets: false, sets: ["cameras=2"] });
    expect(record.macs.totalMacs).toBe(181_919_993_856);
    expect(record.targets.map((t) => [t.file, t.target, t.latencyMs, t.ops.length])).toEqual(
      results.map((r, i) => [TARGETS[i], r.target.name, r.latencyMs, r.ops.length]),
    );
  });
});
