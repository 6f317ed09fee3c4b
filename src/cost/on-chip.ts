import type { Op } from "../graph/types.js";

/**
 * The one on-chip rule (docs/cost-model.md, "Where operands are"): a tensor is on chip when one slice of it
 * (one head) fits a third of the buffer and it stayed there from its producer, beside everything made in
 * between (graph/liveness.ts); a standalone GEMM's operands are in DRAM. Weights are not judged here (see
 * residency). Returned as bits, so that ops of one shape that decide alike share one cost: 1 the input, 2 an
 * activation filter (attention's K or V), 4 the output.
 */
export const INPUT_ON_CHIP = 1;
export const FILTER_ON_CHIP = 2;
export const OUTPUT_ON_CHIP = 4;

export function onChipMask(op: Op, bytesPerElement: number, bufferBytes: number): number {
  // Plain comparisons, no closures: this runs for every shape at every sweep point.
  const third = bufferBytes / 3;
  const spans = op.spans;
  const room = bufferBytes / bytesPerElement;
  const input = spans === undefined || (spans.input !== undefined && spans.input <= room);
  const output = spans === undefined || (spans.output !== undefined && spans.output <= room);
  if (op.kind === "vector") {
    if ((op.elements * bytesPerElement) / op.slices > third) return 0;
    return (input ? INPUT_ON_CHIP : 0) | (output ? OUTPUT_ON_CHIP : 0);
  }
  if (op.standalone === true) return 0;
  const filter = !op.filterIsWeight && (spans === undefined || (spans.filter !== undefined && spans.filter <= room));
  return (
    (input && op.m * op.k * bytesPerElement <= third ? INPUT_ON_CHIP : 0) |
    (filter && op.k * op.n * bytesPerElement <= third ? FILTER_ON_CHIP : 0) |
    (output && op.m * op.n * bytesPerElement <= third ? OUTPUT_ON_CHIP : 0)
  );
}
