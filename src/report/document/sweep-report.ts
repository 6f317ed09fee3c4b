import { BOUNDS, FIELD, readMetrics, RECORD, type PointMetrics } from "../../sweep/evaluate.js";
import { designOf, fastestPoint, pointValues, type SweepResult } from "../../sweep/run.js";
import { kneeOf } from "../../sweep/pareto.js";
import { describePoint, type Value } from "../../sweep/space.js";
import { formatFixed, formatInteger, formatPercent, formatSignificant, renderTable, toCsv } from "../views/format.js";
import { code, heading, image, list, paragraph, table, type Block } from "./report-document.js";
import { renderHtml } from "./report-html.js";
import { renderMarkdown } from "./report-markdown.js";
import { formatBoundMix } from "../views/simulate-view.js";
import { sweepCharts } from "./sweep-charts.js";
import { NARROW_WIDTH } from "../chart/charts.js";

/** The outputs of a sweep: rows as CSV/JSON/a table, and the report folder (CSV, summary.md, index.html, charts). */
export interface PointRow extends PointMetrics {
  readonly design: Readonly<Record<string, Value>>;
  readonly pareto: boolean;
}

export function pointRow(result: SweepResult, index: number, front: ReadonlySet<number>): PointRow {
  return { design: designOf(result, index), ...readMetrics(result.metrics, index), pareto: front.has(index) };
}

const METRIC_HEADERS = [
  "latency_ms",
  "inferences_per_second",
  "mac_utilization",
  "peak_macs_per_cycle",
  "sram_kib",
  "cycles",
  ...BOUNDS.map((b) => `bound_${b}`),
  "energy_mj",
  "area_mm2",
  "power_w",
  "period_ms",
  "unit_area_mm2",
  "unit_mac_utilization",
  "fits_memory",
];

/** One CSV row per point (all of them, or those of `only`), full precision. */
export function sweepCsv(result: SweepResult, front: readonly number[], only?: readonly number[]): string {
  const onFront = new Set(front);
  const m = result.metrics;
  const fields = [
    FIELD.latencyMs,
    FIELD.inferencesPerSecond,
    FIELD.macUtilization,
    FIELD.peakMacsPerCycle,
    FIELD.sramKiB,
    FIELD.cycles,
    ...BOUNDS.map((b) => FIELD[b]),
    FIELD.energyMj,
    FIELD.areaMm2,
    FIELD.averagePowerW,
    FIELD.periodMs,
    FIELD.unitAreaMm2,
    FIELD.unitMacUtilization,
    FIELD.fitsMemory,
  ];
  const indices = only ?? Array.from({ length: result.space.count }, (_, i) => i);
  const rows = indices.map((i) => [
    ...pointValues(result, i),
    ...fields.map((f) => m[i * RECORD + f]!),
    onFront.has(i),
  ]);
  return toCsv([...result.space.columns.map((c) => c.path), ...METRIC_HEADERS, "pareto"], rows);
}

export function sweepJson(result: SweepResult, front: readonly number[]): string {
  const onFront = new Set(front);
  return JSON.stringify(
    {
      model: result.model,
      target: result.target,
      costModel: result.job.options.costModel,
      idealMemory: result.job.options.idealMemory,
      points: result.space.count,
      columns: result.space.columns.map((c) => ({ path: c.path, kind: c.kind, domain: c.domain, argument: c.text })),
      pareto: front,
      rows: Array.from({ length: result.space.count }, (_, i) => pointRow(result, i, onFront)),
    },
    null,
    2,
  );
}

const TABLE_HEADERS = ["Latency ms", "Inf/s", "MAC util.", "MACs/cycle", "SRAM KiB", "mJ", "mm²", "W", "Bound mix"];

function tableRows(result: SweepResult, indices: readonly number[], front: ReadonlySet<number>): string[][] {
  return indices.map((i) => {
    const r = pointRow(result, i, front);
    return [
      ...pointValues(result, i).map(String),
      formatFixed(r.latencyMs, 3),
      formatSignificant(r.inferencesPerSecond, 3),
      formatPercent(r.macUtilization),
      formatInteger(r.peakMacsPerCycle),
      formatInteger(r.sramKiB),
      formatSignificant(r.energyMj, 4),
      formatSignificant(r.areaMm2, 4),
      formatSignificant(r.averagePowerW, 3),
      formatBoundMix(r.boundMix),
    ];
  });
}

/**
 * Two lines: what was evaluated, the fastest design and the size of the Pareto front; with `timing`, how
 * long it took (left out of report files so that regenerating them changes nothing).
 */
export function sweepHeadline(result: SweepResult, front: readonly number[], timing = true): string {
  const best = fastestPoint(result);
  const time = timing ? ` in ${formatSignificant(result.seconds, 3)} s` : "";
  return [
    `${formatInteger(result.space.count)} designs of ${result.model} on ${result.target} evaluated${time}.`,
    `Fastest: ${describePoint(result.space.columns, pointValues(result, best))} at ${formatFixed(result.metrics[best * RECORD + FIELD.latencyMs]!, 3)} ms; Pareto front (latency × area × energy): ${front.length} design${front.length === 1 ? "" : "s"}.`,
  ].join("\n");
}

/** Points printed in full by the table format; a larger sweep prints its Pareto front. */
export const TABLE_POINTS = 100;

export function sweepTable(result: SweepResult, front: readonly number[]): string {
  const all = result.space.count <= TABLE_POINTS;
  const indices = all ? Array.from({ length: result.space.count }, (_, i) => i) : front;
  const headers = [...result.space.columns.map((c) => c.path), ...TABLE_HEADERS];
  const align = headers.map((_, i) => (i === headers.length - 1 ? "left" : "right") as "left" | "right");
  const title = all
    ? ""
    : `Pareto front (${front.length} of ${formatInteger(result.space.count)} designs; all of them with --format csv or -o <folder>):\n\n`;
  return `${sweepHeadline(result, front)}\n\n${title}${renderTable(headers, tableRows(result, indices, new Set(front)), align)}\n`;
}

/** Front rows shown in summary.md and index.html; pareto.csv has all of them. */
const REPORT_FRONT_ROWS = 60;

function summaryBlocks(
  result: SweepResult,
  front: readonly number[],
  charts: readonly { file: string; title: string }[],
  command?: string,
): Block[] {
  const shown = front.slice(0, REPORT_FRONT_ROWS);
  const headers = [...result.space.columns.map((c) => `\`${c.path}\``), ...TABLE_HEADERS];
  return [
    heading(1, `Sweep: ${result.model} on ${result.target}`),
    paragraph(sweepHeadline(result, front, false).replace("\n", " ")),
    list(result.space.columns.map((c) => `\`--${c.kind} ${c.text}\``)),
    ...(command === undefined ? [] : [paragraph("Regenerate with:"), code(command, "sh")]),
    heading(2, "Pareto front", "pareto"),
    paragraph(
      `Designs no other design beats in latency, silicon area and energy per inference all at once (equal designs count once), smallest area first${front.length > shown.length ? `; the first ${shown.length} of ${front.length}, all in \`pareto.csv\`` : ""}. Every design is in \`sweep.csv\`.`,
    ),
    table({
      headers,
      rows: tableRows(result, shown, new Set(front)),
      align: headers.map((_, i) => (i === headers.length - 1 ? "left" : "right")),
    }),
    ...kneeParagraph(result, front),
    heading(2, "Charts", "charts"),
    ...charts.map((c) => image(c.file, c.title)),
  ];
}

/** The report folder's files: sweep.csv, pareto.csv, summary.md, index.html and the chart PNGs. */
export async function sweepReportFiles(
  result: SweepResult,
  front: readonly number[],
  command?: string,
): Promise<Map<string, string | Uint8Array>> {
  // Both sizes drawn before either is awaited: their PNGs encode on the thread pool meanwhile.
  const [charts, phone] = await Promise.all([sweepCharts(result, front), sweepCharts(result, front, NARROW_WIDTH)]);
  const blocks = summaryBlocks(result, front, charts, command);
  const images = new Map(charts.map((c) => [c.file, c.png]));
  const narrow = new Map(phone.map((c) => [c.file, c.png]));
  return new Map<string, string | Uint8Array>([
    ["sweep.csv", sweepCsv(result, front)],
    ["pareto.csv", sweepCsv(result, front, front)],
    ["summary.md", renderMarkdown(blocks)],
    ["index.html", renderHtml(`Sweep: ${result.model} on ${result.target}`, blocks, images, narrow)],
    ...charts.map((c): [string, Uint8Array] => [c.file, c.png]),
  ]);
}

/** The recommended design (pareto.ts, kneeOf), as the Pareto chart marks it. */
function kneeParagraph(result: SweepResult, front: readonly number[]): Block[] {
  const knee = kneeOf(result, front);
  if (knee === undefined) return [];
  const m = readMetrics(result.metrics, knee);
  return [
    paragraph(
      `**Recommended:** ${describePoint(result.space.columns, pointValues(result, knee))} — the knee of the front in latency × area (past it, more area buys little latency; before it, less area costs much): ${formatFixed(m.latencyMs, 3)} ms, ${formatSignificant(m.areaMm2, 4)} mm², ${formatSignificant(m.energyMj, 4)} mJ.`,
    ),
  ];
}
