import type { Target } from "./types.js";

/**
 * Silicon area of a design by block, mm². The bottom-up blocks (mac, array, sram, vector) come from the
 * technology table; the as-built steps (datapath, periphery, control, placement) from calibration.ts; phy
 * from the DRAM type. A GPU with a published die area keeps its bottom-up blocks and PHYs, and `control`
 * holds the rest of the die (schedulers, register files, caches' tags, I/O), with no fitted step.
 */
export interface AreaBreakdown {
  /** MAC cells: rows × cols × arrays × one MAC's area. */
  readonly mac: number;
  /** The PEs' pipeline registers. */
  readonly array: number;
  /** PE logic beyond the MAC and its registers: (pe_logic_factor − 1) × (mac + array). */
  readonly datapath: number;
  /** SRAM macros from bitcells. */
  readonly sram: number;
  /** SRAM banking and periphery: (sram_periphery_factor − 1) × sram. */
  readonly periphery: number;
  readonly vector: number;
  /** The fixed control block (or, on a GPU with a die area, the rest of the die). */
  readonly control: number;
  /** Whitespace after place and route: cell area × (1 ÷ utilisation − 1). */
  readonly placement: number;
  /** DRAM interface PHYs. */
  readonly phy: number;
}

export interface DesignArea {
  readonly areaMm2: number;
  /** Standard cells and macros before place and route: what the clock tree drives. */
  readonly cellAreaMm2: number;
  readonly breakdown: AreaBreakdown;
}

/** Area of a design, step by step from its resolved figures (see technology.ts and calibration.ts for sources). */
export function designArea(target: Target): DesignArea {
  const pes = target.array.rows * target.array.cols * target.array.count;
  const a = target.area;
  const mac = (pes * a.macUm2) / 1e6;
  const array = (pes * a.arrayUm2PerPe) / 1e6;
  const sram = (target.sramBytes / 2 ** 20) * a.sramMm2PerMib;
  const vector = (target.vectorLanes * a.vectorUm2PerLane) / 1e6;
  if (a.none === true) {
    const breakdown = {
      mac: 0,
      array: 0,
      datapath: 0,
      sram: 0,
      periphery: 0,
      vector: 0,
      control: 0,
      placement: 0,
      phy: 0,
    };
    return { areaMm2: 0, cellAreaMm2: 0, breakdown };
  }
  if (a.dieMm2 !== undefined) {
    const counted = mac + array + sram + vector + a.phyMm2;
    const control = Math.max(0, a.dieMm2 - counted);
    const breakdown = { mac, array, datapath: 0, sram, periphery: 0, vector, control, placement: 0, phy: a.phyMm2 };
    return { areaMm2: counted + control, cellAreaMm2: counted + control - a.phyMm2, breakdown };
  }
  const datapath = (a.peLogicFactor - 1) * (mac + array);
  const periphery = (a.sramPeripheryFactor - 1) * sram;
  const cellAreaMm2 = mac + array + datapath + sram + periphery + vector + a.controlMm2;
  const placement = cellAreaMm2 * (1 / a.utilisation - 1);
  const breakdown = { mac, array, datapath, sram, periphery, vector, control: a.controlMm2, placement, phy: a.phyMm2 };
  return { areaMm2: cellAreaMm2 + placement + a.phyMm2, cellAreaMm2, breakdown };
}
