import { exactAdd } from "../common/exact.js";
import type { Graph, Op, Phase } from "./types.js";

/** MACs of one part of one layer (e.g. the attention projections), for one execution. */
export interface LayerPart {
  readonly block: string;
  readonly part: "projections" | "attention" | "mlp" | "linear";
  readonly phase: Phase;
  readonly ops: readonly string[];
  readonly macs: number;
}

export interface LayerBreakdown {
  readonly component: string;
  readonly layer: number;
  /** How many layers of the component have exactly this breakdown. */
  readonly layersAlike: number;
  readonly parts: readonly LayerPart[];
}

function partOf(op: Op): LayerPart["part"] {
  if (op.name.endsWith("_scores") || op.name.endsWith("_values")) return "attention";
  if (op.name.endsWith("_proj")) return "projections";
  if (op.block.startsWith("mlp") || /_(gate|up|down)$/.test(op.name)) return "mlp";
  return "linear";
}

/**
 * The per-layer lines of the seed's derivation: for each distinct layer of each component, MACs per
 * execution grouped into projections, attention (scores + aggregation) and MLP, split by phase.
 */
export function layerBreakdown(graph: Graph): LayerBreakdown[] {
  const result: LayerBreakdown[] = [];
  for (const component of graph.components) {
    const byLayer = new Map<number, Map<string, LayerPart>>();
    for (const op of graph.ops) {
      if (op.component !== component.name || op.kind !== "matmul") continue;
      const parts = byLayer.get(op.layer) ?? new Map<string, LayerPart>();
      byLayer.set(op.layer, parts);
      const part = partOf(op);
      const key = `${op.block}|${part}|${op.phase}`;
      const existing = parts.get(key);
      parts.set(key, {
        block: op.block,
        part,
        phase: op.phase,
        ops: [...(existing?.ops ?? []), op.name],
        macs: exactAdd(existing?.macs ?? 0, op.macs),
      });
    }
    const seen = new Map<string, { layer: number; count: number; parts: LayerPart[] }>();
    for (const [layer, parts] of byLayer) {
      const list = [...parts.values()];
      const signature = JSON.stringify(list);
      const entry = seen.get(signature);
      if (entry) entry.count++;
      else seen.set(signature, { layer, count: 1, parts: list });
    }
    for (const { layer, count, parts } of seen.values()) {
      result.push({ component: component.name, layer, layersAlike: count, parts });
    }
  }
  return result;
}
