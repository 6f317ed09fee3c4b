import { InputError } from "./errors.js";

/**
 * Checked integer arithmetic: MAC and byte counts stay exact JavaScript integers, and anything that would
 * leave the exactly representable range is refused instead of silently rounded.
 */
/** An exact-range overflow: an InputError whose message does not yet say where (callers add the place). */
export class ExactRangeError extends InputError {}

export function exactMul(...factors: number[]): number {
  let product = 1;
  for (const f of factors) {
    product *= f;
    if (!Number.isSafeInteger(product)) {
      throw new ExactRangeError(`integer product ${factors.join(" × ")} exceeds the exact integer range (2^53)`);
    }
  }
  return product;
}

export function exactAdd(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new ExactRangeError(`integer sum ${a} + ${b} exceeds the exact integer range (2^53)`);
  }
  return sum;
}

/**
 * A total (cycles or MACs per inference) must stay exact: past 2^53 sums depend on their order and two
 * correct summations could print different numbers.
 */
export function exactTotal(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new InputError(
      `${what} (${value.toExponential(3)}) exceed the exact integer range (2^53): the design is too slow, or the model too large, to count exactly`,
    );
  }
  return value;
}
