import { FIELD, RECORD } from "../../sweep/evaluate.js";
import { pointValues, type SweepResult } from "../../sweep/run.js";
import { kneeOf } from "../../sweep/pareto.js";
import { describePoint } from "../../sweep/space.js";
import { DEFAULT_WIDTH, lineChart, type LineSeries, type XYPoint } from "../chart/charts.js";
import { formatSignificant } from "../views/format.js";
import { targetOfPoint } from "../../sweep/targets.js";

/**
 * The sweep's charts: latency and utilisation against array shape (placed at its peak MACs per cycle; one line
 * per clock and SRAM size when they are varied, identical lines merged), and the Pareto front of latency
 * against area over all designs.
 */
export interface SweepChart {
  /** File name in the report folder. */
  readonly file: string;
  readonly title: string;
  readonly png: Buffer;
}

/** A chart drawn whose PNG is still being encoded (renderChart). */
type DrawnChart = Omit<SweepChart, "png"> & { readonly png: Promise<Buffer> };

/** Designs drawn as grey dots on the Pareto chart at most (evenly picked); the front is always drawn whole. */
const MAX_SCATTER = 4000;

function distinct(count: number, at: (i: number) => number): number {
  const seen = new Set<number>();
  for (let i = 0; i < count && seen.size < 2; i++) seen.add(at(i));
  return seen.size;
}

/** Wide ranges get a log axis. */
function logScale(values: readonly number[], ratio: number): boolean {
  let min = Infinity;
  let max = 0;
  for (const v of values) if (v > 0) [min, max] = [Math.min(min, v), Math.max(max, v)];
  return max > 0 && max / min >= ratio;
}

export async function sweepCharts(
  result: SweepResult,
  front: readonly number[],
  width: number = DEFAULT_WIDTH,
): Promise<SweepChart[]> {
  const m = result.metrics;
  const latency = (i: number) => m[i * RECORD + FIELD.latencyMs]!;
  const peak = (i: number) => m[i * RECORD + FIELD.peakMacsPerCycle]!;
  // Charts against array size only when the array size changes; the Pareto chart always.
  const sized = distinct(result.space.count, peak) > 1 ? sizeCharts(result, peak, latency, width) : [];
  const drawn = [...sized, paretoChart(result, front, latency, width)];
  return Promise.all(drawn.map(async (chart) => ({ ...chart, png: await chart.png })));
}

/** Lines drawn at most on one chart against array size; beyond, SRAM (then clock) is taken at its best. */
const MAX_LINES = 8;
const DASHES: number[][] = [[], [10, 5], [4, 4], [12, 4, 3, 4], [2, 3], [16, 6]];
const MARKERS = ["circle", "rect", "triangle", "rectRot", "crossRot", "star"];

function sizeCharts(
  result: SweepResult,
  size: (i: number) => number,
  latency: (i: number) => number,
  width: number,
): DrawnChart[] {
  const m = result.metrics;
  const n = result.space.count;
  const clock = (i: number) => m[i * RECORD + FIELD.clockMhz]!;
  const sram = (i: number) => m[i * RECORD + FIELD.sramKiB]!;
  // One line per clock and SRAM size when they vary (their effect is the point of varying them), unless that
  // makes too many lines: then SRAM, then the clock too, is taken at its fastest.
  const dims = [
    { of: clock, unit: "MHz" },
    { of: sram, unit: "KiB SRAM" },
  ].filter((d) => distinct(n, d.of) > 1);
  const countLines = (ds: typeof dims) =>
    new Set(Array.from({ length: n }, (_, i) => ds.map((d) => d.of(i)).join("|"))).size;
  let lineDims = dims;
  while (lineDims.length > 0 && countLines(lineDims) > MAX_LINES) lineDims = lineDims.slice(0, -1);
  const best = new Map<string, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const key = lineDims.map((d) => d.of(i)).join("|");
    const points = best.get(key) ?? new Map<number, number>();
    best.set(key, points);
    const previous = points.get(size(i));
    if (previous === undefined || latency(i) < latency(previous)) points.set(size(i), i);
  }
  const collapsed = [...best.values()].reduce((k, points) => k + points.size, 0) < n;
  const lines = [...best.values()].map((points) => [...points.entries()].sort((a, b) => a[0] - b[0]));
  const label = (i: number) =>
    lineDims.length === 0
      ? dims.length > 0
        ? "fastest design at each shape"
        : `${Number(clock(i).toPrecision(4))} MHz, ${Number(sram(i).toPrecision(4))} KiB SRAM`
      : lineDims.map((d) => `${Number(d.of(i).toPrecision(4))} ${d.unit}`).join(", ");
  const chart = (
    y: (i: number) => number,
    file: string,
    title: string,
    yLabel: string,
    logY: boolean,
    yRange?: [number, number],
  ): DrawnChart => {
    const { series, merged } = mergeIdentical(
      lines.map((line) => ({ label: label(line[0]![1]), points: line.map(([x, i]) => ({ x, y: y(i) })) })),
    );
    const notes = [
      collapsed ? "the fastest design at each array size and line" : undefined,
      merged > 0 ? `${merged} line${merged === 1 ? "" : "s"} identical to another merged into its label` : undefined,
    ].filter((t) => t !== undefined);
    return {
      file,
      title,
      png: lineChart({
        title,
        width,
        ...(notes.length > 0 && { subtitle: notes.join("; ") }),
        xLabel:
          result.kind === "target"
            ? "array shape (rows × cols; at its peak MACs per cycle)"
            : "the sized unit's peak MACs per cycle",
        yLabel,
        series: series.map((s, k) => ({
          ...s,
          dash: DASHES[k % DASHES.length]!,
          pointStyle: MARKERS[k % MARKERS.length]!,
        })),
        xTicks: shapeTicks(result, lines.flat()),
        logX: logScale(
          lines.flat().map(([x]) => x),
          16,
        ),
        logY,
        ...(yRange !== undefined && { yRange }),
      }),
    };
  };
  return [
    chart(
      latency,
      "latency-vs-array-size.png",
      "Latency per inference vs array shape",
      "latency per inference (ms)",
      logScale(
        lines.flat().map(([, i]) => latency(i)),
        20,
      ),
    ),
    chart(
      (i) => m[i * RECORD + FIELD.macUtilization]! * 100,
      "utilisation-vs-array-size.png",
      "Array utilisation vs array shape",
      "utilisation (% of peak MACs)",
      false,
      [0, 100],
    ),
  ];
}

/**
 * "16×16", "8×8 ×4" (four arrays); array shapes of the same peak MACs per cycle share a tick. A sweep over a
 * system's units has no single target per point: its ticks are the sized unit's MACs per cycle.
 */
function shapeTicks(
  result: SweepResult,
  points: readonly (readonly [number, number])[],
): { value: number; label: string }[] {
  if (result.kind === "system")
    return [...new Set(points.map(([x]) => x))].map((value) => ({ value, label: `${value} MACs` }));
  const shapes = new Map<number, Set<string>>();
  for (const [x, i] of points) {
    const { rows, cols, count } = targetOfPoint(result.targets, i).array;
    const set = shapes.get(x) ?? new Set<string>();
    set.add(`${rows}×${cols}${count > 1 ? ` ×${count}` : ""}`);
    shapes.set(x, set);
  }
  return [...shapes].map(([value, set]) => ({
    value,
    label: [...set].slice(0, 2).join(" / ") + (set.size > 2 ? " …" : ""),
  }));
}

/** Lines with the same points (to 1 part in 10^9) drawn once, labelled with all their names. */
export function mergeIdentical(series: readonly LineSeries[]): { series: LineSeries[]; merged: number } {
  const byShape = new Map<string, LineSeries[]>();
  for (const s of series) {
    const key = s.points.map((p) => `${p.x}:${p.y.toPrecision(9)}`).join(",");
    byShape.set(key, [...(byShape.get(key) ?? []), s]);
  }
  const out = [...byShape.values()].map((same) =>
    same.length === 1 ? same[0]! : { ...same[0]!, label: `${joinLabels(same.map((s) => s.label))} (identical)` },
  );
  return { series: out, merged: series.length - out.length };
}

/** ["300 MHz, 64 KiB SRAM", "300 MHz, 256 KiB SRAM"] → "300 MHz, 64 / 256 KiB SRAM": parts that differ joined once. */
export function joinLabels(labels: readonly string[]): string {
  const split = labels.map((l) => l.split(", "));
  if (split.some((parts) => parts.length !== split[0]!.length)) return labels.join("; ");
  return split[0]!
    .map((_, k) => {
      const values = [...new Set(split.map((parts) => parts[k]!))];
      const units = new Set(values.map((v) => v.slice(v.indexOf(" "))));
      return units.size === 1 && values.length > 1
        ? `${values.map((v) => v.slice(0, v.indexOf(" "))).join(" / ")}${[...units][0]}`
        : values.join(" / ");
    })
    .join(", ");
}

function paretoChart(
  result: SweepResult,
  front: readonly number[],
  latency: (i: number) => number,
  width: number,
): DrawnChart {
  const m = result.metrics;
  const energy = (i: number) => m[i * RECORD + FIELD.energyMj]!;
  const point = (i: number): XYPoint => ({ x: m[i * RECORD + FIELD.areaMm2]!, y: latency(i) });
  const stride = Math.max(1, Math.ceil(result.space.count / MAX_SCATTER));
  const all: XYPoint[] = [];
  for (let i = 0; i < result.space.count; i += stride) all.push(point(i));
  const shown = stride === 1 ? `all ${result.space.count}` : `${all.length} of ${result.space.count}`;
  const title = `Pareto front: latency vs area, coloured by energy (${front.length} of ${result.space.count} designs on the front)`;
  const knee = kneeOf(result, front);
  return {
    file: "pareto.png",
    title,
    png: lineChart({
      title,
      width,
      xLabel: "silicon area (mm²)",
      yLabel: "latency per inference (ms)",
      series: [{ label: `designs (${shown})`, points: all, showLine: false, color: "#b8b8b8" }],
      highlight: [
        ...energyBands(front, energy).map((band, k) => ({
          label: band.label,
          points: band.indices.map(point),
          color: BAND_COLORS[k]!,
        })),
        // The recommended design, drawn last so that it stays visible when most designs are on the front.
        ...(knee === undefined
          ? []
          : [
              {
                // A phone's chart has no room for the point: the summary names it.
                label:
                  width < DEFAULT_WIDTH
                    ? "recommended (the knee)"
                    : `recommended (the knee): ${describePoint(result.space.columns, pointValues(result, knee))}`,
                points: [point(knee)],
                color: "#111111",
                showLine: false,
                pointStyle: "crossRot",
                pointRadius: 11,
              },
            ]),
      ],
      logX: logScale(
        all.map((p) => p.x),
        16,
      ),
      logY: logScale(
        all.map((p) => p.y),
        20,
      ),
    }),
  };
}

const BAND_COLORS = ["#2ca02c", "#ff7f0e", "#d62728"];

/** The front split in three bands of energy per inference (lowest first), each labelled with its range. */
function energyBands(front: readonly number[], energy: (i: number) => number): { label: string; indices: number[] }[] {
  const byEnergy = [...front].sort((a, b) => energy(a) - energy(b));
  const bands = [0, 1, 2].map((k) =>
    byEnergy.slice(Math.floor((k * byEnergy.length) / 3), Math.floor(((k + 1) * byEnergy.length) / 3)),
  );
  return bands
    .filter((band) => band.length > 0)
    .map((band) => {
      const [low, high] = [energy(band[0]!), energy(band[band.length - 1]!)].map((mj) => formatSignificant(mj, 3));
      return { label: `front, ${low === high ? low : `${low}–${high}`} mJ`, indices: band };
    });
}
