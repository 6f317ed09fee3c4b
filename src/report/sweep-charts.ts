import { FIELD, RECORD } from "../sweep/evaluate.js";
import type { SweepResult } from "../sweep/run.js";
import { lineChart, type LineSeries, type XYPoint } from "./charts.js";
import { formatSignificant } from "./format.js";

/**
 * The sweep's charts: latency and utilisation against array size (peak MACs per cycle; one line per clock
 * when the clock is varied), and the Pareto front of latency against peak MACs per cycle over all designs.
 */
export interface SweepChart {
  /** File name in the report folder. */
  readonly file: string;
  readonly title: string;
  readonly png: Buffer;
}

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

export function sweepCharts(result: SweepResult, front: readonly number[]): SweepChart[] {
  const m = result.metrics;
  const latency = (i: number) => m[i * RECORD + FIELD.latencyMs]!;
  const peak = (i: number) => m[i * RECORD + FIELD.peakMacsPerCycle]!;
  // Charts against array size only when the array size changes; the Pareto chart always.
  const sized = distinct(result.space.count, peak) > 1 ? sizeCharts(result, peak, latency) : [];
  return [...sized, paretoChart(result, front, latency)];
}

function sizeCharts(result: SweepResult, size: (i: number) => number, latency: (i: number) => number): SweepChart[] {
  const m = result.metrics;
  const clock = (i: number) => m[i * RECORD + FIELD.clockMhz]!;
  const byClock = distinct(result.space.count, clock) > 1;
  // The fastest design at each (clock, size): other varied parameters are chosen at their best.
  const best = new Map<number, Map<number, number>>();
  for (let i = 0; i < result.space.count; i++) {
    const line = byClock ? clock(i) : 0;
    const points = best.get(line) ?? new Map<number, number>();
    best.set(line, points);
    const previous = points.get(size(i));
    if (previous === undefined || latency(i) < latency(previous)) points.set(size(i), i);
  }
  const groups = [...best.values()].reduce((n, points) => n + points.size, 0);
  const note = groups < result.space.count ? " (fastest design at each size)" : "";
  const lines = [...best.entries()].sort((a, b) => a[0] - b[0]);
  const series = (y: (i: number) => number): LineSeries[] =>
    lines.map(([mhz, points]) => ({
      label: byClock ? `${formatSignificant(mhz, 4)} MHz` : `${formatSignificant(clock(0), 4)} MHz`,
      points: [...points].map(([x, i]): XYPoint => ({ x, y: y(i) })),
    }));
  const xs = [...new Set(lines.flatMap(([, points]) => [...points.keys()]))];
  const latencies = lines.flatMap(([, points]) => [...points.values()].map(latency));
  const latencyTitle = `Latency per inference vs array size${note}`;
  const utilisationTitle = `Array utilisation vs array size${note}`;
  const logX = logScale(xs, 16);
  const xLabel = "array size: peak MACs per cycle (R × C × arrays)";
  return [
    {
      file: "latency-vs-array-size.png",
      title: latencyTitle,
      png: lineChart({ title: latencyTitle, xLabel, yLabel: "latency per inference (ms)", series: series(latency), logX, logY: logScale(latencies, 20) }),
    },
    {
      file: "utilisation-vs-array-size.png",
      title: utilisationTitle,
      png: lineChart({ title: utilisationTitle, xLabel, yLabel: "utilisation (%)", series: series((i) => m[i * RECORD + FIELD.utilization]! * 100), logX }),
    },
  ];
}

function paretoChart(result: SweepResult, front: readonly number[], latency: (i: number) => number): SweepChart {
  const m = result.metrics;
  const energy = (i: number) => m[i * RECORD + FIELD.energyMj]!;
  const point = (i: number): XYPoint => ({ x: m[i * RECORD + FIELD.areaMm2]!, y: latency(i) });
  const stride = Math.max(1, Math.ceil(result.space.count / MAX_SCATTER));
  const all: XYPoint[] = [];
  for (let i = 0; i < result.space.count; i += stride) all.push(point(i));
  const shown = stride === 1 ? `all ${result.space.count}` : `${all.length} of ${result.space.count}`;
  const title = `Pareto front: latency vs area, coloured by energy (${front.length} of ${result.space.count} designs on the front)`;
  return {
    file: "pareto.png",
    title,
    png: lineChart({
      title,
      xLabel: "silicon area (mm²)",
      yLabel: "latency per inference (ms)",
      series: [{ label: `designs (${shown})`, points: all, showLine: false, color: "#b8b8b8" }],
      highlight: energyBands(front, energy).map((band, k) => ({ label: band.label, points: band.indices.map(point), color: BAND_COLORS[k]! })),
      logX: logScale(all.map((p) => p.x), 16),
      logY: logScale(all.map((p) => p.y), 20),
    }),
  };
}

const BAND_COLORS = ["#2ca02c", "#ff7f0e", "#d62728"];

/** The front split in three bands of energy per inference (lowest first), each labelled with its range. */
function energyBands(front: readonly number[], energy: (i: number) => number): { label: string; indices: number[] }[] {
  const byEnergy = [...front].sort((a, b) => energy(a) - energy(b));
  const bands = [0, 1, 2].map((k) => byEnergy.slice(Math.floor((k * byEnergy.length) / 3), Math.floor(((k + 1) * byEnergy.length) / 3)));
  return bands
    .filter((band) => band.length > 0)
    .map((band) => ({
      label: `front, ${formatSignificant(energy(band[0]!), 3)}–${formatSignificant(energy(band[band.length - 1]!), 3)} mJ`,
      indices: band,
    }));
}
