/**
 * Low-level plumbing for server-side Chart.js rendering onto @napi-rs/canvas:
 * colour palette, number formatting and the render-to-PNG call (fonts: chart-fonts.ts).
 */
import type { ChartConfiguration, ChartItem, ChartType, Plugin, Scale } from "chart.js";
import { chartEngine } from "./chart-engine.js";
import { colorAt, PALETTE } from "./palette.js";
import { ensureFonts, FONT_FAMILY } from "./chart-fonts.js";

export { ensureFonts, FONT_FAMILY };

/** Every chart's size in pixels: what the chart modules share, here at their base so that none imports another's. */
export interface ChartSize {
  /** Pixels, default 1000. */
  width?: number;
  /** Pixels, default 600. */
  height?: number;
}

export const DEFAULT_WIDTH = 1000;
/**
 * The width charts are drawn at for phones (a page's `<picture>` serves them under 600 px): shown at about 400 px
 * they scale by 0.8, and their 14 px labels stay above 10 px.
 */
export const NARROW_WIDTH = 480;
export const DEFAULT_HEIGHT = 600;

export { PALETTE, colorAt };

/** Same colour with alpha, for fills. Accepts #rrggbb or hsl(...). */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (m) {
    const v = parseInt(m[1] as string, 16);
    return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
  }
  if (color.startsWith("hsl(")) return color.replace("hsl(", "hsla(").replace(")", `, ${alpha})`);
  return color;
}

// ------------------------------------------------------------ numbers ------

const SI: readonly [number, string][] = [
  [1e15, "P"],
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"],
];

/** Round to `digits` significant digits, without exponent notation for ordinary magnitudes. */
function sig(v: number, digits: number): number {
  return Number(v.toPrecision(digits));
}

/**
 * Compact number: 1500 -> "1.5k", 15000 -> "15k", 2.5e12 -> "2.5T", 0.125 -> "0.125", 1e-6 -> "1e-6". From 1000
 * up always with a prefix, so the ticks of one axis read alike ("500", "1k", "10k", not "1000" beside "10k").
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return "";
  if (v === 0) return "0";
  const r = sig(v, 3);
  const a = Math.abs(r);
  if (a >= 1e3) {
    for (const [scale, suffix] of SI) {
      if (a >= scale) return `${sig(r / scale, 3)}${suffix}`;
    }
  }
  if (a >= 1e-3) return String(r);
  const exp = Math.floor(Math.log10(a));
  return `${sig(r / 10 ** exp, 2)}e${exp}`;
}

/**
 * Tick label callback for a log axis: labels powers of ten (plus 2 and 5 when
 * the axis spans few decades), blank otherwise, so labels never collide.
 */
export function logTickLabel(value: number, spanDecades: number): string {
  if (!(value > 0)) return "";
  const exp = Math.floor(Math.log10(value) + 1e-9);
  const mantissa = Math.round((value / 10 ** exp) * 1000) / 1000;
  if (mantissa === 1) return formatNumber(value);
  if (spanDecades <= 2 && (mantissa === 2 || mantissa === 5)) return formatNumber(value);
  return "";
}

/** Keep only positive finite numbers (for log axes). */
export function positive(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v) && v > 0;
}

// ------------------------------------------------- shared chart options ----

export type AxisKind = "category" | "linear" | "logarithmic";

export function axis(kind: AxisKind, text: string, fs: FontSizes, extra: Record<string, unknown> = {}) {
  const ticks: Record<string, unknown> = { font: { size: fs.ticks, family: FONT_FAMILY }, color: "#333333" };
  let grid: Record<string, unknown> = { color: "#e3e3e3" };
  if (kind === "logarithmic") {
    ticks.autoSkip = false;
    ticks.maxRotation = 0;
    // Minor (unlabelled) log ticks get a fainter grid line.
    grid = { color: (c: { tick?: { label?: unknown } }) => (c.tick?.label ? "#d9d9d9" : "#f2f2f2") };
    ticks.callback = function (this: Scale, value: number | string): string {
      const span = this.min > 0 && this.max > 0 ? Math.log10(this.max / this.min) : 10;
      return logTickLabel(Number(value), span);
    };
  } else if (kind === "linear") {
    ticks.maxRotation = 0;
    ticks.callback = (value: number | string): string => formatNumber(Number(value));
  } else {
    ticks.maxRotation = 45;
    ticks.autoSkip = true;
  }
  return {
    type: kind,
    title: {
      display: text.length > 0,
      text: wrapText(text, fs.width, fs.axisTitle, REGULAR_EM),
      font: { size: fs.axisTitle, family: FONT_FAMILY },
      color: "#222222",
    },
    ticks,
    grid,
    border: { color: "#888888" },
    ...extra,
  };
}

export function plugins(title: string, fs: FontSizes, legend: boolean, subtitle?: string, pointStyle = false) {
  return {
    title: {
      display: title.length > 0,
      text: wrapText(title, fs.width, fs.title, BOLD_EM),
      font: { size: fs.title, weight: "bold" as const, family: FONT_FAMILY },
      color: "#111111",
      padding: { top: 10, bottom: subtitle ? 4 : 12 },
    },
    subtitle: {
      display: subtitle !== undefined,
      text: wrapText(subtitle ?? "", fs.width, fs.ticks, REGULAR_EM),
      font: { size: fs.ticks, family: FONT_FAMILY, style: "italic" as const },
      color: "#666666",
      padding: { bottom: 10 },
    },
    legend: {
      display: legend,
      position: "top" as const,
      labels: {
        font: { size: fs.legend, family: FONT_FAMILY },
        color: "#222222",
        boxWidth: pointStyle ? 30 : 18,
        boxHeight: pointStyle ? 10 : 12,
        usePointStyle: pointStyle,
        // Dataset order, not draw order (`order` is used to draw highlights on top).
        sort: (a: { datasetIndex?: number }, b: { datasetIndex?: number }) =>
          (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
      },
    },
    tooltip: { enabled: false },
  };
}

/** Average advance of a DejaVu Sans character, em: bold, and regular or italic (measured on the charts' titles). */
const BOLD_EM = 0.68;
export const REGULAR_EM = 0.64;

/**
 * Text in lines that fit `width` px at `size` px (`em` of it a character), broken at spaces: a title on a chart
 * drawn for a phone wraps instead of being squeezed. One line when it fits.
 */
export function wrapText(text: string, width: number, size: number, em: number): string | string[] {
  const perLine = Math.max(8, Math.floor((width - 40) / (size * em)));
  if (text.length <= perLine) return text;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

export const layout = { padding: { left: 10, right: 24, top: 4, bottom: 10 } };

export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export function droppedNote(n: number, what: string): string | undefined {
  return n > 0
    ? `${n} ${n === 1 ? what : `${what}s`} with non-positive or non-finite values not shown (log scale)`
    : undefined;
}

/** Decade-aligned [lo, hi] for a log axis covering all values (positive, finite). */
export function decadeRange(values: (number | null)[], fallback: [number, number]): [number, number] {
  const v = values.filter(positive);
  if (v.length === 0) return fallback;
  const min = v.reduce((m, x) => Math.min(m, x), Infinity);
  const max = v.reduce((m, x) => Math.max(m, x), 0);
  let lo = 10 ** Math.floor(Math.log10(min) + 1e-9);
  let hi = 10 ** Math.ceil(Math.log10(max) - 1e-9);
  if (hi <= lo) {
    lo /= 10;
    hi *= 10;
  }
  return [lo, hi];
}

export function rangeOpts([min, max]: [number, number]): { min: number; max: number } {
  return { min, max };
}

// ------------------------------------------------------------ rendering ----

const whiteBackground: Plugin = {
  id: "accelSizerWhiteBackground",
  beforeDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/**
 * Font sizes at 1000x600 (title 22, axis titles 18, ticks/legend 16); scaled 0.85x..1.5x with canvas size.
 * Large enough that a 1000 px chart shown at 560 px on a phone (index.html's narrowest) still reads at 9 px.
 */
export interface FontSizes {
  title: number;
  axisTitle: number;
  ticks: number;
  legend: number;
  /** The chart's width, px: titles wrap to it. */
  width: number;
}

export function fontSizes(width: number, height: number): FontSizes {
  const k = Math.min(1.5, Math.max(0.85, Math.min(width / DEFAULT_WIDTH, height / DEFAULT_HEIGHT)));
  return {
    title: Math.round(22 * k),
    axisTitle: Math.round(18 * k),
    ticks: Math.round(16 * k),
    legend: Math.round(16 * k),
    width,
  };
}

export function checkSize(width: number | undefined, height: number | undefined): [number, number] {
  const w = width ?? DEFAULT_WIDTH;
  const h = height ?? DEFAULT_HEIGHT;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 50 || h < 50 || w > 10000 || h > 10000) {
    throw new RangeError(`chart size must be integers in [50, 10000], got ${w}x${h}`);
  }
  return [w, h];
}

/**
 * Render a Chart.js configuration to a PNG. The chart is drawn at once; the PNG is encoded on libuv's thread
 * pool, so that a caller drawing many charts before awaiting any has them encoded beside its drawing (encoding is
 * most of a chart's time: ~45 ms of a 1000×600 one). Animation, responsiveness and device-pixel scaling are off.
 */
export async function renderChart<T extends ChartType>(
  config: ChartConfiguration<T>,
  width: number,
  height: number,
): Promise<Buffer> {
  const { Chart, createCanvas } = chartEngine();
  ensureFonts();
  const canvas = createCanvas(width, height);
  const options = {
    ...(config.options ?? {}),
    animation: false,
    responsive: false,
    maintainAspectRatio: false,
    devicePixelRatio: 1,
  };
  const full = {
    ...config,
    options,
    plugins: [...(config.plugins ?? []), whiteBackground],
  } as ChartConfiguration<T>;
  // Chart.js types expect a DOM canvas; @napi-rs/canvas is API-compatible.
  const chart = new Chart(canvas as unknown as ChartItem, full);
  try {
    chart.draw();
    // Destroying the chart clears its canvas: only once the pixels are encoded.
    return await canvas.encode("png");
  } finally {
    chart.destroy();
  }
}
