/** The report's charts: plain data from the Report, drawn by charts.ts, keyed by their path in the report folder. */
import { barChart, rooflineChart, stackedBarChart } from "./charts.js";
import { formatFixed } from "./format.js";
import { CHARTS, dramBytesPerSecond, layerUtilisation, peakMacsPerSecond, rooflineOps, type Report, type TargetRun } from "./report-model.js";

export type ChartFiles = Map<string, Buffer>;

/** Charts over all targets and the model: latency per component (absolute and share) and MACs per component. */
export function overviewCharts(report: Report): ChartFiles {
  const runs = report.targets;
  const components = runs[0]?.result.components.map((c) => c.name) ?? [];
  const categories = runs.map((t) => `${t.result.target.name} (${formatFixed(t.result.latencyMs, 1)} ms)`);
  const latencyOf = (t: TargetRun, name: string) => t.result.components.find((c) => c.name === name)?.latencyMs ?? 0;
  const shares = runs.map((t) => percentShares(components.map((name) => latencyOf(t, name))));
  const charts: ChartFiles = new Map();
  charts.set(
    CHARTS.latency,
    stackedBarChart({
      title: `Latency per inference by component: ${report.model}`,
      xLabel: "Target (total latency)",
      yLabel: "Latency (ms per inference)",
      categories,
      series: components.map((name) => ({ label: name, values: runs.map((t) => latencyOf(t, name)) })),
    }),
  );
  charts.set(
    CHARTS.latencyShare,
    stackedBarChart({
      title: "Share of latency per component",
      xLabel: "Target (total latency)",
      yLabel: "Share of latency (%)",
      categories,
      series: components.map((name, c) => ({ label: name, values: shares.map((s) => s[c] ?? 0) })),
    }),
  );
  const macs = report.macs.components;
  charts.set(
    CHARTS.macs,
    stackedBarChart({
      title: `MACs per component: ${report.model}`,
      xLabel: "Component",
      yLabel: "G-MACs per inference",
      categories: macs.map((c) => c.name),
      series: [
        { label: "static (once per inference)", values: macs.map((c) => c.staticMacs / 1e9) },
        { label: "dynamic (all diffusion steps)", values: macs.map((c) => c.dynamicMacs / 1e9) },
      ],
    }),
  );
  return charts;
}

/**
 * Percentages of a total that add up to exactly 100 in floating point (multiples of 1/1024 %, the largest
 * part taking the remainder), so a stacked chart's axis ends at 100 rather than rounding up to 120.
 */
export function percentShares(values: readonly number[]): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  if (!(total > 0)) return values.map(() => 0);
  const shares = values.map((v) => Math.round((v / total) * 100 * 1024) / 1024);
  const largest = shares.indexOf(Math.max(...shares));
  shares[largest] = 100 - shares.reduce((s, v, i) => (i === largest ? s : s + v), 0);
  return shares;
}

/** One target's charts: utilisation per layer (coloured by component) and its roofline. */
export function targetCharts(run: TargetRun): ChartFiles {
  const { result, slug } = run;
  const name = result.target.name;
  const layers = layerUtilisation(result);
  const components = [...new Set(layers.map((l) => l.component))];
  const grouped = layers.some((l) => l.lastLayer !== l.layer);
  const span = (l: (typeof layers)[number]) => (l.lastLayer === l.layer ? String(l.layer) : `${l.layer}–${l.lastLayer}`);
  const title = `Array utilisation per layer${grouped ? " (bars of consecutive layers)" : ""}: ${name}`;
  const charts: ChartFiles = new Map();
  // One stacked series per component, empty (NaN: not drawn) outside it, so the bars take the component's colour.
  charts.set(
    CHARTS.utilisation(slug),
    components.length <= 1
      ? barChart({
          title,
          xLabel: "Layer",
          yLabel: "Utilisation (% of peak MACs)",
          categories: layers.map((l) => `${l.component} ${span(l)}`),
          values: layers.map((l) => 100 * l.utilization),
          width: 1200,
        })
      : stackedBarChart({
          title,
          xLabel: "Layer index within its component (colour)",
          yLabel: "Utilisation (% of peak MACs)",
          categories: layers.map(span),
          series: components.map((c) => ({ label: c, values: layers.map((l) => (l.component === c ? 100 * l.utilization : Number.NaN)) })),
          width: 1200,
        }),
  );
  charts.set(
    CHARTS.roofline(slug),
    rooflineChart({
      title: `Roofline: ${name} (matmul ops, attained rate)`,
      xLabel: "Operational intensity (MAC per simulated DRAM byte)",
      yLabel: "Attained MAC/s (simulated)",
      roofs: [{ label: name, peakOpsPerSecond: peakMacsPerSecond(result), bandwidthBytesPerSecond: dramBytesPerSecond(result) }],
      points: rooflineOps(result).points.map((p) => ({ label: p.component, intensity: p.intensity, attainable: p.attained })),
    }),
  );
  return charts;
}

/** Every chart of the report; `onTarget(i)` is called after target i's charts are drawn. */
export function reportCharts(report: Report, onTarget: (done: number) => void = () => {}): ChartFiles {
  const charts = overviewCharts(report);
  report.targets.forEach((run, i) => {
    for (const [path, png] of targetCharts(run)) charts.set(path, png);
    onTarget(i + 1);
  });
  return charts;
}
