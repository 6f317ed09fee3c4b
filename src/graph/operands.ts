import {
  BYTES_PER_ELEMENT,
  opPrecisions,
  WEIGHT_BYTES_PER_ELEMENT,
  weightBytes,
  type Precisions,
} from "../hardware/precision.js";
import { exactMul } from "../common/exact.js";
import { atOp } from "./place.js";
import type { MatmulOp, Op, OperandElements } from "./types.js";

export function operandElements(op: MatmulOp): OperandElements {
  return atOp(op, () => elementsOf(op));
}

/** A grouped-query attention's K and V count once per key/value head, not once per query head. */
function elementsOf(op: MatmulOp): OperandElements {
  return {
    ifmap: exactMul(op.batch, op.m, op.k),
    filter: exactMul(op.kvHeads ?? op.batch, op.k, op.n),
    ofmap: exactMul(op.batch, op.m, op.n),
  };
}

/** Bytes of one execution, split the way a cost model needs them: weights, other inputs, outputs. */
export interface OpBytes {
  readonly weightBytes: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
}

/**
 * Bytes of one execution on a target of these precisions, or at the op's own when its component states them
 * (opPrecisions). Weights take their own width (int4: half a byte, a whole last byte for an odd count).
 */
export function opBytes(op: Op, target: Precisions): OpBytes {
  const at = op.precision === undefined && op.weightPrecision === undefined ? target : opPrecisions(op, target);
  return atOp(op, () => bytesOf(op, BYTES_PER_ELEMENT[at.precision], WEIGHT_BYTES_PER_ELEMENT[at.weightPrecision]));
}

function bytesOf(op: Op, bytesPerElement: number, weightBytesPerElement: number): OpBytes {
  if (op.kind === "vector") {
    const bytes = exactMul(op.elements, bytesPerElement);
    return { weightBytes: 0, inputBytes: exactMul(op.inputs, bytes), outputBytes: bytes };
  }
  const e = elementsOf(op);
  return {
    weightBytes: op.filterIsWeight ? weightBytes(e.filter, weightBytesPerElement) : 0,
    inputBytes: exactMul(e.ifmap + (op.filterIsWeight ? 0 : e.filter), bytesPerElement),
    outputBytes: exactMul(e.ofmap, bytesPerElement),
  };
}

/** Learned parameters of one op (its weight matrix), counted once per model, not per execution. */
export function weightParams(op: Op): number {
  return op.kind === "matmul" && op.filterIsWeight ? atOp(op, () => exactMul(op.batch, op.k, op.n)) : 0;
}
