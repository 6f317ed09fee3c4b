/** Significant-digit formatting that never prints exponent notation for ordinary magnitudes. */
export function formatSignificant(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(Math.min(decimals, 12));
}
