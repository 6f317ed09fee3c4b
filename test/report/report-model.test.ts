import { describe, expect, it } from "vitest";
import { summarizeMacs } from "../../src/graph/summary.js";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel } from "../../src/load/load.js";
import { percentShares } from "../../src/report/document/report-charts.js";
import { kindTotals, kindUtilisation, opKind, OP_KINDS } from "../../src/report/document/op-kinds.js";
import type { Op } from "../../src/graph/types.js";
import {
  buildReport,
  dramBytesPerSecond,
  peakMacsPerSecond,
  regenerateCommand,
  reportRecord,
  rooflineOps,
  shellQuote,
  slugify,
  type ReportInputs,
} from "../../src/report/document/report-model.js";
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
      "npx accel-sizer report -m models/smolvla.yaml -t hardware/xattn-unit.yaml -t hardware/tpu-v1.yaml --set cameras=2 -o 'reports/two cameras'",
    );
    expect(regenerateCommand({ ...inputs, allTargets: true, sets: [] })).toBe(
      "npx accel-sizer report -m models/smolvla.yaml --all-targets -o 'reports/two cameras'",
    );
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
    // Fastest first (tpu-v1: 53 ms against 3,502 ms), the twins in the order given.
    expect(report.targets.map((t) => t.slug)).toEqual(["tpu-v1", "xattn-unit", "xattn-unit-2"]);
    expect(report.targets.map((t) => t.file)).toEqual(["c.yaml", "a.yaml", "b.yaml"]);
    expect(report.command).toBe(regenerateCommand(inputs));
  });

  it("op kinds add up to the latency, MACs and cycles, and each kind's utilisation is within 0–1", () => {
    for (const result of results) {
      const kinds = kindTotals(result);
      expect(kinds.map((k) => k.kind).sort()).toEqual([...OP_KINDS].filter((k) => k !== "other matmuls").sort());
      expect(kinds.map((k) => k.ms)).toEqual([...kinds.map((k) => k.ms)].sort((a, b) => b - a));
      expect(kinds.reduce((s, k) => s + k.ms, 0)).toBeCloseTo(result.latencyMs, 9);
      expect(kinds.reduce((s, k) => s + k.macs, 0)).toBe(result.macs);
      expect(kinds.reduce((s, k) => s + k.cycles, 0)).toBe(result.cycles);
      const vector = kinds.find((k) => k.kind.startsWith("vector"))!;
      expect(vector.macs).toBe(0);
      for (const c of result.components) {
        expect(kinds.reduce((s, k) => s + k.msByComponent[result.components.indexOf(c)]!, 0)).toBeCloseTo(
          c.latencyMs,
          9,
        );
      }
      const util = kindUtilisation(result);
      // SmolVLA: projections, attention and MLP in each of its three components.
      expect(util).toHaveLength(9);
      for (const u of util) {
        expect(u.utilization).toBeGreaterThan(0);
        expect(u.utilization).toBeLessThanOrEqual(1);
      }
    }
  });

  it.each([
    ["q_proj", "attn", "q/k/v/o projections"],
    ["xattn_k_proj", "xattn", "q/k/v/o projections"],
    ["attn_scores", "attn", "attention (scores, values)"],
    ["xattn_values", "xattn", "attention (scores, values)"],
    ["mlp_up", "mlp", "MLP"],
    ["patch_embed", "embed", "other matmuls"],
    ["lm_head", "head", "other matmuls"],
  ])("%s is one of the %s block's %s", (name, block, kind) => {
    expect(opKind({ kind: "matmul", name, block } as Op)).toBe(kind);
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
    const report = buildReport(
      inputs,
      macs,
      TARGETS.map((file, i) => ({ file, result: results[i]! })),
    );
    const record = reportRecord(report);
    expect(record.tool).toEqual({ name: "accel-sizer", version: "0.1.0" });
    expect(record.inputs).toEqual({
      model: inputs.modelFile,
      targets: inputs.targetFiles,
      allTargets: false,
      sets: ["cameras=2"],
    });
    expect(record.macs.totalMacs).toBe(181_919_993_856);
    // One order for the page: fastest first.
    const fastestFirst = results
      .map((r, i) => [TARGETS[i], r.target.name, r.latencyMs, r.ops.length] as const)
      .sort((a, b) => a[2] - b[2]);
    expect(record.targets.map((t) => [t.file, t.target, t.latencyMs, t.ops.length])).toEqual(fastestFirst);
  });
});
