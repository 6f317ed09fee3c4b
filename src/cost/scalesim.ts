import type { Dataflow, WeightBuffering } from "../hardware/types.js";

/**
 * SCALE-Sim v2's stall-free GEMM model on an R×C systolic array (Samajdar et al., ISPASS 2020), in closed
 * form; docs/cost-model.md states the formulas, their source and the reference rows this reproduces.
 * An M×K ifmap times a K×N filter: the dataflow keeps one operand stationary, maps Sr onto rows and Sc
 * onto columns, and streams the third dimension T through in time.
 */
export interface GemmMapping {
  readonly sr: number;
  readonly sc: number;
  readonly t: number;
}

export function mapGemm(dataflow: Dataflow, m: number, k: number, n: number): GemmMapping {
  switch (dataflow) {
    case "os":
      return { sr: m, sc: n, t: k };
    case "ws":
      return { sr: k, sc: n, t: m };
    case "is":
      return { sr: k, sc: m, t: n };
    default: {
      const never: never = dataflow;
      throw new Error(`unknown dataflow ${String(never)}`);
    }
  }
}

export interface GemmCycles {
  readonly folds: number;
  /** os: R + C + T − 2; ws and is: 2R + C + T − 2 (the extra R loads the stationary operand). */
  readonly cyclesPerFold: number;
  /** folds · cyclesPerFold − 1, SCALE-Sim's total for one GEMM. */
  readonly cycles: number;
  /** Sr·Sc / (folds·R·C): the share of the array the mapping covers. */
  readonly mappingEfficiency: number;
}

export function foldsOf(mapping: GemmMapping, rows: number, cols: number): number {
  return Math.ceil(mapping.sr / rows) * Math.ceil(mapping.sc / cols);
}

export function cyclesPerFold(dataflow: Dataflow, rows: number, cols: number, t: number): number {
  return dataflow === "os" ? rows + cols + t - 2 : 2 * rows + cols + t - 2;
}

/**
 * Cycles of `folds` folds run back to back on one array.
 *
 * single (SCALE-Sim v2): each fold loads its stationary tile, fills, streams and drains on its own:
 * folds · cyclesPerFold − 1.
 *
 * double (ws and is only; TPU v1 keeps a second weight tile for this, Jouppi et al., ISCA 2017, §2): the next
 * fold's R-cycle tile load overlaps the current fold's T-cycle stream, and the wavefront runs on without
 * draining. So the total is the first load (R), each fold but the last max(T, R) (streaming while the next tile
 * loads), the last fold's T, and one fill/drain (R + C − 2), less SCALE-Sim's final cycle:
 * (folds − 1) · max(T, R) + T + 2R + C − 3. For one fold this equals single.
 * Output stationary has no stationary weights to double-buffer: single applies.
 */
export function foldCycles(
  dataflow: Dataflow,
  rows: number,
  cols: number,
  t: number,
  folds: number,
  buffering: WeightBuffering,
): number {
  if (buffering === "single" || dataflow === "os") return folds * cyclesPerFold(dataflow, rows, cols, t) - 1;
  return (folds - 1) * Math.max(t, rows) + t + 2 * rows + cols - 3;
}

export function gemmCycles(
  dataflow: Dataflow,
  rows: number,
  cols: number,
  m: number,
  k: number,
  n: number,
): GemmCycles {
  const mapping = mapGemm(dataflow, m, k, n);
  const folds = foldsOf(mapping, rows, cols);
  const perFold = cyclesPerFold(dataflow, rows, cols, mapping.t);
  return {
    folds,
    cyclesPerFold: perFold,
    cycles: folds * perFold - 1,
    mappingEfficiency: (mapping.sr * mapping.sc) / (folds * rows * cols),
  };
}

/** SRAM element traffic of one GEMM, stall-free (same reference, "SRAM traffic" table). */
export interface SramTraffic {
  readonly ifmapReads: number;
  readonly filterReads: number;
  readonly ofmapWrites: number;
}

export function sramTraffic(
  dataflow: Dataflow,
  rows: number,
  cols: number,
  m: number,
  k: number,
  n: number,
): SramTraffic {
  switch (dataflow) {
    case "os": {
      const folds = Math.ceil(m / rows) * Math.ceil(n / cols);
      return {
        ifmapReads: Math.ceil(n / cols) * m * k,
        filterReads: Math.ceil(m / rows) * k * n,
        ofmapWrites: m * n + folds * (rows + cols),
      };
    }
    case "ws":
      return { ifmapReads: Math.ceil(n / cols) * m * k, filterReads: k * n, ofmapWrites: Math.ceil(k / rows) * m * n };
    case "is":
      return { ifmapReads: k * m, filterReads: Math.ceil(m / cols) * k * n, ofmapWrites: Math.ceil(k / rows) * m * n };
    default: {
      const never: never = dataflow;
      throw new Error(`unknown dataflow ${String(never)}`);
    }
  }
}
