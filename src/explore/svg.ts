/**
 * The explorer's charts as SVG text: horizontal stacked bars and a log-log roofline. Plain strings, no chart
 * library, so the page stays small, offline and quick to redraw on every change.
 */
import { formatSignificant } from "../common/significant.js";
import { partColor } from "../report/chart/palette.js";

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A part's colour, the report's own (report/chart/palette.ts); a name that is no part by its place in `names`. */
export function colorOf(names: readonly string[], name: string): string {
  return partColor(name, Math.max(0, names.indexOf(name)));
}

export interface BarRow {
  readonly label: string;
  readonly parts: readonly { readonly name: string; readonly value: number }[];
}

const WIDTH = 640;
/** A legend entry's width and a legend line's height. */
const LEGEND_ITEM = 82;
const LEGEND_LINE = 16;
const LABEL = 170;
const ROW = 24;

/** Rows of stacked parts on one scale, each row's total at its end; the legend names `partNames` in order. */
export function stackedBars(rows: readonly BarRow[], unit: string, partNames: readonly string[]): string {
  const totals = rows.map((r) => r.parts.reduce((sum, p) => sum + p.value, 0));
  const max = Math.max(...totals, Number.MIN_VALUE);
  const scale = (WIDTH - LABEL - 90) / max;
  const legendY = rows.length * ROW + 14;
  const bars = rows.map((row, i) => {
    let x = LABEL;
    const y = i * ROW + 4;
    const rects = row.parts
      .filter((p) => p.value > 0)
      .map((p) => {
        const w = p.value * scale;
        const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(w, 0.5).toFixed(1)}" height="${ROW - 8}" fill="${colorOf(partNames, p.name)}"><title>${esc(`${row.label} · ${p.name}: ${formatSignificant(p.value, 4)} ${unit}`)}</title></rect>`;
        x += w;
        return rect;
      });
    return `<text x="${LABEL - 6}" y="${y + ROW / 2}" text-anchor="end">${esc(row.label)}</text>${rects.join("")}<text x="${x + 6}" y="${y + ROW / 2}">${esc(`${formatSignificant(totals[i]!, 4)} ${unit}`)}</text>`;
  });
  // The legend wraps: nine area blocks do not fit one line of the chart's width.
  const perLine = Math.max(1, Math.floor((WIDTH - LABEL) / LEGEND_ITEM));
  const legend = partNames.map((name, i) => {
    const [x, y] = [LABEL + (i % perLine) * LEGEND_ITEM, legendY + Math.floor(i / perLine) * LEGEND_LINE];
    return `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${colorOf(partNames, name)}"/><text x="${x + 14}" y="${y}">${esc(name)}</text>`;
  });
  const height = legendY + Math.floor(Math.max(0, partNames.length - 1) / perLine) * LEGEND_LINE + 8;
  return `<svg viewBox="0 0 ${WIDTH} ${height}" role="img" class="chart">${bars.join("")}${legend.join("")}</svg>`;
}

export interface RooflinePoint {
  readonly label: string;
  readonly intensity: number;
  readonly attained: number;
}

/**
 * MAC rate against operational intensity (MACs per compulsory DRAM byte), both on log scales: the roofs are the peak MAC
 * rate and DRAM bandwidth × intensity; each point is an op at the rate the simulation says it attains.
 */
export function roofline(points: readonly RooflinePoint[], peak: number, bandwidth: number, title: string): string {
  const H = 300;
  const [x0, y0, x1, y1] = [64, 16, WIDTH - 16, H - 40];
  const xs = [...points.map((p) => p.intensity), peak / bandwidth];
  const lo = Math.floor(Math.log10(Math.min(...xs) / 2));
  const hi = Math.ceil(Math.log10(Math.max(...xs) * 2));
  const top = Math.ceil(Math.log10(peak * 1.5));
  const bottom = Math.min(top - 1, Math.floor(Math.log10(Math.min(...points.map((p) => p.attained), peak / 10))));
  const px = (v: number) => x0 + ((Math.log10(v) - lo) / Math.max(hi - lo, 1)) * (x1 - x0);
  const py = (v: number) => y1 - ((Math.log10(v) - bottom) / Math.max(top - bottom, 1)) * (y1 - y0);
  const ridge = peak / bandwidth;
  const leftX = 10 ** lo;
  const roof = `<polyline class="roof" points="${px(leftX).toFixed(1)},${py(Math.max(bandwidth * leftX, 10 ** bottom)).toFixed(1)} ${px(ridge).toFixed(1)},${py(peak).toFixed(1)} ${x1},${py(peak).toFixed(1)}"/>`;
  const grid: string[] = [];
  for (let e = lo; e <= hi; e++)
    grid.push(
      `<line class="grid" x1="${px(10 ** e)}" y1="${y0}" x2="${px(10 ** e)}" y2="${y1}"/><text x="${px(10 ** e)}" y="${y1 + 14}" text-anchor="middle">1e${e}</text>`,
    );
  for (let e = bottom; e <= top; e++)
    grid.push(
      `<line class="grid" x1="${x0}" y1="${py(10 ** e)}" x2="${x1}" y2="${py(10 ** e)}"/><text x="${x0 - 4}" y="${py(10 ** e) + 4}" text-anchor="end">1e${e}</text>`,
    );
  const dots = points.map(
    (p) =>
      `<circle cx="${px(p.intensity).toFixed(1)}" cy="${py(p.attained).toFixed(1)}" r="3.5"><title>${esc(`${p.label}: ${formatSignificant(p.intensity, 3)} MAC/B, ${formatSignificant(p.attained / 1e9, 3)} GMAC/s`)}</title></circle>`,
  );
  return `<svg viewBox="0 0 ${WIDTH} ${H}" role="img" class="chart roofline" aria-label="${esc(title)}">${grid.join("")}${roof}${dots.join("")}<text x="${(x0 + x1) / 2}" y="${H - 8}" text-anchor="middle">MACs per compulsory DRAM byte</text><text x="14" y="${(y0 + y1) / 2}" transform="rotate(-90 14 ${(y0 + y1) / 2})" text-anchor="middle">MAC/s</text></svg>`;
}
