/** The answer of `size` as a table or JSON: the chosen design, its margin and the cheaper designs that miss. */
import type { SizedDesign, Sizing } from "../sweep/size.js";
import { formatFixed, formatInteger, formatPercent, formatSignificant, renderTable } from "./format.js";

/** The documented JSON of one design (the answer or a neighbour). */
function designRecord(d: SizedDesign) {
  return {
    design: d.design,
    latencyMs: d.latencyMs,
    marginMs: d.marginMs,
    peakMacsPerCycle: d.peakMacsPerCycle,
    clockMhz: d.clockMhz,
    sramKiB: d.sramKiB,
    utilization: d.utilization,
  };
}

export function sizingJson(sizing: Sizing): string {
  const { design, latencyMs, marginMs, peakMacsPerCycle, clockMhz, sramKiB, utilization } = designRecord(sizing);
  return JSON.stringify(
    { design, latencyMs, marginMs, budgetMs: sizing.budgetMs, peakMacsPerCycle, clockMhz, sramKiB, utilization, points: sizing.points, neighbours: sizing.neighbours.map(designRecord) },
    null,
    2,
  );
}

export function sizingTable(sizing: Sizing, model: string, target: string): string {
  const paths = Object.keys(sizing.design);
  // Clock and SRAM are shown as cost columns unless they are varied (then their column already says it).
  const clock = !paths.includes("clock_mhz");
  const sram = !paths.includes("sram.size_kib");
  const headers = [...paths, "MACs/cycle", ...(clock ? ["Clock MHz"] : []), ...(sram ? ["SRAM KiB"] : []), "Latency ms", "Margin ms", "Utilisation", "Budget"];
  const row = (d: SizedDesign, note: string) => [
    ...paths.map((p) => String(d.design[p])),
    formatInteger(d.peakMacsPerCycle),
    ...(clock ? [formatSignificant(d.clockMhz, 4)] : []),
    ...(sram ? [formatInteger(d.sramKiB)] : []),
    formatFixed(d.latencyMs, 3),
    formatFixed(d.marginMs, 3),
    formatPercent(d.utilization),
    note,
  ];
  const rows = [...[...sizing.neighbours].reverse().map((d) => row(d, "misses")), row(sizing, "← smallest that meets the budget")];
  const align = headers.map((_, i) => (i === headers.length - 1 ? "left" : "right") as "left" | "right");
  const budget = `${formatSignificant(sizing.budgetMs, 4)} ms per inference (${formatSignificant(1000 / sizing.budgetMs, 4)} inferences/s)`;
  const summary = Object.entries(sizing.design).map(([k, v]) => `${k}=${v}`).join(", ");
  return [
    `Smallest design for ${model} on ${target} meeting ${budget}, of ${formatInteger(sizing.points)} designs`,
    `ordered by peak MACs/cycle, then clock, then SRAM:`,
    "",
    `  ${summary}: ${formatFixed(sizing.latencyMs, 3)} ms, margin ${formatFixed(sizing.marginMs, 3)} ms (${formatPercent(sizing.marginMs / sizing.budgetMs)} of the budget)`,
    "",
    renderTable(headers, rows, align),
    "",
  ].join("\n");
}
