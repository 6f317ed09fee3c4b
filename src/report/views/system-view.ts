/** A system's result as a table or the documented JSON (docs/systems.md). */
import { batchLines } from "./simulate-view.js";
import type { Baseline } from "../../system/baseline.js";
import type { ControlVerdict } from "../../system/control.js";
import type { UnitMemory } from "../../system/memory.js";
import type { SystemResult } from "../../system/simulate-system.js";
import type { System } from "../../hardware/system.js";
import { formatFixed, formatInteger, formatPercent, formatSignificant, renderTable } from "./format.js";

/** 50 → "50", 64.779 → "64.78": a rate as people write it. */
function hz(value: number): string {
  return String(Number(value.toPrecision(4)));
}

/** "holds 50 Hz (chunk 50, horizon 25, async): margin 312.4 ms …" and its sync and failing forms. */
export function controlLine(c: ControlVerdict): string {
  const setting = `(chunk ${c.chunk}, horizon ${c.horizon}, ${c.mode})`;
  if (c.mode === "sync") {
    return `sync at ${hz(c.hz)} Hz ${setting}: ${hz(c.achievedHz)} actions/s achieved, the robot stands still ${formatFixed(c.stallMs, 1)} ms every ${c.horizon} actions`;
  }
  const delay = `inference delay ${c.delaySteps} step${c.delaySteps === 1 ? "" : "s"}`;
  const limit =
    c.binding === null
      ? ""
      : c.maxHz === 0
        ? `; no rate holds: give a horizon below the chunk (${c.chunk}), leaving actions for the inference delay`
        : `; holds up to ${hz(c.maxHz)} Hz (${c.binding} binds)`;
  if (c.holds) return `holds ${hz(c.hz)} Hz ${setting}: ${delay}, margin ${formatFixed(c.marginMs, 1)} ms${limit}`;
  const why =
    c.binding === "freshness"
      ? `${delay} + horizon ${c.horizon} > chunk ${c.chunk}: the robot would run stale actions`
      : `a chunk every period lasts only ${c.horizon} actions: the robot waits ${formatFixed(c.stallMs, 1)} ms per chunk`;
  return `misses ${hz(c.hz)} Hz ${setting}: ${why}; ${formatFixed(-c.marginMs, 1)} ms short${limit}`;
}

function mb(bytes: number): string {
  return bytes >= 1e9 ? `${formatSignificant(bytes / 1e9, 3)} GB` : `${formatSignificant(bytes / 1e6, 3)} MB`;
}

export function memoryLine(m: UnitMemory): string {
  const fit =
    m.fits === undefined
      ? "DRAM capacity not given"
      : m.fits
        ? `fits ${mb(m.dramCapacityBytes!)}`
        : `does not fit: needs ${mb(m.shortBytes)} more`;
  const weights =
    m.weightBytes === 0
      ? ""
      : m.streamedBytes === 0
        ? "; weights pinned in SRAM"
        : `; ${mb(m.streamedBytes)} of weights streamed from DRAM`;
  const streamed = `${weights}; ${mb(m.dramBytesPerInference)} DRAM traffic per inference`;
  return `${mb(m.totalBytes)} (weights ${mb(m.weightBytes)}, kept ${mb(m.keptBytes)}); ${fit}${streamed}`;
}

/** Every system output names its figures the same way and points here for their definitions. */
export const GLOSSARY_NOTE =
  "Busy = busy ÷ period; MAC util. = MACs ÷ (peak MACs/s × period); idle = period − busy. Definitions: docs/glossary.md";

function ratio(x: number): string {
  return `${formatSignificant(x >= 1 ? x : 1 / x, 3)}× ${x >= 1 ? "faster" : "slower"}`;
}

/** "jetson-orin alone: 136.0 ms per inference; this system's latency is 2.84× slower, its period 2.06× slower". */
export function baselineLine(b: Baseline, result: SystemResult): string {
  // A target named once is named by itself; two units of one target file (set differently) by their units.
  const named = (t: { unit: string; target: string }) =>
    b.targets.filter((o) => o.target === t.target).length > 1 ? `${t.unit} (${t.target})` : t.target;
  const alone = b.targets.map(
    (t) => `${named(t)} ${formatFixed(t.latencyMs, 3)} ms, ${formatSignificant(t.energyMj, 4)} mJ`,
  );
  const best = b.targets.find((t) => t.unit === b.fastest)!;
  const skipped = b.skipped.map((s) => ` (${s.unit} cannot run it alone: ${s.reason})`).join("");
  return `each unit's target alone runs the whole model: ${alone.join("; ")}${skipped}. Against ${named(best)} alone, this system's latency is ${ratio(b.speedup)} and its period ${ratio(b.throughputGain)} (${formatFixed(result.latencyMs, 3)} and ${formatFixed(result.periodMs, 3)} ms against ${formatFixed(best.latencyMs, 3)} ms)`;
}

/** "period 280.432 ms (bound 280.432 ms: xattn)": the period beside its bottleneck bound. */
export function periodLine(result: SystemResult): string {
  const bound =
    result.periodMs === result.periodBoundMs
      ? `the bound: ${result.bottleneck} busy every period`
      : `bound ${formatFixed(result.periodBoundMs, 3)} ms: ${result.bottleneck}`;
  return `period ${formatFixed(result.periodMs, 3)} ms (${bound})`;
}

export function headlineLine(result: SystemResult): string {
  return (
    `Latency per inference: ${formatFixed(result.latencyMs, 3)} ms · ${periodLine(result)} · ${formatSignificant(result.inferencesPerSecond, 4)} inferences/s back to back · ` +
    `${formatSignificant(result.energyMj, 4)} mJ per inference back to back (${formatSignificant(result.averagePowerW, 3)} W) · MAC utilisation ${formatPercent(result.macUtilization)}`
  );
}

/** The units table, as the CLI and the report show it: what each runs, its time and use, power and memory. */
export function unitsTable(
  result: SystemResult,
  system: System,
): { headers: string[]; rows: string[][]; align: ("left" | "right")[] } {
  const components = (u: number) =>
    result.units[u]!.result.components.filter((c) => c.cycles > 0)
      .map((c) => c.name + instancesOn(result.units[u]!.result, c.name))
      .join(", ") || "—";
  return {
    headers: [
      "Unit",
      "Target",
      "Runs",
      "Busy ms",
      "Idle ms",
      "Busy",
      "MAC util.",
      "Critical path",
      "Static W",
      "Memory",
    ],
    rows: result.units.map((u, i) => [
      u.name,
      system.units[i]!.target.name,
      components(i),
      formatFixed(u.busyMs, 3),
      formatFixed(u.idleMs, 3),
      formatPercent(u.busyFraction),
      formatPercent(u.macUtilization),
      formatPercent(u.criticalPathShare),
      formatSignificant(u.staticPowerW, 3),
      memoryLine(u.memory),
    ]),
    align: ["left", "left", "left", "right", "right", "right", "right", "right", "right", "left"],
  };
}

export function systemTable(result: SystemResult, system: System, baseline?: Baseline): string {
  const table = unitsTable(result, system);
  const units = renderTable(table.headers, table.rows, table.align);
  const links =
    result.links.length === 0
      ? []
      : [
          "",
          renderTable(
            ["Link", "GB/s", "Latency µs", "Busy ms", "Busy", "Critical path", "mJ"],
            result.links.map((l, i) => [
              l.between.join(" ↔ "),
              formatSignificant(system.links[i]!.bytesPerSecond / 1e9, 4),
              formatSignificant(system.links[i]!.latencySeconds * 1e6, 4),
              formatFixed(l.busyMs, 3),
              formatPercent(l.busyFraction),
              formatPercent(l.criticalPathShare),
              formatSignificant(l.energyMj, 3),
            ]),
          ),
        ];
  const memories =
    result.memories.length === 0
      ? []
      : [
          "",
          renderTable(
            ["Shared memory", "GB/s", "Units", "Busy ms", "Busy", "Critical path", "MB per inference"],
            result.memories.map((m, i) => [
              m.name,
              formatSignificant(system.memories[i]!.bytesPerSecond / 1e9, 4),
              m.units.join(", "),
              formatFixed(m.busyMs, 3),
              formatPercent(m.busyFraction),
              formatPercent(m.criticalPathShare),
              formatSignificant(m.bytes / 1e6, 4),
            ]),
          ),
        ];
  const transfers =
    result.transfers.length === 0
      ? []
      : [
          "",
          "Tensors that cross a link (per inference):",
          renderTable(TRANSFER_HEADERS, transferRows(result), TRANSFER_ALIGN),
        ];
  return (
    [
      `${result.model} on ${result.system} — ${result.units.length} unit${result.units.length === 1 ? "" : "s"}, ${result.links.length} link${result.links.length === 1 ? "" : "s"}`,
      "",
      units,
      ...links,
      ...memories,
      ...transfers,
      "",
      headlineLine(result),
      ...batchLines(result.batch, result.inferencesPerSecond, result.energyMj),
      ...(baseline === undefined ? [] : [`Baseline: ${baselineLine(baseline, result)}`]),
      ...(result.control === undefined ? [] : [`Control loop: ${controlLine(result.control)}`]),
      GLOSSARY_NOTE,
    ].join("\n") + "\n"
  );
}

/** The documented, stable JSON of a system simulation (docs/glossary.md names every field). */
export function systemRecord(result: SystemResult, system: System, baseline?: Baseline) {
  return {
    system: result.system,
    model: result.model,
    latencyMs: result.latencyMs,
    periodMs: result.periodMs,
    periodBoundMs: result.periodBoundMs,
    bottleneck: result.bottleneck,
    inferencesPerSecond: result.inferencesPerSecond,
    batch: result.batch,
    robotInferencesPerSecond: result.batch * result.inferencesPerSecond,
    macs: result.macs,
    macUtilization: result.macUtilization,
    energyMj: result.energyMj,
    energyAloneMj: result.energyAloneMj,
    energyPerRobotInferenceMj: result.energyMj / result.batch,
    dynamicEnergyMj: result.dynamicEnergyMj,
    staticPowerW: result.staticPowerW,
    averagePowerW: result.averagePowerW,
    areaMm2: result.areaMm2,
    units: result.units.map((u, i) => ({
      name: u.name,
      target: system.units[i]!.target.name,
      clockMhz: u.result.target.clockMhz,
      busyMs: u.busyMs,
      idleMs: u.idleMs,
      busyFraction: u.busyFraction,
      macUtilization: u.macUtilization,
      criticalPathShare: u.criticalPathShare,
      cycles: u.result.cycles,
      macs: u.result.macs,
      staticPowerW: u.staticPowerW,
      dynamicEnergyMj: u.dynamicEnergyMj,
      energyMj: u.energyMj,
      areaMm2: u.result.areaMm2,
      components: u.result.components
        .filter((c) => c.cycles > 0)
        .map((c) => ({ name: c.name, latencyMs: c.latencyMs, cycles: c.cycles })),
      memory: u.memory,
    })),
    links: result.links.map((l) => ({
      between: l.between,
      busyMs: l.busyMs,
      busyFraction: l.busyFraction,
      criticalPathShare: l.criticalPathShare,
      bytes: l.bytes,
      energyMj: l.energyMj,
    })),
    memories: result.memories,
    transfers: result.transfers,
    steadyState: result.steadyState,
    ...(baseline === undefined ? {} : { baseline }),
    ...(result.control === undefined ? {} : { control: result.control }),
  };
}

export function systemJson(result: SystemResult, system: System, baseline?: Baseline): string {
  return `${JSON.stringify(systemRecord(result, system, baseline), null, 2)}\n`;
}

/** The transfers table, in the CLI's text and the system report alike. */
export const TRANSFER_HEADERS = ["From", "To", "Tensor", "Bytes", "Count", "ms"];
export const TRANSFER_ALIGN: ("left" | "right")[] = ["left", "left", "left", "right", "right", "right"];

export function transferRows(result: SystemResult): string[][] {
  return result.transfers.map((t) => [
    t.from,
    t.to,
    t.tensor,
    formatInteger(t.bytes),
    formatInteger(t.count),
    formatFixed(t.ms, 3),
  ]);
}

/** `[1]`, `[0, 2]`: the instances of a component placed one by one that a unit runs; "" when not placed so. */
function instancesOn(unit: SystemResult["units"][number]["result"], component: string): string {
  const instances = new Set<number>();
  for (const r of unit.ops)
    if (r.op.component === component && r.op.instance !== undefined) instances.add(r.op.instance);
  return instances.size === 0 ? "" : `[${[...instances].sort((a, b) => a - b).join(", ")}]`;
}
