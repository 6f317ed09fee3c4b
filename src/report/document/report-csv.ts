import { costModelUsed } from "../views/simulate-view.js";
/** summary.csv (one row per target) and ops.csv (one row per op per target), unrounded numbers. */
import { toCsv } from "../views/format.js";
import { peakMacsPerSecond, type Report } from "./report-model.js";
import { simulationCsv } from "../views/simulate-view.js";

export const SUMMARY_HEADERS = [
  "target",
  "file",
  "model",
  "cost_model",
  "precision",
  "dataflow",
  "rows",
  "cols",
  "arrays",
  "clock_mhz",
  "peak_macs_per_cycle",
  "peak_macs_per_second",
  "sram_kib",
  "dram_gbps",
  "latency_ms",
  "inferences_per_second",
  "cycles",
  "macs",
  "mac_utilization",
  "bound_compute",
  "bound_sram",
  "bound_dram",
  "bound_vector",
  "bound_launch",
  "energy_mj",
  "area_mm2",
  "power_w",
  "peak_power_w",
  "tops_per_w",
] as const;

export function summaryCsv(report: Report): string {
  const components = report.targets[0]?.result.components.map((c) => c.name) ?? [];
  const headers = [...SUMMARY_HEADERS, ...components.map((name) => `${name}_ms`)];
  const rows = report.targets.map(({ file, result }) => {
    const t = result.target;
    return [
      t.name,
      file,
      result.model,
      costModelUsed(result),
      t.precision,
      t.dataflow,
      t.rows,
      t.cols,
      t.arrays,
      t.clockMhz,
      t.peakMacsPerCycle,
      peakMacsPerSecond(result),
      t.sramKiB,
      t.dramBandwidthGBps,
      result.latencyMs,
      result.inferencesPerSecond,
      result.cycles,
      result.macs,
      result.utilization,
      result.boundMix.compute,
      result.boundMix.sram,
      result.boundMix.dram,
      result.boundMix.vector,
      result.boundMix.launch,
      result.energyMj,
      result.areaMm2,
      result.averagePowerW,
      result.peakPowerW,
      result.topsPerWatt,
      ...components.map((name) => result.components.find((c) => c.name === name)?.latencyMs ?? ""),
    ];
  });
  return toCsv(headers, rows);
}

/** The per-op CSV of `simulate -f csv` for every target, under one header (its first column names the target). */
export function opsCsv(report: Report): string {
  const parts = report.targets.map((t) => simulationCsv(t.result)).filter((csv) => csv !== "");
  const [first, ...rest] = parts;
  if (first === undefined) return "";
  const header = first.slice(0, first.indexOf("\n") + 1);
  return (
    first +
    rest
      .map((csv) => {
        if (!csv.startsWith(header)) throw new Error("ops.csv: targets produced different op columns");
        return csv.slice(header.length);
      })
      .join("")
  );
}
