/**
 * One target's charts: what bounds each component, which kinds of op take the time, how well each kind uses
 * the array (on a fixed 0–100% axis, so targets compare), and the roofline with points by op kind.
 */
import type { Bound } from "../../cost/types.js";
import { BOUNDS } from "../../simulate/engine.js";
import type { SimulationResult } from "../../simulate/types.js";
import { bars, horizontalHeight, rooflineChart } from "../chart/charts.js";
import { formatPercent, formatSignificant, percentShares } from "../views/format.js";
import { partColor } from "../chart/palette.js";
import { kindTotals, kindUtilisation, OP_KINDS } from "./op-kinds.js";
import type { PendingCharts } from "./chart-files.js";
import { CHARTS, dramBytesPerSecond, peakMacsPerSecond, rooflineOps, type TargetRun } from "./report-model.js";

export function targetCharts(run: TargetRun, width: number): PendingCharts {
  const { result, slug } = run;
  const name = result.target.name;
  const components = result.components.map((c) => c.name);
  const charts: PendingCharts = new Map();

  const rows = [
    ...result.components.map((c) => ({ name: c.name, mix: c.boundMix })),
    { name: "whole inference", mix: result.boundMix },
  ];
  const bounds = BOUNDS.filter((b) => rows.some((r) => r.mix[b] > 0));
  const shares = rows.map((r) => percentShares(bounds.map((b: Bound) => r.mix[b])));
  charts.set(
    CHARTS.boundMix(slug),
    bars({
      title: `What bounds the time: ${name}`,
      subtitle:
        "share of each component's time limited by the array (compute), SRAM ports, DRAM, the vector unit or kernel launches",
      categoryLabel: "",
      valueLabel: "% of the component's time",
      categories: rows.map((r) => r.name),
      series: bounds.map((b, k) => ({
        label: b,
        values: shares.map((s) => s[k] ?? 0),
        color: partColor(b, k),
      })),
      horizontal: true,
      max: 100,
      height: horizontalHeight(rows.length),
      width,
    }),
  );

  const kinds = kindTotals(result);
  charts.set(
    CHARTS.opTime(slug),
    bars({
      title: `Where the time goes, by kind of op: ${name}`,
      subtitle: "ms per inference, all layers and diffusion steps; largest first",
      categoryLabel: "",
      valueLabel: "ms per inference",
      categories: kinds.map((k) => k.kind),
      series: components.map((component, c) => ({
        label: component,
        values: kinds.map((k) => k.msByComponent[c] ?? 0),
      })),
      horizontal: true,
      barLabels: kinds.map((k) => formatPercent(k.ms / result.latencyMs)),
      height: horizontalHeight(kinds.length),
      width,
    }),
  );

  const util = kindUtilisation(result);
  const matmulKinds = OP_KINDS.filter((k) => util.some((u) => u.kind === k));
  charts.set(
    CHARTS.utilisation(slug),
    bars({
      title: `Array utilisation by kind of matmul: ${name}`,
      subtitle: "MACs ÷ (cycles × peak MACs per cycle), all runs; fixed 0–100% axis",
      categoryLabel: "",
      valueLabel: "utilisation (% of peak MACs)",
      categories: [...matmulKinds],
      series: components.map((component) => ({
        label: component,
        values: matmulKinds.map(
          (k) => 100 * (util.find((u) => u.kind === k && u.component === component)?.utilization ?? Number.NaN),
        ),
      })),
      stacked: false,
      horizontal: true,
      max: 100,
      valueText: (v) => `${v.toFixed(1)}%`,
      height: horizontalHeight(matmulKinds.length * Math.max(1, components.length * 0.6)),
      width,
    }),
  );

  const roofline = rooflineOps(result);
  charts.set(
    CHARTS.roofline(slug),
    rooflineChart({
      title: `Roofline: ${name} (matmul ops by kind, attained rate)`,
      ...(roofline.onChip > 0 && {
        subtitle: `${roofline.onChip} of ${roofline.matmuls} matmul ops move no DRAM bytes (operands on chip) and are not drawn`,
      }),
      width,
      xLabel: "operational intensity (MAC per compulsory DRAM byte)",
      yLabel: "attained MAC/s (simulated)",
      opsUnit: "MAC/s",
      roofs: [
        {
          label: name,
          peakOpsPerSecond: peakMacsPerSecond(result),
          bandwidthBytesPerSecond: dramBytesPerSecond(result),
        },
      ],
      points: roofline.points.map((p) => ({
        label: p.launchBound ? launchLabel(result) : p.kind,
        intensity: p.intensity,
        attainable: p.attained,
        ...(p.launchBound && { color: partColor("launch", 0) }),
      })),
    }),
  );
  return charts;
}

/**
 * The legend entry of a GPU's launch-bound kernels: their ceiling is their MACs over the fixed cost of a kernel,
 * not a roof of the chart, so they are drawn apart with that cost named.
 */
function launchLabel(result: SimulationResult): string {
  const gpu = result.target.gpu;
  const us = gpu === undefined ? 0 : gpu.graphs ? gpu.graphKernelUs : gpu.kernelOverheadUs;
  return `launch-bound (${formatSignificant(us, 3)} µs a ${gpu?.graphs === true ? "graph node" : "kernel"})`;
}
