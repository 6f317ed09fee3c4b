/**
 * Numbers in messages. A message never shows NaN, Infinity or ∞ — not even when quoting bad input — since
 * to a reader they look like the tool's own arithmetic failing; "not a finite number" says what is wrong.
 */
export const NOT_FINITE = "not a finite number";

/** A number as a message shows it: itself when finite, else "not a finite number". */
export function showNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : NOT_FINITE;
}

/** The last line of defence, applied to every error message printed: non-finite spellings become words. */
export function withoutNonFinite(message: string): string {
  return message.replace(/-?\bInfinity\b|\bNaN\b|-?∞/g, NOT_FINITE);
}
