import { describe, expect, it } from "vitest";
import { loadModelSpec, loadTargetSpec } from "../../src/load/load.js";
import { buildGraph } from "../../src/graph/build.js";
import { resolveTarget } from "../../src/hardware/target.js";
import { resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";
import type { SimulateOptions } from "../../src/simulate/types.js";
import { FIELD, readMetrics, RECORD } from "../../src/sweep/evaluate.js";
import { designFront } from "../../src/sweep/pareto.js";
import { fastestPoint, pointValues, prepareSweep, runSweep, type SweepInputs } from "../../src/sweep/run.js";

const modelSpec = loadModelSpec("models/smolvla.yaml");
const targetSpec = loadTargetSpec("hardware/xattn-unit.yaml");

function inputs(
  vary: string[],
  tie: string[] = [],
  options?: SimulateOptions,
  set: SweepInputs["sets"] = { model: [], target: [] },
): SweepInputs {
  return { modelSpec, targetSpec, sets: set, vary, tie, ...(options && { options }) };
}

/** A small space that moves every part of the model: array shape, dataflow, residency, clock, the workload. */
const VARY = [
  "mac_array.rows=8,32,128",
  "mac_array.dataflow=os,ws,is",
  "sram.size_kib=64,1024,16384",
  "clock_mhz=300,700",
  "cameras=1,2",
];

describe("sweep rows equal simulate() run point by point", () => {
  it.each<[string, SimulateOptions | undefined]>([
    ["systolic", undefined],
    ["systolic, ideal memory", { costModel: "systolic", idealMemory: true }],
    ["roofline", { costModel: "roofline", idealMemory: false }],
  ])("%s", async (_, options) => {
    const result = await runSweep(prepareSweep(inputs(VARY, ["mac_array.cols=mac_array.rows / 2"], options)), {});
    expect(result.space.count).toBe(3 * 3 * 3 * 2 * 2);
    expect(result.job.plans).toHaveLength(2); // one graph per camera count, not one per point
    const columns = result.space.columns;
    for (let i = 0; i < result.space.count; i++) {
      const values = pointValues(result, i);
      const overrides = columns.map((c, k) => ({ key: c.path, value: values[k]! }));
      const graph = buildGraph(
        resolveModel(
          modelSpec,
          overrides.filter((o) => o.key === "cameras"),
        ),
      );
      const target = resolveTarget(
        targetSpec,
        overrides.filter((o) => o.key !== "cameras"),
      );
      const expected = simulate(graph, target, options);
      const actual = readMetrics(result.metrics, i);
      // toEqual uses Object.is on numbers: bit-identical, not merely close.
      expect(actual).toEqual({
        latencyMs: expected.latencyMs,
        cycles: expected.cycles,
        macs: expected.macs,
        macUtilization: expected.utilization,
        inferencesPerSecond: expected.inferencesPerSecond,
        boundMix: expected.boundMix,
        peakMacsPerCycle: expected.target.peakMacsPerCycle,
        clockMhz: expected.target.clockMhz,
        sramKiB: expected.target.sramKiB,
        energyMj: expected.energyMj,
        areaMm2: expected.areaMm2,
        averagePowerW: expected.averagePowerW,
        peakPowerW: expected.peakPowerW,
        staticPowerW: expected.staticPowerW,
        periodMs: expected.latencyMs,
        unitBusyMs: expected.latencyMs,
        unitAreaMm2: expected.areaMm2,
        unitMacUtilization: expected.utilization,
        fitsMemory: true,
      });
    }
  });

  it("applies --set under the varied values", async () => {
    const set = { model: [{ key: "action_expert.steps", value: 5 }], target: [{ key: "precision", value: "fp16" }] };
    const result = await runSweep(prepareSweep(inputs(["mac_array.rows=16,64"], [], undefined, set)), {});
    const expected = simulate(
      buildGraph(resolveModel(modelSpec, set.model)),
      resolveTarget(targetSpec, [...set.target, { key: "mac_array.rows", value: 64 }]),
    );
    expect(result.metrics[RECORD + FIELD.latencyMs]).toBe(expected.latencyMs);
  });

  it("names as fastest, of equal latencies, the design of least energy", async () => {
    // xattn-unit is compute-bound: int4 weights leave the latency as it is and move half the weight bytes.
    const result = await runSweep(prepareSweep(inputs(["weight_precision=int8,int4"])));
    expect(result.metrics[FIELD.latencyMs]).toBe(result.metrics[RECORD + FIELD.latencyMs]);
    expect(result.metrics[RECORD + FIELD.energyMj]).toBeLessThan(result.metrics[FIELD.energyMj]!);
    expect(fastestPoint(result)).toBe(1);
  });

  it("takes a switch as text, in --set and in --vary, as simulate does (gpu.graphs=true)", async () => {
    const orin = loadTargetSpec("hardware/jetson-orin.yaml");
    const graphs = { key: "gpu.graphs", value: "true" };
    const graph = buildGraph(resolveModel(modelSpec, []));
    const expected = (sets: { key: string; value: string }[]) => simulate(graph, resolveTarget(orin, sets)).latencyMs;
    const set = await runSweep(
      prepareSweep({
        modelSpec,
        targetSpec: orin,
        sets: { model: [], target: [graphs] },
        vary: ["weight_precision=int8"],
        tie: [],
      }),
    );
    expect(set.metrics[FIELD.latencyMs]).toBe(expected([graphs]));
    const varied = await runSweep(
      prepareSweep({
        modelSpec,
        targetSpec: orin,
        sets: { model: [], target: [] },
        vary: ["gpu.graphs=false,true"],
        tie: [],
      }),
    );
    expect(varied.metrics[FIELD.latencyMs]).toBe(expected([]));
    expect(varied.metrics[RECORD + FIELD.latencyMs]).toBe(expected([graphs]));
    // CUDA graphs replay each kernel for 1 µs instead of launching it for 56: the two must differ.
    expect(varied.metrics[RECORD + FIELD.latencyMs]).toBeLessThan(varied.metrics[FIELD.latencyMs]!);
  });
});

describe("the Pareto front over latency, area and energy", () => {
  it("has one design when only SRAM varies and latency does not change: more SRAM only costs area", async () => {
    // xattn-unit is compute-bound on SmolVLA from 8 MiB up: latency stays 3,501.877 ms. Area grows with SRAM,
    // energy per SRAM byte stops growing at a 128 KiB bank, and leakage grows with area (it outweighs the DRAM
    // bytes 16 MiB saves), so every larger SRAM is dominated by the smallest.
    const result = await runSweep(prepareSweep(inputs(["sram.size_kib=8192,16384,32768,65536"])));
    const latencies = new Set(Array.from({ length: 4 }, (_, i) => readMetrics(result.metrics, i).latencyMs));
    expect(latencies.size).toBe(1);
    expect(designFront(result)).toEqual([0]);
  });
});

describe("progress", () => {
  it("reports every point once, in order, ending at the total", async () => {
    const prepared = prepareSweep(
      inputs(
        ["mac_array.rows=4:64:4", "clock_mhz=100:1000:100", "mac_array.dataflow=os,ws,is", "cameras=1,2"],
        ["mac_array.cols=mac_array.rows"],
      ),
    );
    const progress: number[] = [];
    await runSweep(prepared, { onProgress: (done) => progress.push(done) });
    // 16 rows × 10 clocks × 3 dataflows × 2 camera counts = 960 points: one chunk.
    expect(prepared.space.count).toBe(960);
    expect(progress).toEqual([960]);
  });
});

describe("checks before any evaluation", () => {
  it.each([
    [["mac_array.rows=0,8"], [], "--vary mac_array.rows=0,8 (value 0): mac_array.rows: expected a positive integer"],
    [
      ["mac_array.dataflow=os,xs"],
      [],
      '--vary mac_array.dataflow=os,xs (value xs): mac_array.dataflow: "xs" is not one of os, ws, is',
    ],
    [
      ["mac_array.rows=8,12"],
      ["mac_array.cols=mac_array.rows / 8"],
      "--tie mac_array.cols=mac_array.rows / 8 (value 1.5): mac_array.cols: expected an integer, got 1.5",
    ],
    [["cameras=0,1"], [], "at cameras=0: override cameras: models/smolvla.yaml:23:16: components[0].instances"],
  ])("%j %j: %s", (vary, tie, message) => {
    expect(() => prepareSweep(inputs(vary, tie))).toThrow(message);
  });

  it("refuses a path both fixed with --set and varied", () => {
    expect(() =>
      prepareSweep(
        inputs(["clock_mhz=100,200"], [], undefined, { model: [], target: [{ key: "clock_mhz", value: 100 }] }),
      ),
    ).toThrow("--set clock_mhz and --vary clock_mhz: give a path either fixed or varied, not both");
  });
});
