import { DRAM_TYPES, phyAreaMm2, type DramType } from "./dram-types.js";
import type { Precision } from "./precision.js";
import { fileMacsPerCycle, type TargetFile } from "./schema.js";
import {
  CLOCK_PJ_PER_MM2_CYCLE_AT_45NM,
  CONTROL_MM2_AT_45NM,
  FPGA_DYNAMIC_FACTOR,
  PE_LOGIC_FACTOR,
  PLACEMENT_UTILISATION,
  SRAM_PERIPHERY_FACTOR,
} from "./calibration.js";
import {
  DEFAULT_NODE_NM,
  MAC_AT_45NM,
  nodeScaling,
  REGISTER_AT_45NM,
  registerBitsPerMac,
  SRAM_ENERGY,
  sramPjPerByteAt45nm,
  STATIC_MW_PER_MM2,
  VECTOR_LANE_AT_45NM,
} from "./technology.js";
import type { Target } from "./types.js";
import { operatingPoint } from "./voltage.js";

/** Assumed when a target file does not say: a mid-range node and the commonest DRAM. */
export { DEFAULT_NODE_NM };
export const DEFAULT_DRAM_TYPE: DramType = "ddr4";

/**
 * A target's energy and area figures: the technology table scaled to its node (energy by Stillmaker's energy
 * factor, logic area by the area factor), then the file's overrides, each figure on its own.
 */
export function technologyFigures(
  file: TargetFile,
  precision: Precision,
  supported: readonly Precision[] = [precision],
): Pick<Target, "technology" | "energy" | "area"> {
  const nodeNm = file.technology?.node_nm ?? DEFAULT_NODE_NM;
  const dramType = file.dram.type ?? DEFAULT_DRAM_TYPE;
  const scale = nodeScaling(nodeNm);
  const sramBytes = file.sram.size_kib * 1024;
  const e = file.energy ?? {};
  const a = file.area ?? {};
  const bottomUp = {
    macPj: e.mac_pj ?? MAC_AT_45NM[precision].pj * scale.energy,
    arrayPjPerMac: e.array_pj_per_mac ?? registerBitsPerMac(precision) * REGISTER_AT_45NM.pjPerBit * scale.energy,
    sramPjPerByte: e.sram_pj_per_byte ?? sramPjPerByteAt45nm(sramBytes) * scale.energy,
    // Partial sums live in accumulator banks beside the columns (TPU v1's accumulators, NVDLA's CACC), no
    // larger than Horowitz's smallest anchor: an 8 KiB bank's 1.25 pJ/B at 45 nm.
    accumulatorPjPerByte: e.accumulator_pj_per_byte ?? SRAM_ENERGY.pjPerByteAt8KiB * scale.energy,
    vectorPjPerOp: e.vector_pj_per_op ?? VECTOR_LANE_AT_45NM.pjPerOp * scale.energy,
  };
  const power = gpuPower(file) ?? fpgaPower(file);
  // A GPU is calibrated at its stated clock (tdp_w) and an FPGA's fabric runs at a fixed supply; an ASIC array
  // pays for its clock through its supply voltage.
  const point =
    file.kind === "gpu" || file.kind === "fpga"
      ? undefined
      : operatingPoint(nodeNm, file.clock_mhz * 1e6, file.technology?.voltage_v);
  const onChip =
    file.kind === "fpga"
      ? FPGA_DYNAMIC_FACTOR
      : power === undefined
        ? (point?.energyFactor ?? 1)
        : gpuEnergyFactor(file, power, bottomUp.macPj + bottomUp.arrayPjPerMac);
  return {
    technology: {
      nodeNm,
      dramType,
      assumed: file.technology === undefined || file.dram.type === undefined,
      ...(point === undefined ? {} : { voltageV: point.voltageV }),
    },
    energy: {
      macPj: bottomUp.macPj * onChip,
      arrayPjPerMac: bottomUp.arrayPjPerMac * onChip,
      sramPjPerByte: bottomUp.sramPjPerByte * onChip,
      accumulatorPjPerByte: bottomUp.accumulatorPjPerByte * onChip,
      dramPjPerByte: e.dram_pj_per_byte ?? DRAM_TYPES[dramType].pjPerByte,
      vectorPjPerOp: bottomUp.vectorPjPerOp * onChip,
      staticWPerMm2: (e.static_mw_per_mm2 ?? STATIC_MW_PER_MM2) / 1e3,
      // Clock energy per cycle per mm² follows the node's energy per unit area (energy factor ÷ area factor).
      clockPjPerMm2Cycle:
        e.clock_pj_per_mm2_cycle ??
        (power === undefined ? ((CLOCK_PJ_PER_MM2_CYCLE_AT_45NM * scale.energy) / scale.area) * onChip : 0),
      ...(power === undefined ? {} : { idleW: power.idleW, tdpW: power.tdpW }),
    },
    area: {
      // A cell that runs several precisions is as large as the largest of their MACs and registers.
      macUm2: a.mac_um2 ?? Math.max(...supported.map((p) => MAC_AT_45NM[p].um2)) * scale.area,
      arrayUm2PerPe:
        a.array_um2_per_pe ?? Math.max(...supported.map(registerBitsPerMac)) * REGISTER_AT_45NM.um2PerBit * scale.area,
      sramMm2PerMib: a.sram_mm2_per_mib ?? scale.sramMm2PerMib,
      vectorUm2PerLane: a.vector_um2_per_lane ?? VECTOR_LANE_AT_45NM.um2 * scale.area,
      phyMm2: a.phy_mm2 ?? phyAreaMm2(dramType, file.dram.bandwidth_gbps),
      peLogicFactor: a.pe_logic_factor ?? PE_LOGIC_FACTOR,
      sramPeripheryFactor: a.sram_periphery_factor ?? SRAM_PERIPHERY_FACTOR,
      controlMm2: a.control_mm2 ?? CONTROL_MM2_AT_45NM * scale.area,
      utilisation: a.utilisation ?? PLACEMENT_UTILISATION,
      ...(file.gpu?.die_mm2 === undefined ? {} : { dieMm2: file.gpu.die_mm2 }),
      ...(file.kind === "fpga" ? { none: true } : {}),
    },
  };
}

interface GpuPower {
  readonly tdpW: number;
  readonly idleW: number;
}

/**
 * An FPGA board: its static power (device configured, idle) drawn the whole time, its power limit capping peak.
 * Its dynamic energy is the ASIC figures of its node × FPGA_DYNAMIC_FACTOR, with no fitted TDP.
 */
function fpgaPower(file: TargetFile): GpuPower | undefined {
  const fpga = file.fpga;
  return fpga === undefined ? undefined : { tdpW: fpga.board_max_w, idleW: fpga.static_w };
}

function gpuPower(file: TargetFile): GpuPower | undefined {
  const gpu = file.gpu;
  return gpu?.tdp_w === undefined || gpu.idle_w === undefined ? undefined : { tdpW: gpu.tdp_w, idleW: gpu.idle_w };
}

/**
 * A GPU's on-chip energies scaled by one factor, so that a saturated GEMM (every tensor core at the
 * achievable rate, compute_efficiency) draws the stated TDP: (TDP − idle) ÷ (MACs per second × bottom-up
 * energy per MAC). The factor carries what a GPU spends per MAC beyond the MAC and its registers (register
 * files, operand collectors, schedulers, the clock tree); a saturated GEMM's L2 and DRAM traffic per MAC is
 * small (0.03 bytes per MAC at 128×128 tiles), so it is left out of the fit (docs/energy-area.md).
 */
function gpuEnergyFactor(file: TargetFile, power: GpuPower, bottomUpPjPerMac: number): number {
  const macsPerSecond = fileMacsPerCycle(file) * file.clock_mhz * 1e6 * (file.gpu?.compute_efficiency ?? 1);
  return bottomUpPjPerMac > 0 ? (power.tdpW - power.idleW) / (macsPerSecond * bottomUpPjPerMac * 1e-12) : 1;
}
