import { exactAdd, exactMul } from "../common/exact.js";
import { summarizeMacs } from "../graph/summary.js";
import type { Graph, Op } from "../graph/types.js";

/**
 * What the engine works out once per graph, independent of the target: the distinct op shapes with how often
 * each occurs (SmolVLA's 824 ops are 93 shapes of 35 base shapes; a model of 50,000 identical layers is as few), the residency
 * groups, and the exact MAC totals. Every op of a shape costs the same on any target, so the engine costs each
 * shape once and adds `multiplicity × cycles`, which is exactly the sum over ops since cycles are integers.
 */
export interface PlannedShape {
  /** One op of the shape (the first in graph order). */
  readonly op: Op;
  readonly multiplicity: number;
  readonly group: number;
  readonly component: number;
  /**
   * The base shape (0 … bases − 1): shapes equal but for the operands' spans (graph/liveness.ts) share one, so
   * that ops whose spans differ but that decide alike on a target (on-chip.ts) share one cost, each base shape
   * costed once per decision.
   */
  readonly base: number;
}

/**
 * The ops of one component and phase: their weights stay in SRAM together or not at all (see residency.ts).
 * Every op of a group runs `count` times per inference, so its weights are reused only when count > 1.
 */
export interface ResidencyGroup {
  readonly component: number;
  /** Executions per inference of every op of the group. */
  readonly count: number;
  /** Weight elements of the group's ops: what pinning the group keeps in SRAM. */
  readonly weightElements: number;
  /** Indices of the group's shapes. */
  readonly shapes: readonly number[];
}

export interface GraphPlan {
  readonly graph: Graph;
  /** MACs per inference (Σ macs × count over matmul ops), exact. */
  readonly macs: number;
  /** MACs per inference of each component, in graph.components order. */
  readonly componentMacs: readonly number[];
  readonly groups: readonly ResidencyGroup[];
  readonly shapes: readonly PlannedShape[];
  /** Distinct base shapes (PlannedShape.base). */
  readonly bases: number;
  /** 0, 1, … shapes.length − 1. */
  readonly allShapes: readonly number[];
  /** Shape index of each op of graph.ops. */
  readonly shapeOfOp: Int32Array;
  readonly columns: ShapeColumns;
}

/**
 * What the per-point sums read of each shape, as flat arrays indexed by shape: ops come in many object layouts,
 * and reading them at every sweep point would cost more than the sums themselves.
 */
export interface ShapeColumns {
  readonly multiplicity: Float64Array;
  /** 1 for a shape of the static phase (run once per inference, not per diffusion step). */
  readonly isStatic: Uint8Array;
}

/** Groups a graph's ops into shapes and residency groups, and totals its MACs. */
export function planGraph(graph: Graph): GraphPlan {
  const componentIndex = new Map(graph.components.map((c, i) => [c.name, i]));
  // Residency groups by component and phase: component · 2 + (1 for per-step).
  const groupIndex = new Map<number, number>();
  const groups: { component: number; count: number; weightElements: number; shapes: number[] }[] = [];
  // Base shapes by a hash of what their cost depends on; equal hashes are told apart by comparing the ops.
  const basesByHash = new Map<number, number[]>();
  const bases: { op: Op; group: number; shapeOfSpans: Map<number, number> }[] = [];
  const shapes: { op: Op; multiplicity: number; group: number; component: number; base: number }[] = [];
  const shapeOfOp = new Int32Array(graph.ops.length);
  graph.ops.forEach((op, i) => {
    const component = componentIndex.get(op.component) ?? -1;
    if (component < 0) throw new Error(`op ${op.name} names component ${op.component}, which the graph does not list`);
    const groupKey = component * 2 + (op.phase === "static" ? 0 : 1);
    let group = groupIndex.get(groupKey);
    if (group === undefined) {
      group = groups.push({ component, count: op.count, weightElements: 0, shapes: [] }) - 1;
      groupIndex.set(groupKey, group);
    }
    if (op.kind === "matmul" && op.filterIsWeight)
      groups[group]!.weightElements = exactAdd(groups[group]!.weightElements, exactMul(op.batch, op.k, op.n));
    // Ops share a cost only within a group: the group's residency changes the SRAM left for every op in it.
    const hash = (Math.imul(shapeHash(op), 31) + group) | 0;
    const bucket = basesByHash.get(hash) ?? [];
    if (bucket.length === 0) basesByHash.set(hash, bucket);
    let base = bucket.find((b) => bases[b]!.group === group && sameCostShape(bases[b]!.op, op));
    if (base === undefined) {
      base = bases.push({ op, group, shapeOfSpans: new Map() }) - 1;
      bucket.push(base);
    }
    // The residency spans decide what is on chip, so ops of one base shape with different spans cost differently.
    const spans = op.spans === undefined ? -1 : op.spans.id;
    let shape = bases[base]!.shapeOfSpans.get(spans);
    if (shape === undefined) {
      shape = shapes.push({ op, multiplicity: 0, group, component, base }) - 1;
      bases[base]!.shapeOfSpans.set(spans, shape);
      groups[group]!.shapes.push(shape);
    }
    shapes[shape]!.multiplicity++;
    shapeOfOp[i] = shape;
  });
  const macs = summarizeMacs(graph);
  const columns: ShapeColumns = {
    multiplicity: Float64Array.from(shapes, (s) => s.multiplicity),
    isStatic: Uint8Array.from(shapes, (s) => (s.op.phase === "static" ? 1 : 0)),
  };
  return {
    graph,
    macs: macs.totalMacs,
    componentMacs: macs.components.map((c) => c.macs),
    groups,
    shapes,
    bases: bases.length,
    allShapes: shapes.map((_, s) => s),
    shapeOfOp,
    columns,
  };
}

/**
 * Whether two ops cost the same on any target, given the same group and spans: every field the cost models
 * read. (Compared, not keyed by a string: building and hashing a string per op was most of planning's time.)
 */
function sameCostShape(a: Op, b: Op): boolean {
  if (a.precision !== b.precision || a.weightPrecision !== b.weightPrecision) return false;
  if (a.kind === "matmul" && b.kind === "matmul") {
    return (
      a.m === b.m &&
      a.k === b.k &&
      a.n === b.n &&
      a.batch === b.batch &&
      a.count === b.count &&
      a.filterIsWeight === b.filterIsWeight &&
      (a.kvHeads ?? a.batch) === (b.kvHeads ?? b.batch) &&
      (a.standalone === true) === (b.standalone === true)
    );
  }
  if (a.kind === "vector" && b.kind === "vector") {
    return (
      a.elements === b.elements &&
      a.opsPerElement === b.opsPerElement &&
      a.inputs === b.inputs &&
      a.slices === b.slices &&
      a.count === b.count &&
      (a.fused === true) === (b.fused === true)
    );
  }
  return false;
}

/** A 32-bit hash of some of the fields sameCostShape compares (equal shapes hash alike). */
function shapeHash(op: Op): number {
  const mix = (h: number, x: number) => (Math.imul(h, 0x01000193) ^ (x | 0) ^ ((x / 4294967296) | 0)) | 0;
  return op.kind === "matmul"
    ? mix(mix(mix(mix(1, op.m), op.k), op.n), op.count)
    : mix(mix(mix(2, op.elements), op.opsPerElement), op.count);
}
