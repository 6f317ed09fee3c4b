/** Number and table formatting shared by the CLI and the reports. Rounding happens only here (significant digits in common/, for sweep messages). */

export { formatSignificant } from "../../common/significant.js";
import { formatSignificant } from "../../common/significant.js";

export function formatGiga(value: number, decimals = 2): string {
  return (value / 1e9).toFixed(decimals);
}

/**
 * 1234567 → "1,234,567", as `toLocaleString("en-US")` writes it, without its first call's ICU start-up
 * (≈10 ms of a CLI run). Beyond 1e21, where String() switches to exponent notation, ICU does it.
 */
export function formatInteger(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const rounded = Math.round(value);
  if (Math.abs(rounded) >= 1e21) return rounded.toLocaleString("en-US");
  return `${Object.is(rounded, -0) ? "-" : ""}${String(rounded).replace(/\B(?=(\d{3})+$)/g, ",")}`;
}

export function formatFixed(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : "n/a";
}

export function formatPercent(fraction: number, decimals = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(decimals)}%` : "n/a";
}

export type Align = "left" | "right";

/** A plain-text table with a header rule; numeric columns are right-aligned by the caller's choice. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        (align?.[i] ?? (i === 0 ? "left" : "right")) === "left" ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A Markdown table (pipes escaped). */
export function renderMarkdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const rule = headers.map((_, i) => ((align?.[i] ?? (i === 0 ? "left" : "right")) === "left" ? ":---" : "---:"));
  return [headers, rule, ...rows].map((r) => `| ${r.map(esc).join(" | ")} |`).join("\n");
}

/** RFC 4180 CSV: fields with commas, quotes or newlines are quoted. */
export function toCsv(
  headers: readonly string[],
  rows: readonly (readonly (string | number | boolean | null)[])[],
): string {
  // A figure that does not apply (null, NaN) is an empty field: no CSV reader should meet NaN or Infinity.
  const field = (v: string | number | boolean | null) => {
    const s = v === null || (typeof v === "number" && !Number.isFinite(v)) ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [headers, ...rows].map((r) => r.map(field).join(",")).join("\n") + "\n";
}

/**
 * Percentages of a total that add up to exactly 100 in floating point (multiples of 1/1024 %, the largest
 * part taking the remainder), so a stacked chart's axis ends at 100 rather than rounding up to 120.
 */
export function percentShares(values: readonly number[]): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  if (!(total > 0)) return values.map(() => 0);
  const shares = values.map((v) => Math.round((v / total) * 100 * 1024) / 1024);
  const largest = shares.indexOf(Math.max(...shares));
  shares[largest] = 100 - shares.reduce((s, v, i) => (i === largest ? s : s + v), 0);
  return shares;
}

/** 3501.877, 3 → "3,501.877": fixed decimals with thousands separators, like formatInteger. */
export function formatGrouped(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split(".");
  return `${value < 0 ? "-" : ""}${formatInteger(Number(whole))}${fraction === undefined ? "" : `.${fraction}`}`;
}

/**
 * A table column with one number of decimals for all its rows — enough for `digits` significant digits in
 * its smallest value, at most `maxDecimals` — and thousands separators: "1,410" beside "480", "19.20" beside "2,039.00".
 */
export function formatColumn(values: readonly number[], digits = 3, maxDecimals = 3): string[] {
  const sizes = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const smallest = sizes.length === 0 ? 1 : Math.min(...sizes);
  const decimals = Math.min(maxDecimals, Math.max(0, digits - 1 - Math.floor(Math.log10(smallest))));
  return values.map((v) => formatGrouped(v, decimals));
}

/** A size in KiB: whole ones grouped (4,096), a fraction to four significant digits (0.01, 1.5). */
export function formatKiB(kib: number): string {
  return Number.isInteger(kib) ? formatInteger(kib) : formatSignificant(kib, 4);
}
