/** A system's result as a table or the documented JSON (README "Systems"). */
import type { ControlVerdict } from "../system/control.js";
import type { UnitMemory } from "../system/memory.js";
import type { SystemResult } from "../system/simulate-system.js";
import type { System } from "../hardware/system.js";
import { formatFixed, formatInteger, formatPercent, formatSignificant, renderTable } from "./format.js";

/** 50 → "50", 64.779 → "64.78": a rate as people write it. */
function hz(value: number): string {
  return String(Number(value.toPrecision(4)));
}

/** "holds 50 Hz (chunk 50, horizon 25, async): margin 312.4 ms" and its sync and failing forms. */
export function controlLine(c: ControlVerdict): string {
  const setting = `(chunk ${c.chunk}, horizon ${c.horizon}, ${c.mode})`;
  if (c.mode === "sync") {
    return `sync at ${hz(c.hz)} Hz ${setting}: ${hz(c.achievedHz)} actions/s achieved, the robot stands still ${formatFixed(c.stallMs, 1)} ms every ${c.horizon} actions`;
  }
  return c.holds
    ? `holds ${hz(c.hz)} Hz ${setting}: margin ${formatFixed(c.marginMs, 1)} ms; holds up to ${hz(c.maxHz)} Hz`
    : `misses ${hz(c.hz)} Hz ${setting}: ${formatFixed(-c.marginMs, 1)} ms short; holds up to ${hz(c.maxHz)} Hz`;
}

function mb(bytes: number): string {
  return bytes >= 1e9 ? `${formatSignificant(bytes / 1e9, 3)} GB` : `${formatSignificant(bytes / 1e6, 3)} MB`;
}

export function memoryLine(m: UnitMemory): string {
  const fit = m.fits === undefined ? "DRAM capacity not given" : m.fits ? `fits ${mb(m.dramCapacityBytes!)}` : `does not fit: needs ${mb(m.shortBytes)} more`;
  const streamed = m.streamedBytes > 0 ? `; ${mb(m.streamedBytes)} streamed from DRAM` : "; all in SRAM";
  return `${mb(m.totalBytes)} (weights ${mb(m.weightBytes)}, kept ${mb(m.keptBytes)}); ${fit}${streamed}`;
}

export function systemTable(result: SystemResult, system: System): string {
  const components = (u: number) => result.units[u]!.result.components.filter((c) => c.cycles > 0).map((c) => c.name).join(", ") || "—";
  const units = renderTable(
    ["Unit", "Target", "Runs", "Busy ms", "Idle ms", "Utilisation", "Critical path", "Memory"],
    result.units.map((u, i) => [u.name, system.units[i]!.target.name, components(i), formatFixed(u.busyMs, 3), formatFixed(u.idleMs, 3), formatPercent(u.utilization), formatPercent(u.criticalPathShare), memoryLine(u.memory)]),
    ["left", "left", "left", "right", "right", "right", "right", "left"],
  );
  const links = result.links.length === 0 ? [] : [
    "",
    renderTable(
      ["Link", "GB/s", "Latency µs", "Busy ms", "Critical path"],
      result.links.map((l, i) => [l.between.join(" ↔ "), formatSignificant(system.links[i]!.bytesPerSecond / 1e9, 4), formatSignificant(system.links[i]!.latencySeconds * 1e6, 4), formatFixed(l.busyMs, 3), formatPercent(l.criticalPathShare)]),
    ),
  ];
  const transfers = result.transfers.length === 0 ? [] : [
    "",
    "Tensors that cross a link (per inference):",
    renderTable(
      ["From", "To", "Tensor", "Bytes", "Count", "ms"],
      result.transfers.map((t) => [t.from, t.to, t.tensor, formatInteger(t.bytes), formatInteger(t.count), formatFixed(t.ms, 3)]),
      ["left", "left", "left", "right", "right", "right"],
    ),
  ];
  const busiest = [...result.units.map((u) => ({ name: u.name, ms: u.busyMs })), ...result.links.map((l) => ({ name: l.between.join("↔"), ms: l.busyMs }))].sort((a, b) => b.ms - a.ms)[0];
  return [
    `${result.model} on ${result.system} — ${result.units.length} unit${result.units.length === 1 ? "" : "s"}, ${result.links.length} link${result.links.length === 1 ? "" : "s"}`,
    "",
    units,
    ...links,
    ...transfers,
    "",
    `Latency per inference: ${formatFixed(result.latencyMs, 3)} ms · period ${formatFixed(result.periodMs, 3)} ms${busiest === undefined ? "" : ` (${busiest.name})`} · ${formatSignificant(result.periodMs > 0 ? 1e3 / result.periodMs : 0, 4)} inferences/s back to back · ${formatSignificant(result.energyMj, 4)} mJ`,
    ...(result.control === undefined ? [] : [`Control loop: ${controlLine(result.control)}`]),
  ].join("\n") + "\n";
}

/** The documented, stable JSON of a system simulation. */
export function systemRecord(result: SystemResult, system: System) {
  return {
    system: result.system,
    model: result.model,
    latencyMs: result.latencyMs,
    periodMs: result.periodMs,
    energyMj: result.energyMj,
    units: result.units.map((u, i) => ({
      name: u.name,
      target: system.units[i]!.target.name,
      busyMs: u.busyMs,
      idleMs: u.idleMs,
      utilization: u.utilization,
      criticalPathShare: u.criticalPathShare,
      cycles: u.result.cycles,
      macs: u.result.macs,
      energyMj: u.result.energyMj,
      areaMm2: u.result.areaMm2,
      components: u.result.components.filter((c) => c.cycles > 0).map((c) => ({ name: c.name, latencyMs: c.latencyMs, cycles: c.cycles })),
      memory: u.memory,
    })),
    links: result.links.map((l) => ({ between: l.between, busyMs: l.busyMs, criticalPathShare: l.criticalPathShare })),
    transfers: result.transfers,
    ...(result.control === undefined ? {} : { control: result.control }),
  };
}

export function systemJson(result: SystemResult, system: System): string {
  return `${JSON.stringify(systemRecord(result, system), null, 2)}\n`;
}
