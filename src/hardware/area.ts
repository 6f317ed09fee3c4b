import type { Target } from "./types.js";

/** Silicon area of a design by block, mm². */
export interface AreaBreakdown {
  /** MAC cells: rows × cols × arrays × one MAC's area. */
  readonly mac: number;
  /** The PEs' pipeline registers. */
  readonly array: number;
  readonly sram: number;
  readonly vector: number;
  /** DRAM interface PHYs. */
  readonly phy: number;
  /** Control and clocking: a share of compute and SRAM area. */
  readonly control: number;
}

export interface DesignArea {
  readonly areaMm2: number;
  readonly breakdown: AreaBreakdown;
}

/** Area of a design, step by step from its resolved figures (see technology.ts for each figure's source). */
export function designArea(target: Target): DesignArea {
  const pes = target.array.rows * target.array.cols * target.array.count;
  const a = target.area;
  const mac = (pes * a.macUm2) / 1e6;
  const array = (pes * a.arrayUm2PerPe) / 1e6;
  const sram = (target.sramBytes / 2 ** 20) * a.sramMm2PerMib;
  const vector = (target.vectorLanes * a.vectorUm2PerLane) / 1e6;
  const control = a.controlFraction * (mac + array + sram + vector);
  const breakdown = { mac, array, sram, vector, phy: a.phyMm2, control };
  return { areaMm2: mac + array + sram + vector + a.phyMm2 + control, breakdown };
}
