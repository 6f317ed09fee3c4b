import { ENERGY_PARTS, type EnergyBreakdown } from "../../cost/energy.js";
import type { AreaBreakdown } from "../../hardware/area.js";
import type { FpgaSpec } from "../../hardware/types.js";
import type { CostTotals } from "../../simulate/energy-totals.js";
import type { TargetSummary } from "../../simulate/types.js";
import { formatInteger, formatPercent, formatSignificant } from "./format.js";

/** "dram 88%, static 6%, …": the parts of a total, largest first, those under 0.5% left out. */
export function formatShares(parts: Readonly<Record<string, number>>): string {
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  if (total <= 0) return "";
  return Object.entries(parts)
    .filter(([, v]) => v / total >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([name, v]) => `${name} ${formatPercent(v / total, 0)}`)
    .join(", ");
}

export function describeTechnology(target: TargetSummary): string {
  const supply = target.voltageV === undefined ? "" : `, ${target.voltageV.toFixed(3)} V`;
  return `${Number(target.nodeNm.toPrecision(4))} nm${supply}, ${target.dramType.toUpperCase()}${target.technologyAssumed ? " (assumed: the target file gives no technology.node_nm or dram.type)" : ""}`;
}

/** The energy, area and power lines under a simulation's latency line. */
export function costLines(
  totals: CostTotals,
  target: TargetSummary,
  powerAtRate?: { rateHz: number; powerW: number },
): string[] {
  const energy: EnergyBreakdown = totals.energyBreakdown;
  const area: AreaBreakdown = totals.areaBreakdown;
  const rate =
    powerAtRate === undefined
      ? ""
      : ` · ${formatSignificant(powerAtRate.powerW, 3)} W at ${formatSignificant(powerAtRate.rateHz, 4)} inferences/s`;
  return [
    `Energy per inference: ${formatSignificant(totals.energyMj, 4)} mJ (${formatShares(Object.fromEntries(ENERGY_PARTS.map((p) => [p, energy[p]])))}) · ${formatSignificant(totals.topsPerWatt, 3)} TOPS/W · ${formatSignificant(totals.inferencesPerJoule, 3)} inferences/J`,
    target.fpga === undefined
      ? `Area: ${formatSignificant(totals.areaMm2, 4)} mm² (${formatShares({ ...area })}) at ${describeTechnology(target)}`
      : describeFpga(target.fpga),
    `Power: ${formatSignificant(totals.averagePowerW, 3)} W back to back${rate} · ${formatSignificant(totals.peakPowerW, 3)} W peak · ${formatSignificant(totals.staticPowerW, 3)} W idle${idleParts(totals)}`,
  ];
}

/** An FPGA build adds no silicon: what it uses of its device stands in for area. */
function describeFpga(fpga: FpgaSpec): string {
  const share = (used: number, of: number) => `${formatInteger(used)} of ${formatInteger(of)}`;
  return `Device: ${fpga.device}, ${share(fpga.dspsUsed, fpga.dspSlices)} DSP slices (${formatPercent(fpga.dspsUsed / fpga.dspSlices)}); area 0 mm² of its own (an FPGA build uses a fixed device)`;
}

/** What idle power is made of: the clock tree and leakage, or (a GPU's stated loaded idle) nothing to split. */
function idleParts(totals: CostTotals): string {
  const { clockW, leakageW } = totals.idlePower;
  return clockW === 0 ? "" : ` (clock ${formatSignificant(clockW, 3)} W, leakage ${formatSignificant(leakageW, 3)} W)`;
}
