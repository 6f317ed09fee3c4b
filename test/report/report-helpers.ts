/** Shared checks of the report tests: reading report.md / summary.csv back, and HTML and PNG sanity. */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { simulate } from "../../src/simulate/simulate.js";
import type { SimulationResult } from "../../src/simulate/types.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const MODEL = join(ROOT, "models", "smolvla.yaml");
export const TARGETS = ["xattn-unit", "tpu-v1"].map((name) => join(ROOT, "hardware", `${name}.yaml`));

/** The simulations the report should show, computed here the same way the command does. */
export function expectedResults(targetFiles: readonly string[] = TARGETS, modelFile = MODEL): SimulationResult[] {
  const graph = buildGraph(loadModel(modelFile));
  return targetFiles.map((file) => simulate(graph, loadTarget(file)));
}

/** Every file under `dir` (relative path → bytes), for byte-for-byte comparisons. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files.set(
        join(entry.parentPath, entry.name).slice(dir.length + 1),
        readFileSync(join(entry.parentPath, entry.name)),
      );
  }
  return files;
}

/** Every file under `dir` as its SHA-256: compares folders byte for byte, where toEqual on Buffers walks every byte (seconds for a report's charts). */
export function fingerprint(dir: string): Map<string, string> {
  return new Map([...snapshot(dir)].map(([path, bytes]) => [path, createHash("sha256").update(bytes).digest("hex")]));
}

/** Every file under `dir` as text. */
export function snapshotText(dir: string): Record<string, string> {
  return Object.fromEntries([...snapshot(dir)].map(([path, bytes]) => [path, bytes.toString("utf8")]));
}

/** Total latency per target name, as printed in each `## Target:` section of report.md. */
export function markdownLatencies(markdown: string): Map<string, string> {
  const latencies = new Map<string, string>();
  for (const section of markdown.split(/^## Target: /m).slice(1)) {
    const name = section.slice(0, section.indexOf("\n"));
    const match = /\*\*Latency per inference: ([0-9.]+) ms\*\*/.exec(section);
    if (match) latencies.set(name, match[1]!);
  }
  return latencies;
}

/** RFC 4180 records as objects keyed by the header row. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  const [headers, ...rows] = records;
  return rows.map((r) => Object.fromEntries(headers!.map((h, i) => [h, r[i] ?? ""])));
}

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

/**
 * A light HTML check: every non-void element closed in order, no network URL anywhere, and every src/href a
 * data: URI, an anchor of an element id on the page, or a file that exists in `dir`.
 */
export function checkHtml(html: string, dir: string): void {
  expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*\/\//i);
  const markup = html.replace(/<(script|style)>[\s\S]*?<\/\1>/g, "<$1></$1>");
  const stack: string[] = [];
  for (const [, closing, name] of markup.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const tag = name!.toLowerCase();
    if (VOID.has(tag)) continue;
    if (closing === "") stack.push(tag);
    else expect(stack.pop(), `closing </${tag}>`).toBe(tag);
  }
  expect(stack).toEqual([]);
  const ids = new Set([...markup.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  const refs = [...markup.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) {
    if (ref.startsWith("data:")) continue;
    if (ref.startsWith("#")) expect(ids.has(ref.slice(1)), ref).toBe(true);
    else expect(existsSync(join(dir, ref)), ref).toBe(true);
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A real PNG of the given size with more than ten distinct colours (not a blank canvas). */
/** A real PNG `width` pixels wide, of many colours on opaque white; `height` exact, or any from 200 to 2000 (bar charts grow with their bars). */
export async function checkChartPng(png: Buffer, width: number, height?: number): Promise<void> {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.readUInt32BE(16)).toBe(width);
  if (height === undefined) {
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(200);
    expect(png.readUInt32BE(20)).toBeLessThanOrEqual(2000);
  } else expect(png.readUInt32BE(20)).toBe(height);
  const image = await loadImage(png);
  const context = createCanvas(image.width, image.height).getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data;
  const colours = new Set<number>();
  for (let i = 0; i < pixels.length; i += 4) colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
  expect(colours.size).toBeGreaterThan(10);
  expect(pixels[3]).toBe(255); // opaque white background, not transparent
}
