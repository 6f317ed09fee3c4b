import { InputError } from "./errors.js";

/**
 * Checked integer arithmetic: MAC and byte counts stay exact JavaScript integers, and anything that would
 * leave the exactly representable range is refused instead of silently rounded.
 */
export function exactMul(...factors: number[]): number {
  let product = 1;
  for (const f of factors) {
    product *= f;
    if (!Number.isSafeInteger(product)) {
      throw new InputError(`integer product ${factors.join(" × ")} exceeds the exact integer range (2^53)`);
    }
  }
  return product;
}

export function exactAdd(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new InputError(`integer sum ${a} + ${b} exceeds the exact integer range (2^53)`);
  }
  return sum;
}

export function exactSum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total = exactAdd(total, v);
  return total;
}

export function ceilDiv(a: number, b: number): number {
  return Math.ceil(a / b);
}
