/**
 * Bar charts: stacked or grouped, vertical or horizontal, linear (optionally with a fixed maximum) or log, with
 * text printed at the end of the bars so a reader gets the number without reading it off an axis.
 * No imports from other project files but chart-canvas.ts.
 */
import type { ChartConfiguration, Plugin } from "chart.js";
import {
  axis,
  checkSize,
  colorAt,
  decadeRange,
  droppedNote,
  finiteOrNull,
  FONT_FAMILY,
  fontSizes,
  layout,
  plugins,
  positive,
  rangeOpts,
  REGULAR_EM,
  renderChart,
  withAlpha,
  wrapText,
} from "./chart-canvas.js";
import type { ChartSize } from "./chart-canvas.js";

export interface BarSeries {
  label: string;
  /** values[i] belongs to categories[i]; NaN leaves the bar out. */
  values: number[];
  /** CSS colour; default from the palette. */
  color?: string;
}

export interface BarsInput extends ChartSize {
  title: string;
  /** Shown under the title in italics, e.g. what a chart leaves out. */
  subtitle?: string;
  /** The category axis' title. */
  categoryLabel: string;
  /** The value axis' title, with its unit. */
  valueLabel: string;
  categories: string[];
  series: BarSeries[];
  /** Segments of one category on top of each other (default) or side by side. */
  stacked?: boolean;
  /** Bars along x, categories down the y axis: long category names stay readable. */
  horizontal?: boolean;
  /** Log value axis; non-positive values are not drawn. Not with `stacked` (segments would lie). */
  log?: boolean;
  /** A fixed value-axis maximum (from 0), e.g. 100 for percentages, so charts side by side compare. */
  max?: number;
  /** Text at the end of each category's bar (its stack when stacked), e.g. the total. */
  barLabels?: string[];
  /** Text at the end of every bar (grouped bars), from its value. */
  valueText?: (value: number) => string;
}

/** Draws `barLabels` at the end of each stack and `valueText` at the end of each bar, after the bars. */
function barTextPlugin(input: BarsInput, fontSize: number): Plugin<"bar"> {
  const horizontal = input.horizontal === true;
  return {
    id: "accelSizerBarText",
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = `${fontSize}px ${FONT_FAMILY}`;
      ctx.fillStyle = "#111111";
      ctx.textAlign = horizontal ? "left" : "center";
      ctx.textBaseline = horizontal ? "middle" : "bottom";
      const at = (x: number, y: number, text: string) =>
        ctx.fillText(text, horizontal ? x + 6 : x, horizontal ? y : y - 4);
      const ends = new Map<number, { x: number; y: number }>();
      chart.data.datasets.forEach((dataset, d) => {
        chart.getDatasetMeta(d).data.forEach((bar, i) => {
          const value = dataset.data[i];
          if (typeof value !== "number" || !Number.isFinite(value)) return;
          const { x, y } = bar.getProps(["x", "y"], true) as { x: number; y: number };
          if (input.valueText !== undefined) at(x, y, input.valueText(value));
          const end = ends.get(i);
          if (end === undefined || (horizontal ? x > end.x : y < end.y)) ends.set(i, { x, y });
        });
      });
      input.barLabels?.forEach((text, i) => {
        const end = ends.get(i);
        if (end !== undefined) at(end.x, end.y, text);
      });
      ctx.restore();
    },
  };
}

/** The general bar chart; see BarsInput. */
export function bars(input: BarsInput): Promise<Buffer> {
  const [w, h] = checkSize(input.width, input.height);
  const fs = fontSizes(w, h);
  for (const s of input.series) {
    if (s.values.length !== input.categories.length) {
      throw new RangeError(
        `series "${s.label}" has ${s.values.length} values for ${input.categories.length} categories`,
      );
    }
  }
  const stacked = input.stacked !== false;
  const log = input.log === true;
  if (log && stacked && input.series.length > 1) throw new RangeError("a stacked bar chart cannot have a log axis");
  const data = input.series.map((s) => s.values.map((v) => (log ? (positive(v) ? v : null) : finiteOrNull(v))));
  const dropped = log ? data.flat().filter((v) => v === null).length : 0;
  const labelled = input.barLabels !== undefined || input.valueText !== undefined;
  // Room past the longest bar for its text: about 0.6 em a character, at most half the chart.
  const longest = Math.max(0, ...(input.barLabels ?? []).map((t) => t.length));
  const right = Math.min(w / 2, Math.max(150, Math.ceil(longest * fs.ticks * 0.6) + 12));
  const pad = labelled ? (input.horizontal === true ? { right } : { top: 28 }) : {};
  const valueAxis = log
    ? axis("logarithmic", input.valueLabel, fs, { ...rangeOpts(decadeRange(data.flat(), [1, 10])), stacked: false })
    : axis("linear", input.valueLabel, fs, {
        stacked,
        beginAtZero: true,
        min: 0,
        ...(input.max !== undefined && { max: input.max }),
      });
  const categoryAxis = axis("category", input.categoryLabel, fs, {
    stacked,
    ...(input.horizontal === true && { ticks: { ...categoryTicks(fs), maxRotation: 0 } }),
  });
  const single = input.series.length === 1;
  // A horizontal chart's category labels take at most a quarter of its width: longer ones wrap (a phone's chart).
  const labels =
    input.horizontal === true
      ? input.categories.map((c) => wrapText(c, w / 4 + 40, fs.ticks, REGULAR_EM))
      : input.categories;
  const config: ChartConfiguration<"bar"> = {
    type: "bar",
    data: {
      labels,
      datasets: input.series.map((s, i) => {
        const color = s.color ?? colorAt(i);
        return {
          label: s.label,
          data: data[i] as (number | null)[],
          backgroundColor: single ? withAlpha(color, 0.85) : color,
          borderColor: single ? color : "#ffffff",
          borderWidth: 1,
        };
      }),
    },
    options: {
      indexAxis: input.horizontal === true ? "y" : "x",
      layout: { padding: { ...layout.padding, ...pad } },
      plugins: plugins(input.title, fs, !single, input.subtitle ?? droppedNote(dropped, "bar")),
      scales: input.horizontal === true ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    },
    plugins: labelled ? [barTextPlugin(input, fs.ticks)] : [],
  };
  return renderChart(config, w, h);
}

function categoryTicks(fs: ReturnType<typeof fontSizes>) {
  return { font: { size: fs.ticks, family: FONT_FAMILY }, color: "#333333", autoSkip: false };
}

/** Height for `n` horizontal bars: about 56 px a bar plus title, legend and axis. */
export function horizontalHeight(n: number, legend = true): number {
  return Math.round(Math.min(2000, Math.max(260, 150 + (legend ? 40 : 0) + 56 * n)));
}
