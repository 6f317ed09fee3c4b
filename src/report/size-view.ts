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
    energyMj: d.energyMj,
    areaMm2: d.areaMm2,
    powerW: d.powerW,
    misses: d.misses,
  };
}

export function sizingJson(sizing: Sizing): string {
  const { design, ...answer } = designRecord(sizing);
  return JSON.stringify(
    { design, ...answer, budgetMs: sizing.budgetMs, budgetOn: sizing.on, minimise: sizing.minimise, points: sizing.points, neighbours: sizing.neighbours.map(designRecord) },
    null,
    2,
  );
}

const UNITS = { area: "mm²", energy: "mJ per inference", power: "W at the budget's rate" } as const;

export function sizingTable(sizing: Sizing, model: string, target: string): string {
  const paths = Object.keys(sizing.design);
  // Clock and SRAM are shown as cost columns unless they are varied (then their column already says it).
  const clock = !paths.includes("clock_mhz");
  const sram = !paths.includes("sram.size_kib");
  const headers = [...paths, "MACs/cycle", ...(clock ? ["Clock MHz"] : []), ...(sram ? ["SRAM KiB"] : []), "Latency ms", "Margin ms", "mm²", "mJ", "W", "Utilisation", "Budget"];
  const row = (d: SizedDesign, note: string) => [
    ...paths.map((p) => String(d.design[p])),
    formatInteger(d.peakMacsPerCycle),
    ...(clock ? [formatSignificant(d.clockMhz, 4)] : []),
    ...(sram ? [formatInteger(d.sramKiB)] : []),
    formatFixed(d.latencyMs, 3),
    formatFixed(d.marginMs, 3),
    formatSignificant(d.areaMm2, 4),
    formatSignificant(d.energyMj, 4),
    formatSignificant(d.powerW, 3),
    formatPercent(d.utilization),
    note,
  ];
  const rows = [...[...sizing.neighbours].reverse().map((d) => row(d, `misses: ${d.misses.join(", ")}`)), row(sizing, `← least ${sizing.minimise} that meets it`)];
  const align = headers.map((_, i) => (i === headers.length - 1 ? "left" : "right") as "left" | "right");
  const ms = `${formatSignificant(sizing.budgetMs, 4)} ms`;
  const budget = {
    latency: `${ms} per inference (${formatSignificant(1000 / sizing.budgetMs, 4)} inferences/s)`,
    period: `a period of ${ms} between inferences`,
    loop: `the control loop: latency and period within ${ms}`,
    unit: `${ms} of the unit's busy time per inference`,
  }[sizing.on];
  const summary = Object.entries(sizing.design).map(([k, v]) => `${k}=${v}`).join(", ");
  return [
    `Cheapest design for ${model} on ${target} meeting ${budget}, of ${formatInteger(sizing.points)} designs`,
    `ordered by ${sizing.minimise} (${UNITS[sizing.minimise]}), then latency:`,
    "",
    `  ${summary}: ${formatFixed(sizing.latencyMs, 3)} ms, margin ${formatFixed(sizing.marginMs, 3)} ms (${formatPercent(sizing.marginMs / sizing.budgetMs)} of the budget); ` +
      `${formatSignificant(sizing.areaMm2, 4)} mm², ${formatSignificant(sizing.energyMj, 4)} mJ, ${formatSignificant(sizing.powerW, 3)} W`,
    "",
    renderTable(headers, rows, align),
    "",
  ].join("\n");
}
