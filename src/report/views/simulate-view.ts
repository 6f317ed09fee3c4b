import type { Tiling } from "../../cost/tiling.js";
import type { Precision, Precisions, WeightPrecision } from "../../hardware/precision.js";
import type { BoundMix, ComponentResult, OpResult, SimulationResult } from "../../simulate/types.js";
import {
  formatFixed,
  formatInteger,
  formatKiB,
  formatPercent,
  formatSignificant,
  renderTable,
  toCsv,
} from "./format.js";
import { costLines } from "./cost-view.js";
import { opRecord } from "./graph-view.js";
import { mergeRepeatedLayers, sameFields, sameOpButLayer, type LayerRows } from "./layer-runs.js";

const OP = new Set(["op"]);

/** The documented, stable JSON of one simulation (see docs/commands.md, "JSON output"). */
export function simulationRecord(result: SimulationResult, powerAtRate?: PowerAtRate) {
  const rows = opResultRows(result);
  const precisions = {
    precision: result.target.precision as Precision,
    weightPrecision: result.target.weightPrecision as WeightPrecision,
  };
  return {
    model: result.model,
    target: result.target.name,
    hardware: result.target,
    costModel: result.costModel,
    idealMemory: result.idealMemory,
    latencyMs: result.latencyMs,
    cycles: result.cycles,
    macs: result.macs,
    macUtilization: result.utilization,
    inferencesPerSecond: result.inferencesPerSecond,
    batch: result.batch,
    robotInferencesPerSecond: result.batch * result.inferencesPerSecond,
    boundMix: result.boundMix,
    energyMj: result.energyMj,
    energyPerRobotInferenceMj: result.energyMj / result.batch,
    energyBreakdown: result.energyBreakdown,
    areaMm2: result.areaMm2,
    areaBreakdown: result.areaBreakdown,
    averagePowerW: result.averagePowerW,
    peakPowerW: result.peakPowerW,
    staticPowerW: result.staticPowerW,
    topsPerWatt: result.topsPerWatt,
    inferencesPerJoule: result.inferencesPerJoule,
    ...(powerAtRate !== undefined && { rateHz: powerAtRate.rateHz, powerAtRateW: powerAtRate.powerW }),
    components: result.components,
    /** True when the model had more than MAX_OP_ROWS ops and identical consecutive layers share a row. */
    opsMerged: rows.merged,
    ops: rows.rows.map(({ item, layerCount }) => ({ ...opResultRecord(item, precisions), layerCount })),
  };
}

/** The per-op rows of a simulation, identical consecutive layers merged past MAX_OP_ROWS ops (see layer-runs). */
export function opResultRows(result: SimulationResult): LayerRows<OpResult> {
  // A report asks twice per target (ops.csv and result.json); merging 500,000 ops once is enough.
  let rows = rowsOf.get(result);
  if (rows === undefined) {
    rows = mergeRepeatedLayers(
      result.ops,
      (r) => r.op,
      (a, b) => sameOpButLayer(a.op, b.op) && sameFields(a, b, OP),
    );
    rowsOf.set(result, rows);
  }
  return rows;
}

const rowsOf = new WeakMap<SimulationResult, LayerRows<OpResult>>();

/**
 * One op's cost: the graph fields (`macs` and bytes are per execution) and then the cost fields, which are per
 * inference (all `count` executions); `macsPerInference` bridges the two: utilization = macsPerInference /
 * (cycles · peak MACs per cycle).
 */
export function opResultRecord(r: OpResult, precisions: Precisions) {
  const { op, ...cost } = r;
  return { ...opRecord(op, precisions), ...cost };
}

export function simulationJson(result: SimulationResult, powerAtRate?: PowerAtRate): string {
  return JSON.stringify(simulationRecord(result, powerAtRate), null, 2);
}

/** Average power at a requested inference rate (simulate --rate-hz). */
export interface PowerAtRate {
  readonly rateHz: number;
  readonly powerW: number;
}

export function formatBoundMix(mix: BoundMix): string {
  return (Object.entries(mix) as [string, number][])
    .filter(([, share]) => share >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([bound, share]) => `${bound} ${Math.round(share * 100)}%`)
    .join(", ");
}

/** The cost model a result was costed with, as reports name it. */
/** The cycle model that costed the result: the roofline when asked for, else the target's own (a GPU's kernels). */
export function costModelUsed(result: SimulationResult): "roofline" | "gpu" | "systolic" {
  return result.costModel === "roofline" ? "roofline" : result.target.kind === "gpu" ? "gpu" : "systolic";
}

export function costModelLabel(result: SimulationResult): string {
  const used = costModelUsed(result);
  if (used === "roofline") return "roofline model";
  const model = used === "gpu" ? "GPU kernel model" : "systolic model";
  return result.idealMemory ? `${model}, ideal memory` : model;
}

/** "int8", or "int8 with int4 weights" when the target stores its weights narrower. */
export function precisionLabel(t: SimulationResult["target"]): string {
  return t.weightPrecision === t.precision ? t.precision : `${t.precision} with ${t.weightPrecision} weights`;
}

export function describeTarget(result: SimulationResult): string {
  const t = result.target;
  const precision = precisionLabel(t);
  if (t.gpu !== undefined) {
    const tile = `${t.gpu.tile.m}×${t.gpu.tile.n}×${t.gpu.tile.k}`;
    return `${t.gpu.sms} SMs, ${t.arrays} × ${t.rows}×${t.cols} tensor cores ${precision} @ ${formatSignificant(t.clockMhz, 4)} MHz, ${tile} tiles, ${formatKiB(t.sramKiB)} KiB L2, ${formatSignificant(t.dramBandwidthGBps, 4)} GB/s DRAM`;
  }
  const arrays = t.arrays > 1 ? `${t.arrays} × ` : "";
  const device = t.fpga === undefined ? "" : ` on ${t.fpga.device} (${formatInteger(t.fpga.dspsUsed)} DSPs)`;
  const buffering = t.weightBuffering === "double" && t.dataflow !== "os" ? " (double-buffered)" : "";
  return `${arrays}${t.rows}×${t.cols} ${t.dataflow}${buffering} ${precision}${device} @ ${formatSignificant(t.clockMhz, 4)} MHz, ${formatKiB(t.sramKiB)} KiB ${t.fpga === undefined ? "SRAM" : "BRAM/URAM"}, ${formatSignificant(t.dramBandwidthGBps, 4)} GB/s DRAM`;
}

export const COMPONENT_HEADERS = [
  "Component",
  "Static ms",
  "Per-step ms",
  "Steps",
  "Latency ms",
  "Cycles",
  "Utilisation",
  "Energy mJ",
  "Bound mix",
];
export const COMPONENT_ALIGN = ["left", "right", "right", "right", "right", "right", "right", "right", "left"] as const;

/** The component table's last row: the whole inference. */
export function componentTotalRow(result: SimulationResult): string[] {
  return [
    "Total",
    "",
    "",
    "",
    formatFixed(result.latencyMs, 3),
    formatInteger(result.cycles),
    formatPercent(result.utilization),
    formatSignificant(result.energyMj, 4),
    formatBoundMix(result.boundMix),
  ];
}

export function componentRows(components: readonly ComponentResult[], clockHz: number): string[][] {
  const ms = (cycles: number) => formatFixed((cycles / clockHz) * 1e3, 3);
  return components.map((c) => [
    c.name,
    ms(c.staticCycles),
    c.steps > 1 || c.perStepCycles > 0 ? ms(c.perStepCycles) : "",
    c.steps > 1 || c.perStepCycles > 0 ? String(c.steps) : "",
    formatFixed(c.latencyMs, 3),
    formatInteger(c.cycles),
    formatPercent(c.utilization),
    formatSignificant(c.energyMj, 4),
    formatBoundMix(c.boundMix),
  ]);
}

/** Ops that differ only in their layer, added up: "mlp_up in 12 layers" reads better than 12 equal lines. */
export interface OpGroup {
  readonly first: OpResult;
  readonly layers: number;
  readonly cycles: number;
  readonly latencyMs: number;
  readonly dramBytes: number;
}

export function topOpGroups(result: SimulationResult, limit = 10): OpGroup[] {
  const groups = new Map<
    string,
    { first: OpResult; layers: number; cycles: number; latencyMs: number; dramBytes: number }
  >();
  for (const r of result.ops) {
    const key = `${r.op.component}|${r.op.name}|${opShape(r)}|${r.op.phase}|${r.bound}`;
    const g = groups.get(key);
    if (g) {
      g.layers++;
      g.cycles += r.cycles;
      g.latencyMs += r.latencyMs;
      g.dramBytes += r.dramBytes;
    } else groups.set(key, { first: r, layers: 1, cycles: r.cycles, latencyMs: r.latencyMs, dramBytes: r.dramBytes });
  }
  return [...groups.values()].sort((a, b) => b.cycles - a.cycles).slice(0, limit);
}

export const TOP_OP_HEADERS = [
  "Component",
  "Op",
  "Shape (batch×M×K×N)",
  "Layers",
  "Runs",
  "ms",
  "Share",
  "Bound",
  "Utilisation",
];
export const TOP_OP_ALIGN = ["left", "left", "right", "right", "right", "right", "right", "left", "right"] as const;

/** One line of the "most expensive ops" table, in the table and in reports alike. */
export function topOpRow(g: OpGroup, totalMs: number): string[] {
  return [
    g.first.op.component,
    g.first.op.name,
    opShape(g.first),
    String(g.layers),
    String(g.first.op.count),
    formatFixed(g.latencyMs, 3),
    formatPercent(g.latencyMs / totalMs),
    g.first.bound,
    g.first.op.kind === "matmul" ? formatPercent(g.first.utilization) : "",
  ];
}

export function opShape(r: OpResult): string {
  const op = r.op;
  return op.kind === "matmul"
    ? `${op.batch > 1 ? `${op.batch}×` : ""}${op.m}×${op.k}×${op.n}`
    : `${formatInteger(op.elements)} el`;
}

export function simulationTable(result: SimulationResult, powerAtRate?: PowerAtRate): string {
  const clockHz = result.target.clockMhz * 1e6;
  const mode = costModelLabel(result);
  const rows = componentRows(result.components, clockHz);
  rows.push(componentTotalRow(result));
  const top = topOpGroups(result).map((g) => topOpRow(g, result.latencyMs));
  return [
    `${result.model} on ${result.target.name} (${describeTarget(result)}) — ${mode}`,
    "",
    renderTable(COMPONENT_HEADERS, rows, COMPONENT_ALIGN),
    "",
    `Latency per inference: ${formatFixed(result.latencyMs, 3)} ms · ${formatFixed(result.inferencesPerSecond, 2)} inferences/s · ${formatGMacs(result.macs)} G-MACs · utilisation ${formatPercent(result.utilization)}`,
    ...batchLines(result.batch, result.inferencesPerSecond, result.energyMj),
    ...costLines(result, result.target, powerAtRate),
    "",
    "Ten most expensive ops (summed over the layers that have them and over all their runs in one inference):",
    renderTable(TOP_OP_HEADERS, top, TOP_OP_ALIGN),
  ].join("\n");
}

/** A batch's figures per robot: each waits for the whole batch, and shares its energy. */
export function batchLines(batch: number, inferencesPerSecond: number, energyMj: number): string[] {
  if (batch === 1) return [];
  return [
    `Batch of ${batch} robots: each waits the whole inference · ${formatFixed(batch * inferencesPerSecond, 2)} robot-inferences/s · ${formatFixed(energyMj / batch, 3)} mJ per robot-inference`,
  ];
}

function formatGMacs(macs: number): string {
  return formatFixed(macs / 1e9, 2);
}

/** One row per op, for spreadsheets: a matmul's tiling flattens into `tiling_<field>` columns (empty for others). */
export function simulationCsv(result: SimulationResult): string {
  const records = simulationRecord(result).ops.map(({ tiling, layerCount, ...o }) => ({
    target: result.target.name,
    ...o,
    ...tilingColumns(tiling),
    layerCount,
  }));
  if (records.length === 0) return "";
  const headers = Object.keys(records[0]!);
  return toCsv(
    headers,
    records.map((r) => headers.map((h) => (r as Record<string, string | number | boolean | null>)[h]!)),
  );
}

const TILING_FIELDS = [
  "scheme",
  "tm",
  "tn",
  "tk",
  "ifmapPasses",
  "filterPasses",
  "ifmapBytes",
  "filterBytes",
  "ofmapBytes",
  "compulsoryBytes",
] as const;

function tilingColumns(tiling: Tiling | undefined): Record<string, string | number> {
  return Object.fromEntries(TILING_FIELDS.map((f) => [`tiling_${f}`, tiling === undefined ? "" : tiling[f]]));
}
