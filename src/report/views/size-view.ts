/** The answer of `size` as a table or JSON: the chosen design, its margin and the cheaper designs that miss. */
import type { SizedDesign, Sizing } from "../../sweep/size.js";
import { formatFixed, formatInteger, formatPercent, formatSignificant, renderTable } from "./format.js";

/** A unit figure that does not apply (no unit sized) is null, never NaN. */
function show(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** The documented JSON of one design (the answer or a neighbour). */
function designRecord(d: SizedDesign) {
  return {
    design: d.design,
    latencyMs: d.latencyMs,
    periodMs: d.periodMs,
    budgetedMs: d.budgetedMs,
    marginMs: d.marginMs,
    peakMacsPerCycle: show(d.peakMacsPerCycle),
    clockMhz: show(d.clockMhz),
    sramKiB: show(d.sramKiB),
    unitAreaMm2: show(d.unitAreaMm2),
    macUtilization: show(d.macUtilization),
    energyMj: d.energyMj,
    areaMm2: d.areaMm2,
    powerW: d.powerW,
    misses: d.misses,
  };
}

export function sizingJson(sizing: Sizing): string {
  const { design, ...answer } = designRecord(sizing);
  return JSON.stringify(
    {
      design,
      ...answer,
      budgetMs: sizing.budgetMs,
      budgetOn: sizing.on,
      minimise: sizing.minimise,
      points: sizing.points,
      excluded: sizing.excluded,
      neighbours: sizing.neighbours.map(designRecord),
    },
    null,
    2,
  );
}

const UNITS = { area: "mm²", energy: "mJ per inference", power: "W at the budget's rate" } as const;

/** "—" for a unit figure that does not apply. */
function or(x: number, format: (x: number) => string): string {
  return Number.isFinite(x) ? format(x) : "—";
}

const BUDGETED = { latency: "Latency ms", period: "Period ms", loop: "Loop ms", unit: "Unit busy ms" } as const;

/**
 * The answer with its near misses. Unit columns (MACs/cycle, clock, SRAM, unit mm², MAC utilisation) are the
 * target's, or in a system the sized unit's own; latency, period, area, energy and power are the whole design's;
 * the budgeted quantity stands beside its margin.
 */
export function sizingTable(sizing: Sizing, model: string, target: string, system = false): string {
  const paths = Object.keys(sizing.design);
  const varied = (suffix: string) => paths.some((p) => p === suffix || p.endsWith(`.${suffix}`));
  const clock = !varied("clock_mhz");
  const sram = !varied("sram.size_kib");
  const budgeted = sizing.on !== "latency" && sizing.on !== "period";
  const headers = [
    ...paths,
    "MACs/cycle",
    ...(clock ? ["Clock MHz"] : []),
    ...(sram ? ["SRAM KiB"] : []),
    ...(system ? ["Unit mm²"] : []),
    "MAC util.",
    "Latency ms",
    ...(system ? ["Period ms"] : []),
    ...(budgeted ? [BUDGETED[sizing.on]] : []),
    "Margin ms",
    system ? "System mm²" : "mm²",
    "mJ",
    "W",
    "Budget",
  ];
  const row = (d: SizedDesign, note: string) => [
    ...paths.map((p) => String(d.design[p])),
    or(d.peakMacsPerCycle, formatInteger),
    ...(clock ? [or(d.clockMhz, (x) => formatSignificant(x, 4))] : []),
    ...(sram ? [or(d.sramKiB, formatInteger)] : []),
    ...(system ? [or(d.unitAreaMm2, (x) => formatSignificant(x, 4))] : []),
    or(d.macUtilization, formatPercent),
    formatFixed(d.latencyMs, 3),
    ...(system ? [formatFixed(d.periodMs, 3)] : []),
    ...(budgeted ? [formatFixed(d.budgetedMs, 3)] : []),
    formatFixed(d.marginMs, 3),
    formatSignificant(d.areaMm2, 4),
    formatSignificant(d.energyMj, 4),
    formatSignificant(d.powerW, 3),
    note,
  ];
  const rows = [
    ...[...sizing.neighbours].reverse().map((d) => row(d, `near miss: ${d.misses.join(", ")}`)),
    row(sizing, `← least ${sizing.minimise} that meets it`),
  ];
  const align = headers.map((_, i) => (i === headers.length - 1 ? "left" : "right") as "left" | "right");
  const ms = `${formatSignificant(sizing.budgetMs, 4)} ms`;
  const budget = {
    latency: `${ms} per inference (${formatSignificant(1000 / sizing.budgetMs, 4)} inferences/s)`,
    period: `a period of ${ms} between inferences`,
    loop: `the control loop: a chunk every ${ms} (period) and fresh actions (latency)`,
    unit: `${ms} of the unit's busy time per inference`,
  }[sizing.on];
  const summary = Object.entries(sizing.design)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  const excluded =
    sizing.excluded === 0
      ? []
      : [`${formatInteger(sizing.excluded)} designs left out: a unit's memory does not fit its DRAM.`];
  return [
    `Cheapest design for ${model} on ${target} meeting ${budget}, of ${formatInteger(sizing.points)} designs`,
    `ordered by ${sizing.minimise} (${UNITS[sizing.minimise]})${sizing.minimise === "area" ? ", then energy" : ""}, then the budgeted time:`,
    "",
    `  ${summary}: ${BUDGETED[sizing.on].replace(" ms", "").toLowerCase()} ${formatFixed(sizing.budgetedMs, 3)} ms, margin ${formatFixed(sizing.marginMs, 3)} ms (${formatPercent(sizing.marginMs / sizing.budgetMs)} of the budget); ` +
      `${formatSignificant(sizing.areaMm2, 4)} mm², ${formatSignificant(sizing.energyMj, 4)} mJ, ${formatSignificant(sizing.powerW, 3)} W`,
    ...excluded,
    "",
    renderTable(headers, rows, align),
    "",
  ].join("\n");
}
