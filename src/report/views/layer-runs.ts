/**
 * Per-op outputs (graph and simulate JSON/CSV, a report's ops.csv and result.json) list one row per op of
 * every layer — until a model has more than MAX_OP_ROWS ops. Past that, consecutive identical layers share
 * one row: a model of 50,000 equal layers prints one layer's rows with `layerCount: 50000`, not 500,000 rows
 * (450 MB of JSON). Totals never change: sum a figure × layerCount over the rows.
 */
import type { Op } from "../../graph/types.js";

export const MAX_OP_ROWS = 10_000;

export interface LayerRow<T> {
  readonly item: T;
  /** Consecutive identical layers this row stands for (layers `layer` … `layer + layerCount − 1`); 1 unless merged. */
  readonly layerCount: number;
}

export interface LayerRows<T> {
  readonly rows: readonly LayerRow<T>[];
  /** Whether identical layers were merged (the model had more than `limit` ops). */
  readonly merged: boolean;
}

/**
 * Rows for `items` (in graph order: by component, then layer). Two consecutive layers merge only when their
 * items are pairwise `same` (which compares everything but the layer number).
 */
export function mergeRepeatedLayers<T>(
  items: readonly T[],
  opOf: (item: T) => Op,
  same: (a: T, b: T) => boolean,
  limit = MAX_OP_ROWS,
): LayerRows<T> {
  if (items.length <= limit) return { rows: items.map((item) => ({ item, layerCount: 1 })), merged: false };
  const rows: LayerRow<T>[] = [];
  // The run being merged: its first layer's items, their signatures, and how many layers it spans so far.
  let run: { items: T[]; component: string; lastLayer: number; count: number } | undefined;
  const flush = () => {
    if (run) for (const item of run.items) rows.push({ item, layerCount: run.count });
  };
  for (let start = 0; start < items.length;) {
    const { component, layer } = opOf(items[start]!);
    let end = start + 1;
    while (end < items.length && opOf(items[end]!).layer === layer && opOf(items[end]!).component === component) end++;
    const block = items.slice(start, end);
    const first = run?.items;
    if (
      run &&
      first &&
      run.component === component &&
      run.lastLayer + 1 === layer &&
      first.length === block.length &&
      block.every((item, i) => same(first[i]!, item))
    ) {
      run.lastLayer = layer;
      run.count++;
    } else {
      flush();
      run = { items: block, component, lastLayer: layer, count: 1 };
    }
    start = end;
  }
  flush();
  return { rows, merged: true };
}

/** Whether two records are equal field by field (one level deep), ignoring the fields named in `except`. */
export function sameFields(a: object, b: object, except: ReadonlySet<string>): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Loops, not Object.keys: this runs for every op of a 50,000-layer model.
  let count = 0;
  for (const key in x) {
    count++;
    if (x[key] !== y[key] && !except.has(key)) return false;
  }
  for (const _ in y) count--;
  return count === 0;
}

// Producers are op indices, which shift by a layer's op count from one layer to the next; spans compare by value.
const LAYER = new Set(["layer", "producers", "spans"]);

/** Two ops that differ at most in their layer number. */
export function sameOpButLayer(a: Op, b: Op): boolean {
  return sameFields(a, b, LAYER) && a.spans?.id === b.spans?.id;
}
