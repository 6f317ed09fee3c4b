/**
 * Ops grouped by what they do (projections, attention, MLP, other matmuls, vector work), for the charts that
 * answer "which op dominates?" and "how well is the array used by each kind of op?".
 */
import type { Op } from "../../graph/types.js";
import type { SimulationResult } from "../../simulate/types.js";

export const OP_KINDS = [
  "q/k/v/o projections",
  "attention (scores, values)",
  "MLP",
  "other matmuls",
  "vector ops",
] as const;
export type OpKind = (typeof OP_KINDS)[number];

/** By name, as every shipped model names its ops (`q_proj`, `xattn_k_proj`, `attn_scores`, `mlp_up`, …). */
export function opKind(op: Op): OpKind {
  if (op.kind === "vector") return "vector ops";
  if (/(^|_)(scores|values)$/.test(op.name)) return "attention (scores, values)";
  if (/^(xattn_)?[qkvo]_proj$/.test(op.name)) return "q/k/v/o projections";
  if (op.block === "mlp" || op.name.startsWith("mlp_")) return "MLP";
  return "other matmuls";
}

export interface KindTotals {
  readonly kind: OpKind;
  /** ms per inference by component, in the result's component order. */
  readonly msByComponent: readonly number[];
  readonly ms: number;
  readonly macs: number;
  readonly cycles: number;
}

/** Time, MACs and cycles per op kind (all runs of all layers), kinds with no ops left out, largest time first. */
export function kindTotals(result: SimulationResult): KindTotals[] {
  const components = result.components.map((c) => c.name);
  const sums = new Map<OpKind, { msByComponent: number[]; macs: number; cycles: number }>();
  for (const r of result.ops) {
    const kind = opKind(r.op);
    const sum = sums.get(kind) ?? { msByComponent: components.map(() => 0), macs: 0, cycles: 0 };
    const c = components.indexOf(r.op.component);
    if (c >= 0) sum.msByComponent[c]! += r.latencyMs;
    sum.macs += r.macsPerInference;
    sum.cycles += r.cycles;
    sums.set(kind, sum);
  }
  return OP_KINDS.flatMap((kind) => {
    const sum = sums.get(kind);
    return sum === undefined ? [] : [{ kind, ...sum, ms: sum.msByComponent.reduce((a, b) => a + b, 0) }];
  }).sort((a, b) => b.ms - a.ms);
}

/** Utilisation of one kind of matmul in one component: its MACs / (its cycles · peak MACs per cycle). */
export interface KindUtilisation {
  readonly kind: OpKind;
  readonly component: string;
  readonly utilization: number;
}

export function kindUtilisation(result: SimulationResult): KindUtilisation[] {
  const sums = new Map<string, { kind: OpKind; component: string; macs: number; cycles: number }>();
  for (const r of result.ops) {
    if (r.op.kind !== "matmul") continue;
    const kind = opKind(r.op);
    const key = `${kind}\u0000${r.op.component}`;
    const sum = sums.get(key) ?? { kind, component: r.op.component, macs: 0, cycles: 0 };
    sum.macs += r.macsPerInference;
    sum.cycles += r.cycles;
    sums.set(key, sum);
  }
  const peak = result.target.peakMacsPerCycle;
  return [...sums.values()].map(({ kind, component, macs, cycles }) => ({
    kind,
    component,
    utilization: cycles > 0 ? macs / (cycles * peak) : 0,
  }));
}
