/**
 * Chart renderer: plain data in, PNG Buffer out (Chart.js on @napi-rs/canvas).
 * No imports from other project files; see chart-canvas.ts for the plumbing.
 */
import type { ChartConfiguration } from "chart.js";
import { bars } from "./bar-charts.js";
import {
  axis,
  checkSize,
  colorAt,
  decadeRange,
  droppedNote,
  fontSizes,
  formatNumber,
  layout,
  plugins,
  positive,
  renderChart,
  withAlpha,
  type ChartSize,
} from "./chart-canvas.js";

export { bars, horizontalHeight, type BarSeries, type BarsInput } from "./bar-charts.js";
export {
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  NARROW_WIDTH,
  PALETTE,
  colorAt,
  ensureFonts,
  formatNumber,
} from "./chart-canvas.js";

export type { ChartSize };

export interface StackedBarChartInput extends ChartSize {
  title: string;
  xLabel: string;
  yLabel: string;
  categories: string[];
  /** One series per stack segment; values[i] belongs to categories[i]. */
  series: { label: string; values: number[] }[];
}

export interface BarChartInput extends ChartSize {
  title: string;
  xLabel: string;
  yLabel: string;
  categories: string[];
  values: number[];
  /** CSS colour; default the first palette colour. */
  color?: string;
  /** Logarithmic y axis; non-positive values are not drawn. */
  logY?: boolean;
  /** A fixed y maximum from 0 (100 for percentages). */
  max?: number;
}

export interface RooflineRoof {
  label: string;
  /** Compute roof, in the y unit (e.g. MAC/s). */
  peakOpsPerSecond: number;
  /** Memory roof slope, bytes/s. */
  bandwidthBytesPerSecond: number;
}

export interface RooflinePoint {
  /** Legend group, e.g. component name. */
  label: string;
  /** Arithmetic intensity, ops/byte (e.g. MAC/byte). */
  intensity: number;
  /** Attained or attainable throughput, ops/s. */
  attainable: number;
  /** The group's CSS colour (its first point's); default from the palette by group order. */
  color?: string;
}

export interface RooflineChartInput extends ChartSize {
  title: string;
  /** Under the title, e.g. what the chart leaves out. */
  subtitle?: string;
  /** The unit of `peakOpsPerSecond` for the legend, e.g. "MAC/s" (default "op/s"). */
  opsUnit?: string;
  xLabel: string;
  yLabel: string;
  roofs: RooflineRoof[];
  points: RooflinePoint[];
}

export interface XYPoint {
  x: number;
  y: number;
}

export interface LineSeries {
  label: string;
  points: XYPoint[];
  /** CSS colour; default from the palette. */
  color?: string;
  /** Connect points (sorted by x); default true. false = scatter only. */
  showLine?: boolean;
  /** Dash pattern of the line, so lines that run close together stay apart in print. */
  dash?: number[];
  /** Marker: 'circle' (default), 'rect', 'triangle', 'rectRot', 'crossRot', … */
  pointStyle?: string;
  /** Marker radius in pixels (default 5 highlighted, 4–4.5 otherwise). */
  pointRadius?: number;
}

export interface LineChartInput extends ChartSize {
  title: string;
  /** Under the title, e.g. a note on merged lines. */
  subtitle?: string;
  /** x ticks exactly at these values with these labels (e.g. array shapes at their MACs per cycle). */
  xTicks?: { value: number; label: string }[];
  /** A fixed y range, e.g. [0, 100] for percentages. */
  yRange?: [number, number];
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  logX?: boolean;
  logY?: boolean;
  /** Drawn on top, thicker, e.g. a Pareto front. */
  highlight?: LineSeries[];
}

// ------------------------------------------------------------- charts ------

/** Stacked bars: one bar per category, one stack segment per series. */
export function stackedBarChart(input: StackedBarChartInput): Promise<Buffer> {
  return bars({ ...input, categoryLabel: input.xLabel, valueLabel: input.yLabel, stacked: true });
}

/** Simple bar chart, optionally with a log y axis. */
export function barChart(input: BarChartInput): Promise<Buffer> {
  const { values, color, logY, ...rest } = input;
  return bars({
    ...rest,
    categoryLabel: input.xLabel,
    valueLabel: input.yLabel,
    series: [{ label: input.yLabel, values, ...(color !== undefined && { color }) }],
    ...(logY === true && { log: true }),
  });
}

const ROOF_COLORS = ["#222222", "#8c1c13", "#1a5e20", "#3b2f8f", "#7a4f00", "#555555"];
const POINT_STYLES = ["circle", "rect", "triangle", "rectRot", "crossRot", "star"];
const ROOF_DASHES: number[][] = [[], [10, 5], [4, 4], [12, 4, 3, 4], [2, 3]];

/** Log-log roofline: one min(peak, bw*I) line per roof, points grouped by label. */
export function rooflineChart(input: RooflineChartInput): Promise<Buffer> {
  const [w, h] = checkSize(input.width, input.height);
  const fs = fontSizes(w, h);
  const roofs = input.roofs.filter((r) => positive(r.peakOpsPerSecond) && positive(r.bandwidthBytesPerSecond));
  const points = input.points.filter((p) => positive(p.intensity) && positive(p.attainable));
  const ridges = roofs.map((r) => r.peakOpsPerSecond / r.bandwidthBytesPerSecond);
  const [xLo, xHi] = decadeRange([...points.map((p) => p.intensity), ...ridges], [0.1, 1000]);
  const roofY = (r: RooflineRoof, x: number) => Math.min(r.peakOpsPerSecond, r.bandwidthBytesPerSecond * x);
  const roofData = roofs.map((r, i) => {
    const ridge = ridges[i] as number;
    // Piecewise linear in log-log space: endpoints plus the exact ridge are exact.
    const xs = [xLo, ...(ridge > xLo && ridge < xHi ? [ridge] : []), xHi];
    return xs.map((x) => ({ x, y: roofY(r, x) }));
  });
  const yValues = [...points.map((p) => p.attainable), ...roofData.flat().map((p) => p.y)];
  const [yLo, yHiRaw] = decadeRange(yValues, [1, 10]);
  const maxY = yValues.reduce((m, y) => Math.max(m, y), 0);
  const yHi = maxY * 1.5 > yHiRaw ? yHiRaw * 10 : yHiRaw; // headroom above the compute roof
  const groups = new Map<string, XYPoint[]>();
  const groupColors = new Map<string, string>();
  for (const p of points) {
    const g = groups.get(p.label) ?? [];
    g.push({ x: p.intensity, y: p.attainable });
    groups.set(p.label, g);
    if (p.color !== undefined && !groupColors.has(p.label)) groupColors.set(p.label, p.color);
  }
  const roofSets = roofs.map((r, i) => {
    const color = ROOF_COLORS[i % ROOF_COLORS.length] as string;
    return {
      label: `${r.label}: peak ${withPrefix(r.peakOpsPerSecond, input.opsUnit ?? "op/s")}, DRAM ${withPrefix(r.bandwidthBytesPerSecond, "B/s")}`,
      data: roofData[i] as XYPoint[],
      showLine: true,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2.5,
      borderDash: ROOF_DASHES[i % ROOF_DASHES.length] as number[],
      pointRadius: 0,
      pointStyle: "line" as const,
      order: 100,
    };
  });
  const pointSets = [...groups.entries()].map(([label, data], i) => ({
    label,
    data,
    showLine: false,
    backgroundColor: withAlpha(groupColors.get(label) ?? colorAt(i), 0.8),
    borderColor: groupColors.get(label) ?? colorAt(i),
    borderWidth: 1,
    // A marker per group, the first groups larger and drawn below, so points of two groups at the same place both show.
    pointStyle: POINT_STYLES[i % POINT_STYLES.length] as "circle",
    pointRadius: Math.max(4, 8 - 1.5 * i),
    order: groups.size - i,
  }));
  const dropped = input.points.length - points.length + input.roofs.length - roofs.length;
  const config: ChartConfiguration<"scatter"> = {
    type: "scatter",
    data: { datasets: [...roofSets, ...pointSets] },
    options: {
      layout,
      plugins: plugins(
        input.title,
        fs,
        true,
        [input.subtitle, droppedNote(dropped, "point/roof")].filter((t) => t !== undefined).join("; ") || undefined,
        true,
      ),
      scales: {
        x: axis("logarithmic", input.xLabel, fs, { min: xLo, max: xHi }),
        y: axis("logarithmic", input.yLabel, fs, { min: yLo, max: yHi }),
      },
    },
  };
  return renderChart(config, w, h);
}

/** 76.8e9, "MAC/s" → "76.8 G MAC/s"; 19.2e9, "B/s" → "19.2 GB/s" (a prefix joins a one-letter unit). */
export function withPrefix(value: number, unit: string): string {
  const text = formatNumber(value);
  const prefix = /[kMGTP]$/.test(text) ? text.slice(-1) : "";
  const number = prefix === "" ? text : text.slice(0, -1);
  return `${number} ${prefix}${prefix !== "" && unit.length > 3 ? " " : ""}${unit}`.replace(/ {2,}/g, " ");
}

function cleanPoints(points: XYPoint[], logX: boolean, logY: boolean, sort: boolean): XYPoint[] {
  const ok = points.filter(
    (p) => (logX ? positive(p.x) : Number.isFinite(p.x)) && (logY ? positive(p.y) : Number.isFinite(p.y)),
  );
  return sort ? [...ok].sort((a, b) => a.x - b.x) : ok;
}

/** An axis whose ticks sit exactly at `ticks`' values, labelled with their text (overlapping ones skipped). */
function withTicks<A extends { ticks: Record<string, unknown> }>(
  scale: A,
  ticks: { value: number; label: string }[] | undefined,
): A {
  if (ticks === undefined || ticks.length === 0) return scale;
  const labels = new Map(ticks.map((t) => [t.value, t.label]));
  const values = [...labels.keys()].sort((a, b) => a - b);
  const pad = (hi: number, lo: number) => (hi / lo > 1.5 ? Math.sqrt(hi / lo) : 1.2);
  return {
    ...scale,
    // Half a step of room on both sides, so the first and last shapes are not on the frame.
    min: values[0]! / pad(values[1] ?? values[0]! * 2, values[0]!),
    max: values.at(-1)! * pad(values.at(-1)!, values.at(-2) ?? values.at(-1)! / 2),
    afterBuildTicks: (a: { ticks: { value: number }[] }) => {
      a.ticks = values.map((value) => ({ value }));
    },
    ticks: {
      ...scale.ticks,
      autoSkip: true,
      maxRotation: 30,
      callback: (value: number | string) => labels.get(Number(value)) ?? "",
    },
  };
}

/** Lines (or scatter) of x/y series, optional log axes and highlighted series on top. */
export function lineChart(input: LineChartInput): Promise<Buffer> {
  const [w, h] = checkSize(input.width, input.height);
  const fs = fontSizes(w, h);
  const logX = input.logX === true;
  const logY = input.logY === true;
  const highlight = input.highlight ?? [];
  let total = 0;
  let kept = 0;
  const build = (s: LineSeries, i: number, hl: boolean) => {
    const line = s.showLine !== false;
    const data = cleanPoints(s.points, logX, logY, line);
    total += s.points.length;
    kept += data.length;
    const color = s.color ?? (hl ? (ROOF_COLORS[i % ROOF_COLORS.length] as string) : colorAt(i));
    return {
      label: s.label,
      data,
      showLine: line,
      borderColor: color,
      backgroundColor: line ? color : withAlpha(color, 0.6),
      borderWidth: hl ? 4 : 2,
      borderDash: s.dash ?? [],
      pointStyle: (s.pointStyle ?? "circle") as "circle",
      pointRadius: s.pointRadius ?? (hl ? 5 : line ? 4.5 : 4),
      order: hl ? 0 : 1,
    };
  };
  const datasets = [...input.series.map((s, i) => build(s, i, false)), ...highlight.map((s, i) => build(s, i, true))];
  const config: ChartConfiguration<"scatter"> = {
    type: "scatter",
    data: { datasets },
    options: {
      layout,
      plugins: plugins(
        input.title,
        fs,
        datasets.length > 1 || highlight.length > 0,
        [input.subtitle, logX || logY ? droppedNote(total - kept, "point") : undefined]
          .filter((t) => t !== undefined)
          .join("; ") || undefined,
        true,
      ),
      scales: {
        x: withTicks(axis(logX ? "logarithmic" : "linear", input.xLabel, fs), input.xTicks),
        y: axis(
          logY ? "logarithmic" : "linear",
          input.yLabel,
          fs,
          input.yRange === undefined ? {} : { min: input.yRange[0], max: input.yRange[1] },
        ),
      },
    },
  };
  return renderChart(config, w, h);
}
