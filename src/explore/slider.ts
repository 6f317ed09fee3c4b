/**
 * A slider beside a numeric control moves its value on a log scale around the files' value, from a sixteenth
 * to sixteen times it: array sizes, clocks and bandwidths are explored by factors, not by steps of one.
 */
const SPAN = 16;

export function sliderValue(base: number, position: number, integer: boolean): number {
  if (!(base > 0)) return position;
  const value = base * SPAN ** ((position - 50) / 50);
  return integer ? Math.max(1, Math.round(value)) : Number(value.toPrecision(4));
}

/** Where a value sits on its slider (clamped to the ends; the middle when the text is not a number). */
export function sliderPosition(base: number, value: number): number {
  if (!(base > 0) || !(value > 0)) return 50;
  const position = 50 + (50 * Math.log(value / base)) / Math.log(SPAN);
  return Math.min(100, Math.max(0, Math.round(position)));
}
