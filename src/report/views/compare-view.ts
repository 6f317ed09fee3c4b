import type { ComponentMacs, MacsSummary } from "../../graph/summary.js";
import { formatGiga, formatInteger, formatSignificant, renderTable, toCsv } from "./format.js";

/** One quantity of models A and B side by side; `null` where a model has no such component. */
export interface Delta {
  readonly a: number | null;
  readonly b: number | null;
  /** b − a, a missing side counting as 0. */
  readonly diff: number;
  /** diff / a; null when A has none of it (a missing component or 0). */
  readonly relative: number | null;
}

export interface ComparedComponent {
  readonly name: string;
  /** Which models have the component (matched by name). */
  readonly presentIn: "both" | "a" | "b";
  readonly macs: Delta;
  readonly staticMacs: Delta;
  readonly dynamicMacs: Delta;
  readonly params: Delta;
  /** Milliseconds per inference, when latencies were supplied. */
  readonly latencyMs?: Delta;
}

export interface MacsComparison {
  readonly a: string;
  readonly b: string;
  readonly components: readonly ComparedComponent[];
  readonly total: Omit<ComparedComponent, "name" | "presentIn">;
}

/**
 * Per-component latency (ms per inference, keyed by component name) of each model, e.g. from a simulation
 * on a target; a component missing from a map has no latency cell. Totals sum the map.
 */
export interface ComparedLatency {
  readonly a: ReadonlyMap<string, number>;
  readonly b: ReadonlyMap<string, number>;
}

function delta(a: number | null, b: number | null): Delta {
  const diff = (b ?? 0) - (a ?? 0);
  return { a, b, diff, relative: a === null || a === 0 ? null : diff / a };
}

/**
 * Component names of both models in one order: A's, with each component only B has placed after the
 * component that precedes it in B (so B's additions sit where they run).
 */
function mergedNames(a: readonly string[], b: readonly string[]): string[] {
  const names = [...a];
  let cursor = -1;
  for (const name of b) {
    const at = names.indexOf(name);
    if (at >= 0) {
      cursor = at;
    } else {
      names.splice(cursor + 1, 0, name);
      cursor += 1;
    }
  }
  return names;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** MACs (and parameters, and optionally latency) of two models per component, matched by name, plus totals. */
export function compareMacs(a: MacsSummary, b: MacsSummary, latency?: ComparedLatency): MacsComparison {
  const byName = (s: MacsSummary) => new Map(s.components.map((c) => [c.name, c]));
  const inA = byName(a);
  const inB = byName(b);
  const field = (c: ComponentMacs | undefined, key: "macs" | "staticMacs" | "dynamicMacs" | "params") =>
    c === undefined ? null : c[key];
  const latencyOf = (map: ReadonlyMap<string, number>, name: string) => map.get(name) ?? null;
  const components = mergedNames([...inA.keys()], [...inB.keys()]).map((name): ComparedComponent => {
    const ca = inA.get(name);
    const cb = inB.get(name);
    return {
      name,
      presentIn: ca === undefined ? "b" : cb === undefined ? "a" : "both",
      macs: delta(field(ca, "macs"), field(cb, "macs")),
      staticMacs: delta(field(ca, "staticMacs"), field(cb, "staticMacs")),
      dynamicMacs: delta(field(ca, "dynamicMacs"), field(cb, "dynamicMacs")),
      params: delta(field(ca, "params"), field(cb, "params")),
      ...(latency && { latencyMs: delta(latencyOf(latency.a, name), latencyOf(latency.b, name)) }),
    };
  });
  const totalOf = (s: MacsSummary, key: "staticMacs" | "dynamicMacs") => sum(s.components.map((c) => c[key]));
  return {
    a: a.model,
    b: b.model,
    components,
    total: {
      macs: delta(a.totalMacs, b.totalMacs),
      staticMacs: delta(totalOf(a, "staticMacs"), totalOf(b, "staticMacs")),
      dynamicMacs: delta(totalOf(a, "dynamicMacs"), totalOf(b, "dynamicMacs")),
      params: delta(a.totalParams, b.totalParams),
      ...(latency && { latencyMs: delta(sum(latency.a.values()), sum(latency.b.values())) }),
    },
  };
}

/** What each side was computed from, for the heading: the file and the `--set` overrides applied to it. */
export interface CompareSources {
  readonly a: string;
  readonly b: string;
}

/** A signed difference; one that rounds to zero at `decimals` keeps two significant digits instead. */
function signed(value: number, decimals: number): string {
  const text =
    value !== 0 && Math.abs(value) < 0.5 * 10 ** -decimals ? formatSignificant(value, 2) : value.toFixed(decimals);
  return value > 0 ? `+${text}` : text;
}

function relativeCell(d: Delta): string {
  if (d.a === null) return "only B";
  if (d.b === null) return "only A";
  return d.relative === null ? "n/a" : `${signed(d.relative * 100, 1)}%`;
}

function row(label: string, c: Omit<ComparedComponent, "name" | "presentIn">, withLatency: boolean): string[] {
  const giga = (v: number | null) => (v === null ? "—" : formatGiga(v));
  const cells = [
    label,
    giga(c.macs.a),
    giga(c.macs.b),
    signed(c.macs.diff / 1e9, 2),
    relativeCell(c.macs),
    signed(c.staticMacs.diff / 1e9, 2),
    signed(c.dynamicMacs.diff / 1e9, 2),
  ];
  if (withLatency) {
    const ms = (v: number | null) => (v === null ? "—" : v.toFixed(3));
    const l = c.latencyMs;
    cells.push(
      ms(l?.a ?? null),
      ms(l?.b ?? null),
      l === undefined || (l.a === null && l.b === null) ? "" : signed(l.diff, 3),
      l === undefined ? "" : relativeCell(l),
    );
  }
  return cells;
}

export function compareTable(comparison: MacsComparison, sources?: CompareSources): string {
  const withLatency = comparison.total.latencyMs !== undefined;
  const headers = ["Component", "A G-MACs", "B G-MACs", "Δ G-MACs", "Δ %", "Δ static", "Δ dynamic"];
  if (withLatency) headers.push("A ms", "B ms", "Δ ms", "Δ ms %");
  const rows = comparison.components.map((c) => row(c.name, c, withLatency));
  rows.push(row("Total", comparison.total, withLatency));
  const total = comparison.total.macs;
  return [
    `A: ${comparison.a}${sources ? ` (${sources.a})` : ""}`,
    `B: ${comparison.b}${sources ? ` (${sources.b})` : ""}`,
    `B − A: ${total.diff >= 0 ? "+" : ""}${formatInteger(total.diff)} MACs per inference (${relativeCell(total)})`,
    "",
    renderTable(headers, rows),
    "",
    "Δ = B − A in G-MACs per inference; static runs once per inference, dynamic over all diffusion steps.",
  ].join("\n");
}

export function compareJson(comparison: MacsComparison, sources?: CompareSources): string {
  return JSON.stringify(sources ? { sources, ...comparison } : comparison, null, 2);
}

export function compareCsv(comparison: MacsComparison): string {
  const withLatency = comparison.total.latencyMs !== undefined;
  const cell = (v: number | null) => (v === null ? "" : v);
  const columns = {
    macs: "macs",
    staticMacs: "static_macs",
    dynamicMacs: "dynamic_macs",
    params: "params",
    latencyMs: "latency_ms",
  } as const;
  const quantities: (keyof typeof columns)[] = [
    "macs",
    "staticMacs",
    "dynamicMacs",
    "params",
    ...(withLatency ? (["latencyMs"] as const) : []),
  ];
  const headers = ["component", "present_in"];
  for (const q of quantities)
    headers.push(`a_${columns[q]}`, `b_${columns[q]}`, `diff_${columns[q]}`, `relative_${columns[q]}`);
  const line = (name: string, presentIn: string, c: Omit<ComparedComponent, "name" | "presentIn">) => [
    name,
    presentIn,
    ...quantities.flatMap((q) => {
      const d = c[q];
      return d === undefined ? ["", "", "", ""] : [cell(d.a), cell(d.b), d.diff, cell(d.relative)];
    }),
  ];
  return toCsv(headers, [
    ...comparison.components.map((c) => line(c.name, c.presentIn, c)),
    line("total", "", comparison.total),
  ]);
}
