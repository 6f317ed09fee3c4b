import { InputError } from "../common/errors.js";
import { exactMul } from "../common/exact.js";
import type { AttentionBlock, Block, Component, Layer, MlpBlock, Model, Phase } from "../model/types.js";
import type { ComponentInfo, Graph, MatmulOp, Op, VectorOp } from "./types.js";

/**
 * Operations per element of the vector work around the matmuls. These are modelling assumptions, not
 * measurements: softmax = max, subtract, exp, sum, divide; a norm = mean, centre, square-sum, scale,
 * affine; an activation (GELU/SiLU) ≈ 4 vector operations with a lookup-table exponential.
 */
export const VECTOR_OPS_PER_ELEMENT = { softmax: 5, norm: 5, activation: 4, multiply: 1, add: 1 } as const;

interface Context {
  readonly where: string | undefined;
  readonly component: Component;
  readonly layer: number;
  readonly block: string;
  readonly ops: Op[];
}

/** Expands a resolved model into its operation graph: one op per matmul and vector step of every layer. */
export function buildGraph(model: Model): Graph {
  const ops: Op[] = [];
  const components: ComponentInfo[] = model.components.map((component) => {
    for (const layer of component.layers) addLayer(component, layer, ops);
    return {
      name: component.name,
      phase: component.phase,
      steps: component.steps,
      instances: component.instances,
      layers: component.layers.length,
      embeddingParams: component.embeddingParams,
    };
  });
  return { model: model.name, components, ops };
}

function addLayer(component: Component, layer: Layer, ops: Op[]): void {
  for (const block of layer.blocks) {
    try {
      addBlock({ where: block.where, component, layer: layer.index, block: blockLabel(block), ops }, block);
    } catch (error) {
      // Exact-arithmetic overflow: say where in the model file it happened, and in which layer.
      const what = `${component.name} layer ${layer.index}, block ${blockLabel(block)}`;
      const place = block.where === undefined ? what : `${block.where} (${what})`;
      if (error instanceof InputError) throw new InputError(error.problems.map((p) => `${place}: ${p}`));
      throw error;
    }
  }
}

function addBlock(ctx: Context, block: Block): void {
  switch (block.type) {
    case "attention":
      return addAttention(ctx, block);
    case "mlp":
      return addMlp(ctx, block);
    case "linear":
      matmul(ctx, block.name, block.phase, block.tokens, block.inFeatures, block.outFeatures, 1, true);
      return;
    case "vector":
      vector(ctx, block.name, block.phase, block.elements, block.opsPerElement, { inputs: block.inputs });
      return;
    default: {
      const never: never = block;
      throw new Error(`unhandled block ${JSON.stringify(never)}`);
    }
  }
}

/** The label that groups a block's ops in summaries: its name, or its type for unnamed attention. */
function blockLabel(block: Block): string {
  if (block.type === "attention") return block.name === "" ? "attn" : block.name;
  return block.name;
}

function prefixed(prefix: string, name: string): string {
  return prefix === "" ? name : `${prefix}_${name}`;
}

/**
 * Grouped-query attention, per head: scores Q·Kᵀ (queries × head_dim × keys) and aggregation P·V
 * (queries × keys × head_dim) for each of q_heads heads; summed over heads these are the seed's
 * L²·D each (self, D = q_heads·head_dim) or La·Lc·D (cross).
 */
function addAttention(ctx: Context, a: AttentionBlock): void {
  const qWidth = exactMul(a.qHeads, a.headDim);
  const kvWidth = exactMul(a.kvHeads, a.headDim);
  const p = a.name;
  vector(ctx, prefixed(p, "norm"), a.phase, exactMul(a.queries, a.hidden), VECTOR_OPS_PER_ELEMENT.norm);
  matmul(ctx, prefixed(p, "q_proj"), a.phase, a.queries, a.hidden, qWidth, 1, true);
  if (a.kvPhase !== "none") {
    matmul(ctx, prefixed(p, "k_proj"), a.kvPhase, a.kvTokens, a.kvInput, kvWidth, 1, true);
    matmul(ctx, prefixed(p, "v_proj"), a.kvPhase, a.kvTokens, a.kvInput, kvWidth, 1, true);
  }
  const scorePrefix = p === "" ? "attn" : p;
  matmul(ctx, `${scorePrefix}_scores`, a.phase, a.queries, a.headDim, a.keys, a.qHeads, false);
  vector(ctx, `${scorePrefix}_softmax`, a.phase, exactMul(a.qHeads, a.queries, a.keys), VECTOR_OPS_PER_ELEMENT.softmax, { slices: a.qHeads });
  matmul(ctx, `${scorePrefix}_values`, a.phase, a.queries, a.keys, a.headDim, a.qHeads, false);
  matmul(ctx, prefixed(p, "o_proj"), a.phase, a.queries, qWidth, a.hidden, 1, true);
  vector(ctx, prefixed(p, "residual"), a.phase, exactMul(a.queries, a.hidden), VECTOR_OPS_PER_ELEMENT.add, { inputs: 2 });
}

/** Plain MLP: up, activation, down. Gated (SwiGLU/GeGLU): gate and up, activation × up, down. */
function addMlp(ctx: Context, m: MlpBlock): void {
  const p = m.name;
  const hiddenElements = exactMul(m.tokens, m.hidden);
  const ffnElements = exactMul(m.tokens, m.ffn);
  vector(ctx, `${p}_norm`, m.phase, hiddenElements, VECTOR_OPS_PER_ELEMENT.norm);
  if (m.gated) matmul(ctx, `${p}_gate`, m.phase, m.tokens, m.hidden, m.ffn, 1, true);
  matmul(ctx, `${p}_up`, m.phase, m.tokens, m.hidden, m.ffn, 1, true);
  vector(ctx, `${p}_act`, m.phase, ffnElements, VECTOR_OPS_PER_ELEMENT.activation);
  if (m.gated) vector(ctx, `${p}_gate_mul`, m.phase, ffnElements, VECTOR_OPS_PER_ELEMENT.multiply, { inputs: 2 });
  matmul(ctx, `${p}_down`, m.phase, m.tokens, m.ffn, m.hidden, 1, true);
  vector(ctx, `${p}_residual`, m.phase, hiddenElements, VECTOR_OPS_PER_ELEMENT.add, { inputs: 2 });
}

function executions(component: Component, phase: Phase): number {
  return phase === "per_step" ? exactMul(component.instances, component.steps) : component.instances;
}

function common(ctx: Context, name: string, phase: Phase) {
  const op = { component: ctx.component.name, layer: ctx.layer, block: ctx.block, name, phase, count: executions(ctx.component, phase) };
  return ctx.where === undefined ? op : { ...op, where: ctx.where };
}

function matmul(
  ctx: Context,
  name: string,
  phase: Phase,
  m: number,
  k: number,
  n: number,
  batch: number,
  filterIsWeight: boolean,
): void {
  const op: MatmulOp = {
    kind: "matmul",
    ...common(ctx, name, phase),
    m,
    k,
    n,
    batch,
    macs: exactMul(batch, m, k, n),
    filterIsWeight,
  };
  ctx.ops.push(op);
}

function vector(ctx: Context, name: string, phase: Phase, elements: number, opsPerElement: number, shape: { inputs?: number; slices?: number } = {}): void {
  const op: VectorOp = {
    kind: "vector",
    ...common(ctx, name, phase),
    elements,
    opsPerElement,
    inputs: shape.inputs ?? 1,
    slices: shape.slices ?? 1,
  };
  ctx.ops.push(op);
}
