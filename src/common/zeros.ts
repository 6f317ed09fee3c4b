/**
 * A plain array of `n` zeros. The per-point paths of a sweep use these, not typed arrays: V8 keeps a typed
 * array over 64 bytes outside the heap, and allocating and collecting one costs about 2 µs, as much as
 * evaluating a point.
 */
export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}
