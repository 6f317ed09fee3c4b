/**
 * What the clock costs: the supply voltage a clock needs, by the alpha-power law (Sakurai & Newton, IEEE JSSC
 * 25(2), 1990): gate delay ∝ V / (V − V_t)^α, so f_max(V) ∝ (V − V_t)^α / V. Dynamic energy per operation is
 * a·C·V², so it scales by (V / V_nominal)² (chips-as-built §11). Figures and their sources: docs/energy-area.md,
 * "Voltage and clock".
 */

/** Threshold voltage and velocity-saturation exponent: the sheet's V_t ≈ 0.3 V and α in 1.2–1.5 for short channels. */
export const THRESHOLD_V = 0.3;
export const ALPHA = 1.3;
/** Overdrive above nominal the model allows: the sheet's table spans nominal 0.8 V to 1.0 V. */
export const OVERDRIVE_V = 0.2;
/** Lowest supply a file may state (the sheet's table starts at 0.55 V; nearer threshold the law does not hold). */
export const MIN_VOLTAGE_V = 0.55;

/**
 * Nominal core voltage and the datapath clock NPU-class designs ship at, by node (chips-as-built §11; tags as
 * there): 5 nm 0.725 V, Exynos 2100 NPU ≈1.2 GHz; 8 nm 0.775 V, Exynos 9820 NPU ≈0.93 GHz; 16 nm 0.8 V, NVDLA
 * 1 GHz; 28 nm 0.9 V, NVDLA 1 GHz. Between anchors, interpolated in log node; outside them, held flat.
 */
const ANCHORS: readonly { readonly nm: number; readonly v: number; readonly mhz: number }[] = [
  { nm: 5, v: 0.725, mhz: 1200 },
  { nm: 8, v: 0.775, mhz: 930 },
  { nm: 16, v: 0.8, mhz: 1000 },
  { nm: 28, v: 0.9, mhz: 1000 },
];

function atNode(nodeNm: number, pick: (a: (typeof ANCHORS)[number]) => number): number {
  const first = ANCHORS[0]!;
  const last = ANCHORS[ANCHORS.length - 1]!;
  if (nodeNm <= first.nm) return pick(first);
  if (nodeNm >= last.nm) return pick(last);
  let upper = 1;
  while (ANCHORS[upper]!.nm < nodeNm) upper++;
  const lo = ANCHORS[upper - 1]!;
  const hi = ANCHORS[upper]!;
  const t = Math.log(nodeNm / lo.nm) / Math.log(hi.nm / lo.nm);
  return pick(lo) + t * (pick(hi) - pick(lo));
}

/** Relative maximum frequency at a supply: (V − V_t)^α / V. */
function speed(v: number): number {
  return (v - THRESHOLD_V) ** ALPHA / v;
}

export interface OperatingPoint {
  readonly voltageV: number;
  readonly nominalV: number;
  /** The clock the node reaches at nominal voltage. */
  readonly nominalHz: number;
  /** The clock reached at the highest allowed supply (or at a stated one). */
  readonly maxHz: number;
  /** Dynamic energy per operation relative to nominal: (V / V_nominal)². */
  readonly energyFactor: number;
}

/**
 * The supply a clock runs at on a node: nominal up to the nominal clock (a slower clock does not lower the
 * supply unless the file states one), and above it the lowest supply that reaches the clock, up to nominal +
 * 0.2 V. A stated `voltageV` is taken as given and bounds the clock instead. Callers check `clockHz ≤ maxHz`
 * and refuse the design otherwise (the schema does, for target files).
 */
export function operatingPoint(nodeNm: number, clockHz: number, statedV?: number): OperatingPoint {
  const nominalV = atNode(nodeNm, (a) => a.v);
  const nominalHz = atNode(nodeNm, (a) => a.mhz) * 1e6;
  const ceilingV = statedV ?? nominalV + OVERDRIVE_V;
  const maxHz = (nominalHz * speed(ceilingV)) / speed(nominalV);
  const voltageV = statedV ?? (clockHz <= nominalHz ? nominalV : supplyFor(clockHz / nominalHz, nominalV, ceilingV));
  return { voltageV, nominalV, nominalHz, maxHz, energyFactor: (voltageV / nominalV) ** 2 };
}

/** The supply whose speed is `ratio` × nominal's, by bisection (speed rises with V above threshold). */
function supplyFor(ratio: number, nominalV: number, ceilingV: number): number {
  const want = ratio * speed(nominalV);
  if (want >= speed(ceilingV)) return ceilingV;
  let lo = nominalV;
  let hi = ceilingV;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (speed(mid) < want) lo = mid;
    else hi = mid;
  }
  return hi;
}
