/** Element precisions a target computes in, and the bytes one element of each takes in SRAM and DRAM. */
export type Precision = "int8" | "fp16" | "bf16" | "fp32";

export const BYTES_PER_ELEMENT: Readonly<Record<Precision, number>> = { int8: 1, fp16: 2, bf16: 2, fp32: 4 };

/**
 * Precisions weights may be stored in: any compute precision, or int4 packed two to a byte and widened to the
 * compute precision on the way into the array (w4a8, w4a16: weight-only quantisation, as GPTQ/AWQ kernels and
 * NPUs with nibble unpackers run it). The MACs run at the compute precision; only weight bytes shrink.
 */
export type WeightPrecision = Precision | "int4";

export const WEIGHT_BYTES_PER_ELEMENT: Readonly<Record<WeightPrecision, number>> = { ...BYTES_PER_ELEMENT, int4: 0.5 };

/** Bytes of `elements` weights: int4 packs two to a byte, and a tensor of an odd count takes a whole last byte. */
export function weightBytes(elements: number, weightBytesPerElement: number): number {
  return Math.ceil(elements * weightBytesPerElement);
}

/** What an op computes and stores in: a target's two precisions, or an op's own over them. */
export interface Precisions {
  readonly precision: Precision;
  readonly weightPrecision: WeightPrecision;
}

/**
 * The precisions an op runs at on a target. A component that states a compute precision other than the
 * target's stores its weights at that precision too, unless it states a weight precision; one that states
 * neither takes the target's both.
 */
export function opPrecisions(
  op: { readonly precision?: Precision; readonly weightPrecision?: WeightPrecision },
  target: Precisions,
): Precisions {
  const precision = op.precision ?? target.precision;
  const weightPrecision = op.weightPrecision ?? (precision === target.precision ? target.weightPrecision : precision);
  return { precision, weightPrecision };
}

/** Why a weight precision cannot go with a compute precision, or undefined when it can. */
export function weightPrecisionProblem(precision: Precision, weightPrecision: WeightPrecision): string | undefined {
  if (WEIGHT_BYTES_PER_ELEMENT[weightPrecision] <= BYTES_PER_ELEMENT[precision]) return undefined;
  return `weights in ${weightPrecision} are wider than the ${precision} the MACs compute in: weights may be stored narrower than the compute precision (int4 with int8, fp16 or bf16 MACs), not wider`;
}
