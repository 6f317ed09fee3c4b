/**
 * DRAM interfaces: energy per byte moved and the PHY area per interface (docs/energy-area.md §6, §10).
 * Energy is the device/interface figure of the sheet's bold rows, not node-scaled (DRAM is off chip). PHY area
 * comes from LLMCompass's cost model: 10.45 mm² per HBM stack, 1.45 mm² per DDR-class "link unit", taken here as
 * one 64-bit channel (32-bit for GDDR6); an interface's bandwidth is its JEDEC per-pin rate × width.
 */
export const DRAM_TYPES = {
  // Horowitz 2014: 1.3 nJ per 64-bit access (20.3 pJ/bit); alternatives: 2.6 nJ, Accelergy's DDR3 70 pJ/bit.
  ddr3: { pjPerByte: 1300 / 8, interfaceGBps: 17.064, phyMm2: 1.45 },
  ddr4: { pjPerByte: 1300 / 8, interfaceGBps: 25.6, phyMm2: 1.45 },
  // Accelergy CACTI plug-in, "public data": 8 pJ/bit; alternative 13–14 pJ/bit with I/O (DramDSE).
  lpddr4: { pjPerByte: 64, interfaceGBps: 34.128, phyMm2: 1.45 },
  // No published figure: LPDDR4X lowers VDDQ, so at most LPDDR4's 8 pJ/bit (assumption).
  lpddr4x: { pjPerByte: 64, interfaceGBps: 34.128, phyMm2: 1.45 },
  // No device figure (vendors claim ~20% under LPDDR4X): LPDDR4X's 8 pJ/bit (assumption); ZigZag's system-level 31.
  lpddr5: { pjPerByte: 64, interfaceGBps: 51.2, phyMm2: 1.45 },
  // Micron's ultra-bandwidth comparison: 7.5 pJ/bit.
  gddr6: { pjPerByte: 60, interfaceGBps: 64, phyMm2: 1.45 },
  // O'Connor et al., MICRO 2017: 3.97 pJ/bit; alternative 6.25 (hwcomponents-cacti).
  hbm2: { pjPerByte: 3.97 * 8, interfaceGBps: 256, phyMm2: 10.45 },
  // Micron table: 6.0 pJ/bit.
  hbm2e: { pjPerByte: 48, interfaceGBps: 460.8, phyMm2: 10.45 },
  // hwcomponents-cacti: 4.05 pJ/bit.
  hbm3: { pjPerByte: 4.05 * 8, interfaceGBps: 819.2, phyMm2: 10.45 },
} as const;

export type DramType = keyof typeof DRAM_TYPES;
export const DRAM_TYPE_NAMES = Object.keys(DRAM_TYPES) as [DramType, ...DramType[]];

/** PHY area for a bandwidth: whole interfaces of the type, enough to carry it. */
export function phyAreaMm2(type: DramType, bandwidthGBps: number): number {
  const t = DRAM_TYPES[type];
  return Math.ceil(bandwidthGBps / t.interfaceGBps - 1e-9) * t.phyMm2;
}
