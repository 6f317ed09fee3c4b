import { partColor } from "../chart/palette.js";
/** The report's charts over all targets, drawn by charts.ts from the Report and keyed by their path in the report folder. */
import { ENERGY_PARTS } from "../../cost/energy.js";
import { bars, DEFAULT_WIDTH, horizontalHeight, stackedBarChart } from "../chart/charts.js";
import { formatFixed, formatGrouped, formatInteger, formatSignificant, percentShares } from "../views/format.js";
import { CHARTS, type Report, type TargetRun } from "./report-model.js";
import { settled, type ChartFiles, type PendingCharts } from "./chart-files.js";
import { targetCharts } from "./target-charts.js";

export type { ChartFiles };
export { percentShares };

/** "1,658.6 ms": one decimal below 10,000 ms, thousands separated, as in every chart label. */
export function formatMs(ms: number): string {
  const digits = ms < 0.1 ? 3 : ms < 10 ? 2 : 1;
  return `${formatGrouped(ms, digits)} ms`;
}

/** "1.00×", "25.0×", "1,452×": three significant digits, as the comparison table's "vs fastest". */
export function formatRatio(ratio: number): string {
  return `${ratio < 10 ? formatFixed(ratio, 2) : ratio < 100 ? formatFixed(ratio, 1) : formatInteger(ratio)}×`;
}

/** Charts over all targets and the model: latency (log, totals printed), its share per component, MACs, energy and area. */
export function overviewCharts(report: Report, width: number = DEFAULT_WIDTH): PendingCharts {
  const runs = report.targets;
  const components = runs[0]?.result.components.map((c) => c.name) ?? [];
  const names = runs.map((t) => t.result.target.name);
  const latencyOf = (t: TargetRun, name: string) => t.result.components.find((c) => c.name === name)?.latencyMs ?? 0;
  const fastest = Math.min(...runs.map((t) => t.result.latencyMs));
  const charts: PendingCharts = new Map();
  const byLatency = [...runs].sort((a, b) => a.result.latencyMs - b.result.latencyMs);
  // Fastest first, on a log axis: targets span three orders of magnitude and a linear one hides the fast ones.
  charts.set(
    CHARTS.latency,
    bars({
      title: `Latency per inference: ${report.model}`,
      subtitle: "log scale; each bar's total and how many times the fastest target it takes",
      categoryLabel: "",
      valueLabel: "ms per inference (log scale)",
      categories: byLatency.map((t) => t.result.target.name),
      series: [{ label: "latency", values: byLatency.map((t) => t.result.latencyMs) }],
      horizontal: true,
      log: true,
      barLabels: byLatency.map((t) => `${formatMs(t.result.latencyMs)} (${formatRatio(t.result.latencyMs / fastest)})`),
      height: horizontalHeight(runs.length, false),
      width,
    }),
  );
  charts.set(
    CHARTS.latencyShare,
    partsChart(
      "Share of latency per component",
      "% of the target's latency",
      names,
      components.map((name) => ({ label: name, values: runs.map((t) => latencyOf(t, name)) })),
      runs.map((t) => formatMs(t.result.latencyMs)),
      true,
      width,
    ),
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
      width,
    }),
  );
  const energyParts = ENERGY_PARTS.map((part) => ({
    label: part,
    values: runs.map((t) => t.result.energyBreakdown[part]),
  }));
  charts.set(
    CHARTS.energy,
    partsChart(
      "Energy per inference by where it is spent",
      "mJ per inference",
      names,
      energyParts,
      withLargestPart(
        runs.map((t) => `${formatSignificant(t.result.energyMj, 4)} mJ`),
        energyParts,
      ),
      false,
      width,
    ),
  );
  const areaParts = Object.keys(runs[0]?.result.areaBreakdown ?? {}) as (keyof TargetRun["result"]["areaBreakdown"])[];
  const blocks = areaParts.map((part) => ({ label: part, values: runs.map((t) => t.result.areaBreakdown[part]) }));
  const areaLabels = withLargestPart(
    runs.map((t) => `${formatSignificant(t.result.areaMm2, 4)} mm²`),
    blocks,
  );
  charts.set(
    CHARTS.area,
    partsChart(
      "Silicon area by block",
      "mm²",
      names,
      blocks,
      runs.map((t, i) => (isFpga(t) ? FPGA_AREA : areaLabels[i]!)),
      false,
      width,
    ),
  );
  return charts;
}

/** What an FPGA's area reads as: the model prices an ASIC's silicon, and an FPGA's die is the device's. */
export const FPGA_AREA = "FPGA: no ASIC area";

export function isFpga(run: TargetRun): boolean {
  return run.result.target.kind === "fpga";
}

/** "636.5 mJ (dram 75%)": each total with its largest part's share. */
function withLargestPart(totals: readonly string[], parts: readonly { label: string; values: number[] }[]): string[] {
  return totals.map((total, i) => {
    const shares = percentShares(parts.map((p) => p.values[i] ?? 0));
    const top = shares.reduce((best, share, k) => (share > (shares[best] ?? 0) ? k : best), 0);
    const share = shares[top] ?? 0;
    return share > 0 ? `${total} (${parts[top]!.label} ${formatFixed(share, 0)}%)` : total;
  });
}

/**
 * One horizontal bar per target, its parts stacked and a label at its end. In absolute units (mJ, mm²) targets
 * that differ by orders of magnitude leave the small bars slivers whose numbers the labels carry; as shares
 * (`asShares`), every bar is 100% and compares the mix.
 */
export function partsChart(
  title: string,
  valueLabel: string,
  categories: string[],
  parts: { label: string; values: number[] }[],
  labels: string[],
  asShares: boolean,
  width: number,
): Promise<Buffer> {
  const shares = asShares ? categories.map((_, i) => percentShares(parts.map((p) => p.values[i] ?? 0))) : [];
  return bars({
    title,
    ...(!asShares && { subtitle: "each bar's total and its largest part" }),
    categoryLabel: "",
    valueLabel,
    categories,
    series: parts.map((p, k) => ({
      label: p.label,
      values: asShares ? shares.map((s) => s[k] ?? 0) : p.values,
      color: partColor(p.label, k),
    })),
    horizontal: true,
    ...(asShares && { max: 100 }),
    barLabels: labels,
    height: horizontalHeight(categories.length),
    width,
  });
}

/**
 * Every chart of the report at `width`; `onTarget(i)` is called after target i's charts are drawn. All are drawn
 * before any is awaited, so that their PNGs encode on the thread pool while the next ones draw.
 */
export async function reportCharts(
  report: Report,
  onTarget: (done: number) => void = () => {},
  width: number = DEFAULT_WIDTH,
): Promise<ChartFiles> {
  const charts = overviewCharts(report, width);
  report.targets.forEach((run, i) => {
    for (const [path, png] of targetCharts(run, width)) charts.set(path, png);
    onTarget(i + 1);
  });
  return settled(charts);
}
