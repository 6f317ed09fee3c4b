/**
 * An evaluation's outcome as the page's result panel: headline numbers (each in a `data-metric` element whose
 * text is the plain number), the control-loop verdict, breakdown charts, the roofline and the top ops.
 */
import { ENERGY_PARTS } from "../cost/energy.js";
import type { Bound } from "../cost/types.js";
import { formatFixed, formatPercent, formatSignificant } from "../report/views/format.js";
import { rooflineOps } from "../report/document/roofline-ops.js";
import { controlLine } from "../report/views/system-view.js";
import type { SimulationResult } from "../simulate/types.js";
import type { Outcome } from "./evaluate.js";
import { esc, roofline, stackedBars, type BarRow } from "./svg.js";

const BOUNDS: readonly Bound[] = ["compute", "sram", "dram", "vector", "launch"];

/** The headline metrics: name in `data-metric`, label, unit, and the digits the CLI prints. */
export const METRICS = [
  { metric: "latencyMs", label: "latency", unit: "ms", digits: 3 },
  { metric: "periodMs", label: "period", unit: "ms", digits: 3 },
  { metric: "energyMj", label: "energy", unit: "mJ", digits: 3 },
  { metric: "areaMm2", label: "area", unit: "mm²", digits: 3 },
  { metric: "macUtilization", label: "MAC utilisation", unit: "%", digits: 2, percent: true },
  { metric: "averagePowerW", label: "power back to back", unit: "W", digits: 3 },
] as const;

/** Sets each metric's text (rounded as the CLI prints it) and its exact value in `data-value`. */
export function showMetrics(root: ParentNode, outcome: Outcome): void {
  for (const m of METRICS) {
    const el = root.querySelector<HTMLElement>(`[data-metric="${m.metric}"]`);
    if (el === null) continue;
    el.textContent = formatFixed(outcome[m.metric] * ("percent" in m ? 100 : 1), m.digits);
    el.dataset.value = String(outcome[m.metric]);
  }
}

export function verdictText(outcome: Outcome): string {
  const sys = outcome.system?.result;
  const bound = sys === undefined ? "" : ` (period bound ${formatFixed(sys.periodBoundMs, 3)} ms: ${sys.bottleneck})`;
  const inferences =
    outcome.periodMs > 0 ? `${formatSignificant(1e3 / outcome.periodMs, 4)} inferences/s back to back${bound}` : "";
  return outcome.control === undefined
    ? `${inferences}; give --control-hz to check a control loop`
    : `Control loop: ${controlLine(outcome.control)}`;
}

function componentRows(outcome: Outcome): BarRow[] {
  return outcome.units.flatMap((u) =>
    u.result.components
      .filter((c) => c.cycles > 0)
      .map((c) => ({
        label: outcome.units.length > 1 ? `${u.name}: ${c.name}` : c.name,
        parts: BOUNDS.map((b) => ({ name: b, value: c.latencyMs * c.boundMix[b] })),
      })),
  );
}

function unitTable(outcome: Outcome): string {
  const sys = outcome.system;
  if (sys === undefined) return "";
  const rows = sys.result.units.map(
    (u, i) =>
      `<tr><td>${esc(u.name)}</td><td>${esc(sys.system.units[i]!.target.name)}</td><td>${formatFixed(u.busyMs, 3)}</td><td>${formatFixed(u.idleMs, 3)}</td><td>${formatPercent(u.busyFraction)}</td><td>${formatPercent(u.macUtilization)}</td><td>${formatPercent(u.criticalPathShare)}</td></tr>`,
  );
  const links = sys.result.links.map(
    (l) =>
      `<tr><td>${esc(l.between.join(" ↔ "))}</td><td>link</td><td>${formatFixed(l.busyMs, 3)}</td><td></td><td>${formatPercent(l.busyFraction)}</td><td></td><td>${formatPercent(l.criticalPathShare)}</td></tr>`,
  );
  return `<h2>Units and links</h2><table><thead><tr><th>unit</th><th>target</th><th>busy ms</th><th>idle ms</th><th>busy (÷ period)</th><th>MAC util.</th><th>critical path</th></tr></thead><tbody>${[...rows, ...links].join("")}</tbody></table>`;
}

/** Ops of the same component and name (one per layer) added up: which op dominates, over all its layers. */
function topOps(results: readonly { name: string; result: SimulationResult }[], multi: boolean, count = 10): string {
  const groups = new Map<
    string,
    { label: string; ms: number; macs: number; runs: number; cycles: Partial<Record<Bound, number>> }
  >();
  for (const { name, result } of results) {
    for (const r of result.ops) {
      const key = `${name}|${r.op.component}|${r.op.name}`;
      const g = groups.get(key) ?? {
        label: `${multi ? `${name}: ` : ""}${r.op.component} ${r.op.name}`,
        ms: 0,
        macs: 0,
        runs: 0,
        cycles: {},
      };
      g.ms += r.latencyMs;
      g.macs += r.macsPerInference;
      g.runs += r.op.count;
      g.cycles[r.bound] = (g.cycles[r.bound] ?? 0) + r.cycles;
      groups.set(key, g);
    }
  }
  const total = results.reduce((sum, r) => sum + r.result.latencyMs, 0);
  const rows = [...groups.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((g) => {
      const bound = BOUNDS.reduce((best, b) => ((g.cycles[b] ?? 0) > (g.cycles[best] ?? 0) ? b : best));
      return `<tr><td>${esc(g.label)}</td><td>${g.runs}</td><td>${formatFixed(g.ms, 3)}</td><td>${formatPercent(total > 0 ? g.ms / total : 0)}</td><td>${formatSignificant(g.macs / 1e9, 4)}</td><td>${bound}</td></tr>`;
    });
  return `<table><thead><tr><th>op (all layers)</th><th>runs</th><th>ms</th><th>share</th><th>G-MACs</th><th>mostly</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function rooflines(outcome: Outcome): string {
  return outcome.units
    .filter((u) => u.result.macs > 0)
    .map((u) => {
      const t = u.result.target;
      const { points } = rooflineOps(u.result);
      const chart = roofline(
        points.map((p) => ({ label: `${p.component} ${p.kind}`, intensity: p.intensity, attained: p.attained })),
        t.peakMacsPerCycle * t.clockMhz * 1e6,
        t.dramBandwidthGBps * 1e9,
        `roofline of ${t.name}`,
      );
      return `<figure><figcaption>Roofline of ${esc(u.name)} (${esc(t.name)}): each dot an op of one layer, at the rate simulated</figcaption>${chart}</figure>`;
    })
    .join("");
}

/** The whole result panel below the headline numbers, as HTML. */
export function detailsHtml(outcome: Outcome): string {
  const multi = outcome.units.length > 1;
  // A system's units by the system's own energy (each leaking over the period); a target by its own.
  const units = outcome.system?.result.units;
  const energy = outcome.units.map((u, i) => {
    const breakdown = units === undefined ? u.result.energyBreakdown : units[i]!.energyBreakdown;
    return { label: u.name, parts: ENERGY_PARTS.map((p) => ({ name: p, value: breakdown[p] })) };
  });
  const areaParts = Object.keys(outcome.units[0]!.result.areaBreakdown);
  const area = outcome.units.map((u) => ({
    label: u.name,
    parts: Object.entries(u.result.areaBreakdown).map(([name, value]) => ({ name, value: value as number })),
  }));
  return [
    unitTable(outcome),
    `<h2>Latency per component, by bound</h2>${stackedBars(componentRows(outcome), "ms", BOUNDS)}`,
    `<h2>Energy per inference${units === undefined ? "" : " back to back (clock and static: idle power over the period)"}</h2>${stackedBars(energy, "mJ", ENERGY_PARTS)}`,
    `<h2>Area</h2>${stackedBars(area, "mm²", areaParts)}`,
    `<h2>Roofline</h2>${rooflines(outcome)}`,
    `<h2>Top ops</h2>${topOps(outcome.units, multi)}`,
  ].join("");
}
