import { exactMul } from "../common/exact.js";
import type { Op } from "./types.js";

/**
 * One op serving `batch` sequences at once: a weight GEMM multiplies all their tokens by the one weight
 * matrix (M × batch); attention's score and value GEMMs are per sequence, each with its own K/V (batch ×
 * batch GEMMs); vector work covers every sequence's elements, a per-head op's slices per sequence. MACs and
 * every activation scale by the batch; weights do not.
 */
export function batchOp(op: Op, batch: number): Op {
  if (op.kind === "vector") {
    return {
      ...op,
      elements: exactMul(op.elements, batch),
      slices: op.slices > 1 ? exactMul(op.slices, batch) : op.slices,
    };
  }
  if (op.filterIsWeight) return { ...op, m: exactMul(op.m, batch), macs: exactMul(op.macs, batch) };
  return {
    ...op,
    batch: exactMul(op.batch, batch),
    macs: exactMul(op.macs, batch),
    ...(op.kvHeads === undefined ? {} : { kvHeads: exactMul(op.kvHeads, batch) }),
  };
}
