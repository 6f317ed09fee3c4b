/**
 * A timeline (Gantt chart) of a system's schedule: one row per unit and per link direction, one bar per run of
 * consecutive work of one component (or of transfers), coloured by component; every other inference is drawn
 * lighter so the overlap of back-to-back inferences shows.
 */
import type { ChartConfiguration } from "chart.js";
import { axis, checkSize, colorAt, fontSizes, layout, plugins, renderChart, withAlpha } from "./chart-canvas.js";

export interface TimelineBar {
  /** Row label: a unit, or a link direction such as "host → xattn". */
  readonly row: string;
  /** Legend group: a component, or "transfers". */
  readonly group: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Which inference (0, 1, …): odd ones are drawn lighter, so neighbours in a pipeline stand apart. */
  readonly inference: number;
}

export interface TimelineInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly rows: readonly string[];
  readonly bars: readonly TimelineBar[];
  readonly width?: number;
  readonly height?: number;
}

const TRANSFER_COLOR = "#444444";

export function timelineChart(input: TimelineInput): Promise<Buffer> {
  const w = input.width ?? 1200;
  // Drawn for a phone, the title, subtitle and legend wrap to several lines: room for them above the rows.
  const wrapped = w < 800 ? 240 : 0;
  const [width, height] = checkSize(w, input.height ?? Math.max(260, 110 + 46 * input.rows.length) + wrapped);
  const fs = fontSizes(width, height);
  const groups = [...new Set(input.bars.map((b) => b.group))];
  const colorOf = (group: string) =>
    group === "transfers" ? TRANSFER_COLOR : colorAt(groups.filter((g) => g !== "transfers").indexOf(group));
  const datasets = groups.flatMap((group) =>
    [0, 1]
      .map((parity) => {
        const bars = input.bars.filter((b) => b.group === group && b.inference % 2 === parity);
        return {
          label: parity === 0 ? group : `${group} (alternate inferences)`,
          data: bars.map((b) => ({ x: [b.startMs, b.endMs] as [number, number], y: b.row })),
          backgroundColor: parity === 0 ? colorOf(group) : withAlpha(colorOf(group), 0.4),
          borderWidth: 0,
          grouped: false,
          barPercentage: 0.8,
          categoryPercentage: 1,
          minBarLength: 1,
        };
      })
      .filter((d) => d.data.length > 0),
  );
  // Floating bars ({ x: [start, end], y: row }) are data Chart.js parses, though its types only list numbers.
  const config = {
    type: "bar",
    data: { labels: [...input.rows], datasets },
    options: {
      indexAxis: "y",
      layout,
      scales: {
        x: axis("linear", "time from the observation (ms)", fs, { min: 0 }),
        y: axis("category", "", fs),
      },
      plugins: plugins(input.title, fs, true, input.subtitle),
    },
  } as unknown as ChartConfiguration<"bar">;
  return renderChart(config, width, height);
}
