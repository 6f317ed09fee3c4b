import type { Precision } from "./precision.js";

/**
 * Technology tables for energy and area, with one default per line and its source. The figures come from the
 * sources collected in docs/energy-area.md (which also lists the alternatives where sources disagree); every
 * default here names its row there. Energies are pJ, areas µm² unless the name says mm².
 */

/** Nodes the node-scaling table covers (nm); between them factors are interpolated log-log. */
export const NODE_RANGE_NM = { min: 5, max: 65 } as const;

/** Assumed when a target file gives no node: a mid-range one. */
export const DEFAULT_NODE_NM = 28;

/**
 * Stillmaker & Baas 2017 node-scaling factors relative to 45 nm, as tabulated by Accelergy's library plug-in
 * (scaling.py): energy at 0.8 V, and area. 28 nm is the sheet's linear interpolation between 32 and 20 nm; 5 nm
 * the tool's extrapolation. SRAM macro area in mm² per MiB where a source gives one (docs/energy-area.md §5):
 * 45 nm Accelergy CACTI 128 KiB buffer (3.44); 28/16/7 nm published bitcells ÷ 0.70 array efficiency;
 * 5 nm the N5/N3E macro density; 65 nm is 45 nm × the area factor 1.5 (derived).
 */
const NODES: readonly { nm: number; energy: number; area: number; sramMm2PerMib?: number }[] = [
  { nm: 5, energy: 0.08, area: 0.042, sramMm2PerMib: 0.25 },
  { nm: 7, energy: 0.094, area: 0.059, sramMm2PerMib: 0.226 / 0.7 },
  { nm: 16, energy: 0.174, area: 0.19, sramMm2PerMib: 0.62 / 0.7 },
  { nm: 20, energy: 0.22, area: 0.21 },
  { nm: 28, energy: 0.51, area: 0.38, sramMm2PerMib: 1.34 / 0.7 },
  { nm: 32, energy: 0.66, area: 0.46 },
  { nm: 45, energy: 1, area: 1, sramMm2PerMib: 3.44 },
  { nm: 65, energy: 1.24, area: 1.5, sramMm2PerMib: 3.44 * 1.5 },
];

type Anchor = { readonly nm: number; readonly v: number };

/** The anchors of one figure: the nodes that give it, ascending. */
function anchorsOf(value: (row: (typeof NODES)[number]) => number | undefined): readonly Anchor[] {
  return NODES.flatMap((row) => {
    const v = value(row);
    return v === undefined ? [] : [{ nm: row.nm, v }];
  });
}

const ENERGY_ANCHORS = anchorsOf((r) => r.energy);
const AREA_ANCHORS = anchorsOf((r) => r.area);
const SRAM_ANCHORS = anchorsOf((r) => r.sramMm2PerMib);

/** Log-log interpolation between the anchors around `nodeNm` (allocation-free: a sweep resolves a target per point). */
function interpolate(nodeNm: number, anchors: readonly Anchor[]): number {
  let upper = 1;
  while (upper < anchors.length - 1 && anchors[upper]!.nm < nodeNm) upper++;
  const hi = anchors[upper]!;
  const lo = anchors[upper - 1]!;
  if (hi.nm === nodeNm) return hi.v;
  if (lo.nm === nodeNm) return lo.v;
  const t = Math.log(nodeNm / lo.nm) / Math.log(hi.nm / lo.nm);
  return Math.exp(Math.log(lo.v) + t * Math.log(hi.v / lo.v));
}

export interface NodeScaling {
  /** Dynamic energy relative to 45 nm. */
  readonly energy: number;
  /** Logic area relative to 45 nm. */
  readonly area: number;
  readonly sramMm2PerMib: number;
}

export function nodeScaling(nodeNm: number): NodeScaling {
  return {
    energy: interpolate(nodeNm, ENERGY_ANCHORS),
    area: interpolate(nodeNm, AREA_ANCHORS),
    sramMm2PerMib: interpolate(nodeNm, SRAM_ANCHORS),
  };
}

/**
 * One MAC at 45 nm by operand precision (Horowitz, ISSCC 2014; docs/energy-area.md §1b, §2): multiply plus a
 * 32-bit accumulate (int32 add for int8; fp32 add for fp16 and bf16). bf16's multiplier is fp16's scaled by
 * (8/11)² significand bits squared (derived: no published 45 nm bf16 figure).
 */
export const MAC_AT_45NM: Readonly<Record<Precision, { readonly pj: number; readonly um2: number }>> = {
  int8: { pj: 0.2 + 0.1, um2: 282 + 137 },
  fp16: { pj: 1.1 + 0.9, um2: 1640 + 4184 },
  bf16: { pj: 1.1 * (8 / 11) ** 2 + 0.9, um2: 1640 * (8 / 11) ** 2 + 4184 },
  fp32: { pj: 3.7 + 0.9, um2: 7700 + 4184 },
};

/** Operand bits of each precision; every precision accumulates into 32 bits (the MAC rows above). */
export const OPERAND_BITS: Readonly<Record<Precision, number>> = { int8: 8, fp16: 16, bf16: 16, fp32: 32 };
const ACCUMULATOR_BITS = 32;

/**
 * Pipeline registers a systolic PE updates per MAC: the operand passed on, the stationary operand read, the
 * partial sum written (2 operands + a 32-bit sum; 48 bits for int8). Flip-flop energy and area per bit are
 * Aladdin's 40 nm register (0.009 pJ/bit, 5.98 µm²/bit; docs/energy-area.md §3), taken as 45 nm.
 */
export function registerBitsPerMac(precision: Precision): number {
  return 2 * OPERAND_BITS[precision] + ACCUMULATOR_BITS;
}
export const REGISTER_AT_45NM = { pjPerBit: 0.009, um2PerBit: 5.98 } as const;

/**
 * SRAM energy per byte at 45 nm grows as √(bank capacity): 1.25 pJ/B for an 8 KiB bank, Horowitz's anchors
 * (8 KiB 1.25, 32 KiB 2.5 pJ/B; docs/energy-area.md §4b). A larger SRAM adds banks of at most 128 KiB rather
 * than energy per byte (the sheet's suggested default; the bank cap is our choice within its 32–128 KiB).
 */
export const SRAM_ENERGY = { pjPerByteAt8KiB: 1.25, exponent: 0.5, maxBankBytes: 128 * 1024 } as const;

export function sramPjPerByteAt45nm(sramBytes: number): number {
  const bank = Math.min(sramBytes, SRAM_ENERGY.maxBankBytes);
  return SRAM_ENERGY.pjPerByteAt8KiB * (bank / 8192) ** SRAM_ENERGY.exponent;
}

/**
 * The vector unit computes in fp32: one element operation costs an fp32 FMA (Horowitz: 3.7 + 0.9 pJ, 7700 +
 * 4184 µm² at 45 nm). Exponentials and reciprocals are counted as several operations by the graph already.
 */
export const VECTOR_LANE_AT_45NM = { pjPerOp: 3.7 + 0.9, um2: 7700 + 4184 } as const;

/**
 * Leakage power per mm² of logic and SRAM: Timeloop's 45 nm MAC leaks 0.0036 pJ per cycle (1 GHz assumed) on
 * 417 µm², 8.6 mW/mm² (derived; docs/energy-area.md §8). Sources disagree by ~30× (CACTI high-performance SRAM
 * ≈ 100 mW/mm²); held constant across nodes.
 */
export const STATIC_MW_PER_MM2 = 3.6e-3 / 417e-6;

/** Control, sequencing and clock tree as a share of the compute and SRAM area (an assumption, not a source). */
export const CONTROL_AREA_FRACTION = 0.1;
