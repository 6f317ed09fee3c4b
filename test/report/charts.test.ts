import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import {
  barChart,
  bars,
  formatNumber,
  horizontalHeight,
  lineChart,
  rooflineChart,
  stackedBarChart,
  withPrefix,
} from "../../src/report/chart/charts.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Set CHARTS_DUMP_DIR=/tmp/charts to keep the rendered PNGs for a look. */
const DUMP_DIR = process.env.CHARTS_DUMP_DIR;

function ihdrSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function pixelStats(png: Buffer): Promise<{ distinct: number; nonWhite: number; transparent: number }> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  const colours = new Set<number>();
  let nonWhite = 0;
  let transparent = 0;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i] as number;
    const g = data[i + 1] as number;
    const b = data[i + 2] as number;
    const a = data[i + 3] as number;
    colours.add(((r << 16) | (g << 8) | b) * 256 + a);
    if (a < 255) transparent++;
    if (r < 250 || g < 250 || b < 250) nonWhite++;
  }
  return { distinct: colours.size, nonWhite: nonWhite / (data.length / 4), transparent };
}

async function checkPng(name: string, png: Buffer, width: number, height: number): Promise<void> {
  if (DUMP_DIR) {
    mkdirSync(DUMP_DIR, { recursive: true });
    writeFileSync(join(DUMP_DIR, `${name}.png`), png);
  }
  expect(Buffer.isBuffer(png)).toBe(true);
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(ihdrSize(png)).toEqual({ width, height });
  const stats = await pixelStats(png);
  expect(stats.transparent).toBe(0); // white background painted everywhere
  expect(stats.distinct).toBeGreaterThan(10);
  expect(stats.nonWhite).toBeGreaterThan(0.01);
  expect(stats.nonWhite).toBeLessThan(0.9);
}

const components = ["vision encoder", "connector", "language model", "action expert"];
const targets = ["edge-32x32", "mid-64x64", "big-128x128"];

describe("report charts", () => {
  it("stackedBarChart renders at the default size", async () => {
    const png = await stackedBarChart({
      title: "Latency per component",
      xLabel: "Target",
      yLabel: "Latency (ms)",
      categories: targets,
      series: components.map((label, i) => ({ label, values: targets.map((_, t) => ((i + 1) * 12) / (t + 1)) })),
    });
    await checkPng("stacked", png, 1000, 600);
  });

  it("stackedBarChart rejects mismatched series length", () => {
    expect(() =>
      stackedBarChart({
        title: "t",
        xLabel: "x",
        yLabel: "y",
        categories: ["a", "b"],
        series: [{ label: "s", values: [1] }],
      }),
    ).toThrow(RangeError);
  });

  it("barChart renders linear and log, with a custom size", async () => {
    const layers = Array.from({ length: 40 }, (_, i) => `layer.${i}`);
    const linear = await barChart({
      title: "Utilisation per layer",
      xLabel: "Layer",
      yLabel: "Utilisation (%)",
      categories: layers,
      values: layers.map((_, i) => 30 + 60 * Math.abs(Math.sin(i))),
      color: "#59a14f",
      width: 800,
      height: 500,
    });
    await checkPng("bar-linear", linear, 800, 500);
    const log = await barChart({
      title: "MACs per component",
      xLabel: "Component",
      yLabel: "MACs",
      categories: [...components, "empty"],
      values: [4.2e11, 3e8, 9.5e11, 1.2e11, 0],
      logY: true,
    });
    await checkPng("bar-log", log, 1000, 600);
  });

  it("rooflineChart renders and tolerates zero/negative/NaN values", async () => {
    const points = components.flatMap((label, c) =>
      Array.from({ length: 6 }, (_, k) => {
        const intensity = 0.5 * 3 ** k * (1 + 0.7 * c);
        return { label, intensity, attainable: Math.min(2e12, 5e10 * intensity) * 0.7 };
      }),
    );
    points.push({ label: "bad", intensity: 0, attainable: 1e9 });
    points.push({ label: "bad", intensity: 10, attainable: -1 });
    points.push({ label: "bad", intensity: Number.NaN, attainable: 1e9 });
    const png = await rooflineChart({
      title: "Roofline",
      xLabel: "Arithmetic intensity (MAC/byte)",
      yLabel: "Attainable (MAC/s)",
      roofs: [
        { label: "edge", peakOpsPerSecond: 2e12, bandwidthBytesPerSecond: 5e10 },
        { label: "big", peakOpsPerSecond: 3.2e13, bandwidthBytesPerSecond: 4e11 },
        { label: "broken", peakOpsPerSecond: 0, bandwidthBytesPerSecond: 1e9 },
      ],
      points,
    });
    await checkPng("roofline", png, 1000, 600);
  });

  it("rooflineChart with no points still renders the roofs", async () => {
    const png = await rooflineChart({
      title: "Roofs only",
      xLabel: "MAC/byte",
      yLabel: "MAC/s",
      points: [],
      roofs: [{ label: "edge", peakOpsPerSecond: 1e12, bandwidthBytesPerSecond: 1e10 }],
    });
    await checkPng("roofline-empty", png, 1000, 600);
  });

  it("lineChart renders lines per clock and a highlighted Pareto front", async () => {
    const sizes = [8, 16, 32, 64, 128, 256];
    const lines = await lineChart({
      title: "Latency vs array size",
      xLabel: "Array size (PEs per side)",
      yLabel: "Latency (ms)",
      logX: true,
      logY: true,
      series: [200, 500, 1000].map((mhz) => ({
        label: `${mhz} MHz`,
        points: sizes.map((s) => ({ x: s, y: 4e5 / (s * s * mhz) + 0.5 })),
      })),
    });
    await checkPng("line-log", lines, 1000, 600);

    const all = Array.from({ length: 60 }, (_, i) => {
      const x = 1 + ((i * 37) % 50);
      return { x, y: 200 / x + ((i * 53) % 40) };
    });
    const front = all.filter((p) => !all.some((q) => q.x <= p.x && q.y <= p.y && (q.x < p.x || q.y < p.y)));
    const pareto = await lineChart({
      title: "Pareto front",
      xLabel: "Area (mm²)",
      yLabel: "Latency (ms)",
      series: [{ label: "design points", points: all, showLine: false }],
      highlight: [{ label: "Pareto front", points: front }],
      width: 900,
      height: 700,
    });
    await checkPng("pareto", pareto, 900, 700);
  });

  it("empty or all-invalid data renders without throwing", async () => {
    const outputs = await Promise.all([
      lineChart({ title: "empty", xLabel: "x", yLabel: "y", series: [], logX: true, logY: true }),
      lineChart({
        title: "invalid",
        xLabel: "x",
        yLabel: "y",
        logY: true,
        series: [
          {
            label: "s",
            points: [
              { x: 1, y: 0 },
              { x: 2, y: Number.NaN },
            ],
          },
        ],
      }),
      barChart({ title: "empty", xLabel: "x", yLabel: "y", categories: [], values: [], logY: true }),
      stackedBarChart({ title: "empty", xLabel: "x", yLabel: "y", categories: [], series: [] }),
      rooflineChart({ title: "empty", xLabel: "x", yLabel: "y", roofs: [], points: [] }),
    ]);
    for (const png of outputs) {
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(ihdrSize(png)).toEqual({ width: 1000, height: 600 });
    }
  });

  it("formatNumber is compact", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(1500)).toBe("1.5k");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(15000)).toBe("15k");
    expect(formatNumber(2.5e12)).toBe("2.5T");
    expect(formatNumber(0.125)).toBe("0.125");
    expect(formatNumber(1e-6)).toBe("1e-6");
    expect(formatNumber(Number.NaN)).toBe("");
  });

  it("bars: horizontal, labelled, fixed maximum or log; a stacked log chart is refused", async () => {
    const base = {
      title: "t",
      categoryLabel: "",
      valueLabel: "ms",
      categories: ["a", "b"],
      horizontal: true,
      barLabels: ["1 ms", "1,000 ms"],
    };
    for (const png of await Promise.all([
      bars({ ...base, series: [{ label: "x", values: [1, 1000] }], log: true, height: horizontalHeight(2, false) }),
      bars({
        ...base,
        series: [
          { label: "x", values: [40, 60] },
          { label: "y", values: [60, 40] },
        ],
        max: 100,
      }),
      bars({
        ...base,
        series: [
          { label: "x", values: [40, 60] },
          { label: "y", values: [60, 40] },
        ],
        stacked: false,
        valueText: (v) => `${v}%`,
      }),
    ])) {
      expect(ihdrSize(png).width).toBe(1000);
    }
    expect(() =>
      bars({
        ...base,
        series: [
          { label: "x", values: [1, 2] },
          { label: "y", values: [1, 2] },
        ],
        log: true,
      }),
    ).toThrow(RangeError);
    expect(horizontalHeight(1)).toBe(260);
    expect(horizontalHeight(100)).toBe(2000);
  });

  it("withPrefix writes rates with their unit", () => {
    expect(withPrefix(76.8e9, "MAC/s")).toBe("76.8 G MAC/s");
    expect(withPrefix(19.2e9, "B/s")).toBe("19.2 GB/s");
    expect(withPrefix(500, "MAC/s")).toBe("500 MAC/s");
  });
});
