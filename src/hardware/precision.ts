/** Element precisions a target computes in, and the bytes one element of each takes in SRAM and DRAM. */
export type Precision = "int8" | "fp16" | "bf16" | "fp32";

export const BYTES_PER_ELEMENT: Readonly<Record<Precision, number>> = { int8: 1, fp16: 2, bf16: 2, fp32: 4 };
