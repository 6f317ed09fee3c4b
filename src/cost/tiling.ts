/**
 * The DRAM tiling of one GEMM (one attention head) in an on-chip buffer: which operand blocks stay in the
 * buffer and how often the others stream past them, chosen per op to move the fewest DRAM bytes
 * (docs/cost-model.md, "DRAM traffic: tiling chosen per op"). Operands that are already on chip (an activation
 * its producer left there, resident weights) move nothing but take their room in the buffer.
 *
 * The candidates are the classic blockings of C = A·B (A: M×K, B: K×N), each double-buffering what it streams:
 * - all:       everything fits: each operand once.
 * - a-block:   Tm rows of A stay (Tm·K), B streams past each block: B read ⌈M/Tm⌉ times.
 * - b-block:   Tn columns of B stay (K·Tn), A streams past each block: A read ⌈N/Tn⌉ times.
 * - output:    a Tm×Tn tile of accumulators stays while K streams in Tk-deep strips of A and B:
 *              A read ⌈N/Tn⌉ times, B ⌈M/Tm⌉ times (the Hong–Kung schedule: ≈ 2·M·N·K/√S when nothing fits).
 * - array:     the array's own loop order (SCALE-Sim's SRAM reads), which needs no more than a fold's tiles.
 * The output is written once (accumulated on chip; see docs for partial sums).
 */

/** Accumulator width: partial sums are 32-bit for int8 and fp16/bf16 (fp32 accumulate) alike. */
export const ACCUMULATOR_BYTES = 4;

export interface GemmOperands {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly bytesPerElement: number;
  /** Bytes per element of B: the weights' own width when B is a weight matrix (int4: 0.5), else bytesPerElement. */
  readonly filterBytesPerElement: number;
  /** Where each operand is: already on chip (no DRAM traffic), or in DRAM. The output: kept on chip, or written out. */
  readonly ifmapOnChip: boolean;
  /** Bytes of the on-chip operands that sit in this buffer (resident weights have their own share of the SRAM). */
  readonly occupiedBytes: number;
  readonly filterOnChip: boolean;
  readonly ofmapOnChip: boolean;
  /** The array's own DRAM passes if it streamed everything in its loop order (SCALE-Sim's reads per element). */
  readonly arrayIfmapPasses: number;
  readonly arrayFilterPasses: number;
  /** The array's rows and columns: the smallest strips a schedule streams (one fold deep and wide). */
  readonly rows: number;
  readonly cols: number;
}

export type TilingScheme = "all" | "a-block" | "b-block" | "output" | "array";

export interface Tiling {
  readonly scheme: TilingScheme;
  /** Blocks kept in the buffer, in elements (the dimension not blocked is whole). */
  readonly tm: number;
  readonly tn: number;
  readonly tk: number;
  /** Times each operand crosses DRAM (0 for one on chip). */
  readonly ifmapPasses: number;
  readonly filterPasses: number;
  /** DRAM bytes of one GEMM, per operand, and the compulsory bytes (each operand not on chip, once). */
  readonly ifmapBytes: number;
  readonly filterBytes: number;
  readonly ofmapBytes: number;
  readonly compulsoryBytes: number;
}

/** A candidate as plain numbers; one per call, overwritten as better ones are found. */
interface Best {
  scheme: TilingScheme;
  tm: number;
  tn: number;
  tk: number;
  pa: number;
  pb: number;
  bytes: number;
}

/** The tiling that moves the fewest DRAM bytes in `bufferBytes`; ties go to the array's own order, then the earlier scheme above. */
export function chooseTiling(g: GemmOperands, bufferBytes: number): Tiling {
  const b = g.bytesPerElement;
  const aCost = g.ifmapOnChip ? 0 : g.m * g.k * b;
  const wCost = g.filterOnChip ? 0 : g.k * g.n * g.filterBytesPerElement;
  const tk = Math.min(g.k, g.rows);
  // The array's own loop order needs no more than a fold's tiles: always possible, the one to beat.
  const best: Best = {
    scheme: "array",
    tm: Math.min(g.m, g.rows),
    tn: Math.min(g.n, g.cols),
    tk,
    pa: g.arrayIfmapPasses,
    pb: g.arrayFilterPasses,
    bytes: 0,
  };
  best.bytes = aCost * best.pa + wCost * best.pb;
  search(g, bufferBytes - g.occupiedBytes, aCost, wCost, tk, best);
  const ifmapPasses = g.ifmapOnChip ? 0 : best.pa;
  const filterPasses = g.filterOnChip ? 0 : best.pb;
  const c = g.ofmapOnChip ? 0 : g.m * g.n * b;
  return {
    scheme: best.scheme,
    tm: best.tm,
    tn: best.tn,
    tk: best.tk,
    ifmapPasses,
    filterPasses,
    ifmapBytes: g.m * g.k * b * ifmapPasses,
    filterBytes: g.k * g.n * g.filterBytesPerElement * filterPasses,
    ofmapBytes: c,
    compulsoryBytes: aCost + wCost + c,
  };
}

/**
 * Tries the blockings in order of preference, keeping the cheapest in `best` (plain numbers: this runs per shape
 * per sweep point). Nothing beats each operand once, so a candidate that reaches it ends the search.
 */
function search(g: GemmOperands, free: number, aCost: number, wCost: number, tk: number, best: Best): void {
  const { m, k, n } = g;
  const b = g.bytesPerElement;
  const fb = g.filterBytesPerElement;
  const acc = ACCUMULATOR_BYTES;
  const compulsory = aCost + wCost;
  const keep = (scheme: TilingScheme, tm: number, tn: number, depth: number, pa: number, pb: number): boolean => {
    const bytes = aCost * pa + wCost * pb;
    if (bytes < best.bytes) Object.assign(best, { scheme, tm, tn, tk: depth, pa, pb, bytes });
    return best.bytes === compulsory;
  };
  // all: everything fits, with the M×N accumulators.
  if (compulsory + m * n * acc <= free && keep("all", m, n, k, 1, 1)) return;
  // a-block: Tm·K of A, a double-buffered K×cols strip of B, a Tm×cols accumulator tile.
  const stripN = Math.min(n, g.cols);
  const tmA = Math.min(m, Math.floor((free - 2 * k * stripN * fb) / (k * b + stripN * acc)));
  if (tmA >= 1 && keep("a-block", tmA, n, k, 1, Math.ceil(m / tmA))) return;
  // b-block: K·Tn of B, a double-buffered rows×K strip of A, a rows×Tn accumulator tile.
  const stripM = Math.min(m, g.rows);
  const tnB = Math.min(n, Math.floor((free - 2 * stripM * k * b) / (k * fb + stripM * acc)));
  if (tnB >= 1 && keep("b-block", m, tnB, k, Math.ceil(n / tnB), 1)) return;
  // output: a Tm×Tn accumulator tile, double-buffered Tk-deep strips of A (Tm·Tk) and B (Tk·Tn).
  for (let tm = 1; ; tm = Math.min(m, tm * 2)) {
    const tn = Math.min(n, Math.floor((free - 2 * tk * tm * b) / (tm * acc + 2 * tk * fb)));
    if (tn >= 1 && keep("output", tm, tn, tk, Math.ceil(n / tn), Math.ceil(m / tm))) return;
    if (tm === m) return;
  }
}

export function totalBytes(t: Pick<Tiling, "ifmapBytes" | "filterBytes" | "ofmapBytes">): number {
  return t.ifmapBytes + t.filterBytes + t.ofmapBytes;
}
