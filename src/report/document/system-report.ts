/** The report folder of a system: report.md, index.html, result.json and the timeline charts. */
import type { Graph } from "../../graph/types.js";
import type { ScheduledItem } from "../../system/scheduled-item.js";
import { resourceName, type SystemResult } from "../../system/simulate-system.js";
import type { System } from "../../hardware/system.js";
import { barChart, NARROW_WIDTH } from "../chart/charts.js";
import { formatFixed } from "../views/format.js";
import { code, heading, image, paragraph, table, type Block } from "./report-document.js";
import { renderHtml } from "./report-html.js";
import { renderMarkdown } from "./report-markdown.js";
import { settled, type PendingCharts } from "./chart-files.js";
import type { Baseline } from "../../system/baseline.js";
import {
  baselineLine,
  controlLine,
  GLOSSARY_NOTE,
  headlineLine,
  systemRecord,
  TRANSFER_ALIGN,
  TRANSFER_HEADERS,
  transferRows,
  unitsTable,
} from "../views/system-view.js";
import { timelineChart, type TimelineBar } from "../chart/timeline-chart.js";

/** Consecutive items on one row of one group (within a small gap) become one bar: a timeline stays legible. */
function timelineBars(
  items: readonly ScheduledItem[],
  graph: Graph,
  system: System,
): { rows: string[]; bars: TimelineBar[] } {
  const rowOf = (item: ScheduledItem) => resourceName(system, item.resource);
  const span = Math.max(...items.map((i) => i.end), 0);
  const gap = span * 2e-3;
  const bars: TimelineBar[] = [];
  const open = new Map<string, TimelineBar>();
  for (const item of [...items].sort((a, b) => a.start - b.start)) {
    const row = rowOf(item);
    const group = item.transfer ? "transfers" : item.memory ? "DRAM streams" : graph.ops[item.op]!.component;
    const key = `${row}\u0000${group}\u0000${item.inference}`;
    const last = open.get(key);
    if (last !== undefined && item.start * 1e3 - last.endMs <= gap * 1e3) {
      const merged = { ...last, endMs: Math.max(last.endMs, item.end * 1e3) };
      bars[bars.indexOf(last)] = merged;
      open.set(key, merged);
    } else {
      const bar = { row, group, startMs: item.start * 1e3, endMs: item.end * 1e3, inference: item.inference };
      bars.push(bar);
      open.set(key, bar);
    }
  }
  return { rows: [...new Set([...system.units.map((u) => u.name), ...bars.map((b) => b.row)])], bars };
}

/** Inferences of the pipelined schedule drawn: enough to see the steady state without a wall of bars. */
const DRAWN_INFERENCES = 4;

export async function systemReportFiles(
  system: System,
  result: SystemResult,
  command: string,
  baseline?: Baseline,
): Promise<Map<string, string | Uint8Array>> {
  // Both sizes drawn before either is awaited: their PNGs encode on the thread pool meanwhile.
  const [charts, narrow] = await Promise.all([
    settled(systemCharts(system, result)),
    settled(systemCharts(system, result, NARROW_WIDTH)),
  ]);
  const blocks: Block[] = [
    heading(1, `System: ${result.model} on ${result.system}`),
    paragraph(
      system.description === "" ? `${system.units.length} units, ${system.links.length} links.` : system.description,
    ),
    paragraph("Regenerate with:"),
    code(command, "sh"),
    paragraph(`**${headlineLine(result)}**`),
    ...(baseline === undefined ? [] : [paragraph(`**Baseline:** ${baselineLine(baseline, result)}.`)]),
    ...(result.control === undefined ? [] : [paragraph(`**Control loop:** ${controlLine(result.control)}`)]),
    heading(2, "Units"),
    table(unitsTable(result, system)),
    paragraph(GLOSSARY_NOTE),
    heading(2, "Transfers"),
    result.transfers.length === 0
      ? paragraph("No tensor crosses a link.")
      : table({ headers: TRANSFER_HEADERS, rows: transferRows(result), align: TRANSFER_ALIGN }),
    heading(2, "Timeline"),
    image("charts/timeline.png", "One inference per unit and link"),
    image("charts/timeline-pipelined.png", "Inferences back to back"),
    image("charts/unit-busy.png", "Busy fraction per unit"),
  ];
  return new Map<string, string | Uint8Array>([
    ["report.md", renderMarkdown(blocks)],
    ["index.html", renderHtml(`System: ${result.model} on ${result.system}`, blocks, charts, narrow)],
    ["result.json", `${JSON.stringify(systemRecord(result, system, baseline), null, 2)}\n`],
    ...charts,
  ]);
}

/** The timelines and the busy fractions, drawn `width` pixels wide (default: each chart's own). */
function systemCharts(system: System, result: SystemResult, width?: number): PendingCharts {
  const size = width === undefined ? {} : { width };
  const graph = result.graph;
  const one = timelineBars(result.items, graph, system);
  const drawn = (result.pipelined ?? result.items).filter((i) => i.inference < DRAWN_INFERENCES);
  const shown = Math.min(DRAWN_INFERENCES, result.steadyState.inferences);
  const pipelined = timelineBars(drawn, graph, system);
  return new Map([
    [
      "charts/timeline.png",
      timelineChart({
        title: `One inference of ${result.model} on ${result.system}: ${formatFixed(result.latencyMs, 3)} ms`,
        ...size,
        ...one,
      }),
    ],
    [
      "charts/timeline-pipelined.png",
      timelineChart({
        title: `Inferences back to back: one every ${formatFixed(result.periodMs, 3)} ms (the period; bound ${formatFixed(result.periodBoundMs, 3)} ms, ${result.bottleneck})`,
        subtitle: `the first ${shown} of the ${result.steadyState.inferences} scheduled, alternate inferences lighter; each unit and link takes the earliest inference's ready work`,
        ...size,
        ...pipelined,
      }),
    ],
    [
      "charts/unit-busy.png",
      barChart({
        title: "Busy fraction when inferences run back to back (busy ÷ period)",
        xLabel: "unit",
        yLabel: "busy (% of the period)",
        categories: result.units.map((u) => u.name),
        values: result.units.map((u) => u.busyFraction * 100),
        max: 100,
        ...size,
      }),
    ],
  ]);
}
