import { inContext } from "../common/errors.js";
import { withSpans } from "./liveness.js";
import { exactMul } from "../common/exact.js";
import type { AttentionBlock, Block, Component, Layer, MlpBlock, Model, Phase } from "../model/types.js";
import type { ComponentInfo, Graph, MatmulOp, Op, VectorOp } from "./types.js";
import { batchOp } from "./batch.js";
import { cachedKv, type CachedKv } from "./kv-cache.js";

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
  /** The op whose output is the hidden state flowing into the next block (−1: the model's input). */
  hidden: number;
  /** Each earlier component's output op. */
  readonly outputs: ReadonlyMap<string, number>;
  /** Each component's attention layers' K/V, in block order (kv_cache reads them layer for layer). */
  readonly caches: Map<string, CachedKv[]>;
}

/**
 * Expands a resolved model into its operation graph: one op per matmul and vector step of every layer, each
 * with the ops whose outputs it reads (`producers`), across components too (`input_from`, `kv_source`).
 */
export function buildGraph(model: Model): Graph {
  const ops: Op[] = [];
  const outputs = new Map<string, number>();
  const caches = new Map<string, CachedKv[]>();
  const components: ComponentInfo[] = model.components.map((component) => {
    const flow = { hidden: component.inputFrom === undefined ? -1 : (outputs.get(component.inputFrom) ?? -1) };
    for (const layer of component.layers) addLayer(component, layer, ops, flow, outputs, caches);
    outputs.set(component.name, flow.hidden);
    return {
      name: component.name,
      phase: component.phase,
      steps: component.steps,
      instances: component.instances,
      layers: component.layers.length,
      embeddingParams: component.embeddingParams,
      ...(component.precisionWhere !== undefined && { precisionWhere: component.precisionWhere }),
    };
  });
  const batched = model.batch === 1 ? ops : ops.map((op) => batchOp(op, model.batch));
  return {
    model: model.name,
    ...(model.chunkActions === undefined ? {} : { chunkActions: model.chunkActions }),
    ...(model.batch === 1 ? {} : { batch: model.batch }),
    components,
    ops: withSpans(batched),
  };
}

function addLayer(
  component: Component,
  layer: Layer,
  ops: Op[],
  flow: { hidden: number },
  outputs: ReadonlyMap<string, number>,
  caches: Map<string, CachedKv[]>,
): void {
  for (const block of layer.blocks) {
    try {
      const ctx: Context = {
        where: block.where,
        component,
        layer: layer.index,
        block: blockLabel(block),
        ops,
        hidden: flow.hidden,
        outputs,
        caches,
      };
      addBlock(ctx, block);
      flow.hidden = ctx.hidden;
    } catch (error) {
      // Exact-arithmetic overflow: say where in the model file it happened, and in which layer.
      const what = `${component.name} layer ${layer.index}, block ${blockLabel(block)}`;
      const place = block.where === undefined ? what : `${block.where} (${what})`;
      throw inContext(place, error, { always: true });
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
      ctx.hidden = matmul(
        ctx,
        block.name,
        block.phase,
        [ctx.hidden],
        block.tokens,
        block.inFeatures,
        block.outFeatures,
        1,
        true,
      );
      return;
    case "vector":
      ctx.hidden = vector(ctx, block.name, block.phase, [ctx.hidden], block.elements, block.opsPerElement, {
        inputs: block.inputs,
      });
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
  const x = ctx.hidden;
  const norm = vector(
    ctx,
    prefixed(p, "norm"),
    a.phase,
    [x],
    exactMul(a.queries, a.hidden),
    VECTOR_OPS_PER_ELEMENT.norm,
  );
  const q = matmul(ctx, prefixed(p, "q_proj"), a.phase, [norm], a.queries, a.hidden, qWidth, 1, true);
  const own = ctx.caches.get(ctx.component.name) ?? [];
  ctx.caches.set(ctx.component.name, own);
  const cached = a.kvCache === undefined ? undefined : cachedKv(ctx.caches, ctx.component.name, a, own.length);
  // With every key cached elsewhere, the cache is what k/v project (cross-attention); else its keys come first.
  const projectsCache = cached !== undefined && a.keys === a.kvTokens;
  // K and V come from another component's output (cross-attention), or from this block's normalised input.
  const kvFrom = a.kvSource === undefined ? norm : (ctx.outputs.get(a.kvSource) ?? -1);
  let [k, v] = [-1, -1];
  if (a.kvPhase !== "none") {
    k = matmul(
      ctx,
      prefixed(p, "k_proj"),
      a.kvPhase,
      [projectsCache ? cached.k : kvFrom],
      a.kvTokens,
      a.kvInput,
      kvWidth,
      1,
      true,
    );
    v = matmul(
      ctx,
      prefixed(p, "v_proj"),
      a.kvPhase,
      [projectsCache ? cached.v : kvFrom],
      a.kvTokens,
      a.kvInput,
      kvWidth,
      1,
      true,
    );
  }
  own.push({ k, v, tokens: a.kvTokens, width: kvWidth });
  const prefix = cached !== undefined && !projectsCache ? cached : { k: -1, v: -1 };
  const scorePrefix = p === "" ? "attn" : p;
  const shared = a.kvHeads < a.qHeads ? a.kvHeads : undefined;
  const scores = matmul(
    ctx,
    `${scorePrefix}_scores`,
    a.phase,
    [q, k, prefix.k],
    a.queries,
    a.headDim,
    a.keys,
    a.qHeads,
    false,
    shared,
  );
  const softmax = vector(
    ctx,
    `${scorePrefix}_softmax`,
    a.phase,
    [scores],
    exactMul(a.qHeads, a.queries, a.keys),
    VECTOR_OPS_PER_ELEMENT.softmax,
    { slices: a.qHeads },
  );
  const values = matmul(
    ctx,
    `${scorePrefix}_values`,
    a.phase,
    [softmax, v, prefix.v],
    a.queries,
    a.keys,
    a.headDim,
    a.qHeads,
    false,
    shared,
  );
  const o = matmul(ctx, prefixed(p, "o_proj"), a.phase, [values], a.queries, qWidth, a.hidden, 1, true);
  ctx.hidden = vector(
    ctx,
    prefixed(p, "residual"),
    a.phase,
    [o, x],
    exactMul(a.queries, a.hidden),
    VECTOR_OPS_PER_ELEMENT.add,
    { inputs: 2 },
  );
}

/** Plain MLP: up, activation, down. Gated (SwiGLU/GeGLU): gate and up, activation × up, down. */
function addMlp(ctx: Context, m: MlpBlock): void {
  const p = m.name;
  const hiddenElements = exactMul(m.tokens, m.hidden);
  const ffnElements = exactMul(m.tokens, m.ffn);
  const x = ctx.hidden;
  const norm = vector(ctx, `${p}_norm`, m.phase, [x], hiddenElements, VECTOR_OPS_PER_ELEMENT.norm);
  const gate = m.gated ? matmul(ctx, `${p}_gate`, m.phase, [norm], m.tokens, m.hidden, m.ffn, 1, true) : -1;
  const up = matmul(ctx, `${p}_up`, m.phase, [norm], m.tokens, m.hidden, m.ffn, 1, true);
  const act = vector(ctx, `${p}_act`, m.phase, [m.gated ? gate : up], ffnElements, VECTOR_OPS_PER_ELEMENT.activation);
  const mixed = m.gated
    ? vector(ctx, `${p}_gate_mul`, m.phase, [act, up], ffnElements, VECTOR_OPS_PER_ELEMENT.multiply, { inputs: 2 })
    : act;
  const down = matmul(ctx, `${p}_down`, m.phase, [mixed], m.tokens, m.ffn, m.hidden, 1, true);
  ctx.hidden = vector(ctx, `${p}_residual`, m.phase, [down, x], hiddenElements, VECTOR_OPS_PER_ELEMENT.add, {
    inputs: 2,
  });
}

function executions(component: Component, phase: Phase): number {
  return phase === "per_step" ? exactMul(component.instances, component.steps) : component.instances;
}

function common(ctx: Context, name: string, phase: Phase, producers: readonly number[]) {
  // −1 (the model's input, or K/V that arrive projected) is not an op.
  const from = producers.filter((i) => i >= 0);
  const { precision, weightPrecision } = ctx.component;
  const op = {
    component: ctx.component.name,
    layer: ctx.layer,
    block: ctx.block,
    name,
    phase,
    ...(precision === undefined ? {} : { precision }),
    ...(weightPrecision === undefined ? {} : { weightPrecision }),
    count: executions(ctx.component, phase),
    producers: from,
  };
  return ctx.where === undefined ? op : { ...op, where: ctx.where };
}

/** Adds a matmul reading the outputs of `producers`; returns its index. */
function matmul(
  ctx: Context,
  name: string,
  phase: Phase,
  producers: readonly number[],
  m: number,
  k: number,
  n: number,
  batch: number,
  filterIsWeight: boolean,
  kvHeads?: number,
): number {
  const op: MatmulOp = {
    kind: "matmul",
    ...common(ctx, name, phase, producers),
    m,
    k,
    n,
    batch,
    macs: exactMul(batch, m, k, n),
    filterIsWeight,
    ...(kvHeads === undefined ? {} : { kvHeads }),
  };
  return ctx.ops.push(op) - 1;
}

/** Adds a vector op reading the outputs of `producers`; returns its index. */
function vector(
  ctx: Context,
  name: string,
  phase: Phase,
  producers: readonly number[],
  elements: number,
  opsPerElement: number,
  shape: { inputs?: number; slices?: number } = {},
): number {
  const op: VectorOp = {
    kind: "vector",
    ...common(ctx, name, phase, producers),
    elements,
    opsPerElement,
    inputs: shape.inputs ?? 1,
    slices: shape.slices ?? 1,
    ...(ctx.component.fusedVectorOps ? { fused: true } : {}),
  };
  return ctx.ops.push(op) - 1;
}
