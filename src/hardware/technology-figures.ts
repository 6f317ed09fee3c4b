import { DRAM_TYPES, phyAreaMm2, type DramType } from "./dram-types.js";
import type { Precision } from "./precision.js";
import type { TargetFile } from "./schema.js";
import {
  CONTROL_AREA_FRACTION,
  MAC_AT_45NM,
  nodeScaling,
  REGISTER_AT_45NM,
  registerBitsPerMac,
  sramPjPerByteAt45nm,
  STATIC_MW_PER_MM2,
  VECTOR_LANE_AT_45NM,
} from "./technology.js";
import type { Target } from "./types.js";

/** Assumed when a target file does not say: a mid-range node and the commonest DRAM. */
export const DEFAULT_NODE_NM = 28;
export const DEFAULT_DRAM_TYPE: DramType = "ddr4";

/**
 * A target's energy and area figures: the technology table scaled to its node (energy by Stillmaker's energy
 * factor, logic area by the area factor), then the file's overrides, each figure on its own.
 */
export function technologyFigures(file: TargetFile, precision: Precision, supported: readonly Precision[] = [precision]): Pick<Target, "technology" | "energy" | "area"> {
  const nodeNm = file.technology?.node_nm ?? DEFAULT_NODE_NM;
  const dramType = file.dram.type ?? DEFAULT_DRAM_TYPE;
  const scale = nodeScaling(nodeNm);
  const sramBytes = file.sram.size_kib * 1024;
  const e = file.energy ?? {};
  const a = file.area ?? {};
  return {
    technology: { nodeNm, dramType, assumed: file.technology === undefined || file.dram.type === undefined },
    energy: {
      macPj: e.mac_pj ?? MAC_AT_45NM[precision].pj * scale.energy,
      arrayPjPerMac: e.array_pj_per_mac ?? registerBitsPerMac(precision) * REGISTER_AT_45NM.pjPerBit * scale.energy,
      sramPjPerByte: e.sram_pj_per_byte ?? sramPjPerByteAt45nm(sramBytes) * scale.energy,
      dramPjPerByte: e.dram_pj_per_byte ?? DRAM_TYPES[dramType].pjPerByte,
      vectorPjPerOp: e.vector_pj_per_op ?? VECTOR_LANE_AT_45NM.pjPerOp * scale.energy,
      staticWPerMm2: (e.static_mw_per_mm2 ?? STATIC_MW_PER_MM2) / 1e3,
    },
    area: {
      // A cell that runs several precisions is as large as the largest of their MACs and registers.
      macUm2: a.mac_um2 ?? Math.max(...supported.map((p) => MAC_AT_45NM[p].um2)) * scale.area,
      arrayUm2PerPe: a.array_um2_per_pe ?? Math.max(...supported.map(registerBitsPerMac)) * REGISTER_AT_45NM.um2PerBit * scale.area,
      sramMm2PerMib: a.sram_mm2_per_mib ?? scale.sramMm2PerMib,
      vectorUm2PerLane: a.vector_um2_per_lane ?? VECTOR_LANE_AT_45NM.um2 * scale.area,
      phyMm2: a.phy_mm2 ?? phyAreaMm2(dramType, file.dram.bandwidth_gbps),
      controlFraction: a.control_fraction ?? CONTROL_AREA_FRACTION,
    },
  };
}
