import { zeros } from "../common/zeros.js";
import { addEnergyWork, ENERGY_WORK } from "../cost/energy.js";
import { onChipMask } from "../cost/on-chip.js";
import { dramCyclesOf, overlapBound, overlapCycles } from "../cost/timing.js";
import type { OpCost } from "../cost/types.js";
import { boundIndex, BOUNDS, COMPUTE, VECTOR } from "./bounds.js";
import type { Op } from "../graph/types.js";
import { dramBytesPerCycle, type Target } from "../hardware/types.js";
import { costOf } from "./op-cost.js";
import type { GraphPlan } from "./plan.js";
import { opTargets, type OpTarget } from "./op-target.js";
import { residentBytesIfPinnable } from "./residency.js";
import type { SimulateOptions } from "./types.js";

/**
 * One way to run a residency group (its weights streamed, or pinned in SRAM): its shapes' costs folded to each
 * distinct cost with the executions that use it, and the energy work they do (energy.ts, ENERGY_WORK numbers).
 */
interface Variant {
  /** Index in PlanWork.costs of each of the group's shapes, in group order. */
  readonly shapeCosts: readonly number[];
  readonly costs: number[];
  readonly times: number[];
  readonly energyWork: number[];
  /** Σ times × DRAM bytes: the tie-break between two variants of equal cycles. */
  readonly dramBytes: number;
  /** The weight bytes a pinned variant keeps in SRAM; undefined when streamed. */
  readonly residentBytes: number | undefined;
}

interface GroupWork {
  readonly component: number;
  /** One op of the group: all run at its precision (one component, one phase). */
  readonly op: Op;
  readonly isStatic: boolean;
  readonly streamed: Variant;
  /** Present when the group's weights could stay in SRAM. */
  readonly pinned: Variant | undefined;
}

/**
 * A plan's costs on one target before the residency choice: every distinct cost record, its time as flat
 * columns (what a sweep point reads), and per residency group the variants it may run as.
 */
export interface PlanWork {
  /** Distinct cost records, timed at the target they were costed on (simulate()'s per-op records). */
  readonly costs: readonly OpCost[];
  /** Index in `costs` of each shape streamed: the cost of a shape outside a pinned group. */
  readonly streamed: readonly number[];
  readonly groups: readonly GroupWork[];
  /** Per distinct cost: what its time is made of, and its cycles and bound (boundIndex) at `dramBytesPerCycle`. */
  readonly computeCycles: number[];
  readonly sramCycles: number[];
  readonly dramBytes: number[];
  /** 1 when DRAM time is charged (0 under ideal memory). */
  readonly chargesDram: number[];
  readonly computeBound: number[];
  readonly cycles: number[];
  readonly bound: number[];
  dramBytesPerCycle: number;
}

/**
 * Costs kept across the points of one sweep, for one plan: a point whose target differs from an earlier one
 * only in clock or DRAM bandwidth (the only inputs of a cost that are not cycles or bytes, cost/timing.ts)
 * reuses its costs, retimed. First in, first out, at most `limit` targets' worth.
 */
export interface CostCache {
  readonly entries: Map<string, PlanWork>;
  readonly limit: number;
}

export function newCostCache(limit = 64): CostCache {
  return { entries: new Map(), limit };
}

/**
 * The plan's work on this target, timed at its DRAM rate: from the cache when a target like it was costed
 * before (GPU kernels are timed per launch, so their costs are never kept), else costed now.
 */
export function planWork(plan: GraphPlan, target: Target, options: SimulateOptions, cache?: CostCache): PlanWork {
  if (cache === undefined || target.gpu !== undefined) return costWork(plan, target, options);
  const key = costKey(target, options);
  const kept = cache.entries.get(key);
  if (kept !== undefined) {
    retime(kept, target);
    return kept;
  }
  const work = costWork(plan, target, options);
  if (cache.entries.size >= cache.limit) cache.entries.delete(cache.entries.keys().next().value!);
  cache.entries.set(key, work);
  return work;
}

/** Every target field a systolic, FPGA or roofline cost reads, but the clock and DRAM bandwidth. */
function costKey(target: Target, options: SimulateOptions): string {
  const a = target.array;
  return `${a.rows},${a.cols},${a.count},${a.dataflow},${a.weightBuffering},${a.rate},${target.bytesPerElement},${target.sramBytes},${target.sramBytesPerCycle},${target.vectorLanes},${options.costModel},${options.idealMemory},${target.weightBytesPerElement}`;
}

function costWork(plan: GraphPlan, target: Target, options: SimulateOptions): PlanWork {
  const costs: OpCost[] = [];
  const ops: Op[] = [];
  const memo = new ShapeMemo(plan.bases);
  const targetOf = opTargets(target, plan.graph.components);
  const streamed = costEach(plan, plan.allShapes, targetOf, options, undefined, costs, ops, memo);
  const pinned = plan.groups.map((group) => {
    // Pinning is the systolic model's choice (the roofline follows it); a GPU's L2 is a cache, which gpu.ts models per kernel.
    const bytes =
      target.gpu === undefined
        ? residentBytesIfPinnable(group, targetOf(plan.shapes[group.shapes[0]!]!.op))
        : undefined;
    return bytes === undefined
      ? undefined
      : { bytes, shapeCosts: costEach(plan, group.shapes, targetOf, options, bytes, costs, ops, memo) };
  });
  const n = costs.length;
  const work = {
    costs,
    streamed,
    groups: [] as GroupWork[],
    computeCycles: zeros(n),
    sramCycles: zeros(n),
    dramBytes: zeros(n),
    chargesDram: zeros(n),
    computeBound: zeros(n),
    cycles: zeros(n),
    bound: zeros(n),
    dramBytesPerCycle: dramBytesPerCycle(target),
  };
  const energyWork = zeros(n * ENERGY_WORK);
  for (let i = 0; i < n; i++) {
    const cost = costs[i]!;
    work.computeCycles[i] = cost.computeCycles;
    work.sramCycles[i] = cost.sramCycles;
    work.dramBytes[i] = cost.dramBytes;
    work.chargesDram[i] = cost.dramCycles > 0 ? 1 : 0;
    work.computeBound[i] = ops[i]!.kind === "matmul" ? COMPUTE : VECTOR;
    work.cycles[i] = cost.cycles;
    work.bound[i] = boundIndex(cost.bound);
    addEnergyWork(ops[i]!, cost, 1, energyWork, i * ENERGY_WORK);
  }
  const slot = new Array<number>(n).fill(-1);
  const variant = (shapes: readonly number[], shapeCosts: readonly number[], residentBytes: number | undefined) =>
    foldVariant(plan, shapes, shapeCosts, residentBytes, work.dramBytes, energyWork, slot);
  plan.groups.forEach((group, g) => {
    const p = pinned[g];
    work.groups.push({
      component: group.component,
      op: plan.shapes[group.shapes[0]!]!.op,
      isStatic: plan.columns.isStatic[group.shapes[0]!] === 1,
      streamed: variant(
        group.shapes,
        group.shapes.map((s) => streamed[s]!),
        undefined,
      ),
      pinned: p === undefined ? undefined : variant(group.shapes, p.shapeCosts, p.bytes),
    });
  });
  return work;
}

/**
 * Index of the cost of each base shape and on-chip decision (base · 8 + mask) in one costing pass, without
 * clearing between passes: an entry counts only when stamped with the current pass.
 */
class ShapeMemo {
  private readonly index: number[];
  private readonly stamp: number[];
  private pass = 0;
  constructor(bases: number) {
    this.index = zeros(bases * 8);
    this.stamp = zeros(bases * 8);
  }
  nextPass(): void {
    this.pass++;
  }
  get(key: number): number {
    return this.stamp[key] === this.pass ? this.index[key]! : -1;
  }
  set(key: number, index: number): void {
    this.stamp[key] = this.pass;
    this.index[key] = index;
  }
}

/**
 * Costs of the given shapes, appended to `costs` (one op of each to `ops`), as indices into it: each base shape
 * is costed once per on-chip decision (on-chip.ts), since ops that differ only in their spans and decide alike
 * on this target cost the same.
 */
function costEach(
  plan: GraphPlan,
  which: readonly number[],
  targetOf: OpTarget,
  options: SimulateOptions,
  residentBytes: number | undefined,
  costs: OpCost[],
  ops: Op[],
  memo: ShapeMemo,
): number[] {
  memo.nextPass();
  const indices = new Array<number>(which.length);
  for (let i = 0; i < which.length; i++) {
    const shape = plan.shapes[which[i]!]!;
    const target = targetOf(shape.op);
    // The buffer the rule judges with: the SRAM the resident weights leave (the roofline: all of it); a GPU's L2 is a cache.
    const bufferBytes = options.costModel === "roofline" ? target.sramBytes : target.sramBytes - (residentBytes ?? 0);
    const key =
      shape.base * 8 + (target.gpu === undefined ? onChipMask(shape.op, target.bytesPerElement, bufferBytes) : 0);
    let index = memo.get(key);
    if (index < 0) {
      index = costs.push(costOf(shape.op, target, options, residentBytes)) - 1;
      ops.push(shape.op);
      memo.set(key, index);
    }
    indices[i] = index;
  }
  return indices;
}

/**
 * A group's shapes folded onto their distinct costs (executions per cost, in order of first use), with the
 * energy work and DRAM bytes they add up to. `slot` is scratch, −1 throughout, and left so.
 */
function foldVariant(
  plan: GraphPlan,
  shapes: readonly number[],
  shapeCosts: readonly number[],
  residentBytes: number | undefined,
  dramBytesOf: number[],
  energyWorkOf: number[],
  slot: number[],
): Variant {
  const distinct: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < shapes.length; i++) {
    const c = shapeCosts[i]!;
    if (slot[c]! < 0) {
      slot[c] = distinct.push(c) - 1;
      times.push(0);
    }
    const at = slot[c]!;
    times[at] = times[at]! + plan.columns.multiplicity[shapes[i]!]!;
  }
  const energyWork = zeros(ENERGY_WORK);
  let dramBytes = 0;
  distinct.forEach((c, j) => {
    slot[c] = -1;
    for (let w = 0; w < ENERGY_WORK; w++)
      energyWork[w] = energyWork[w]! + times[j]! * energyWorkOf[c * ENERGY_WORK + w]!;
    dramBytes += times[j]! * dramBytesOf[c]!;
  });
  return { shapeCosts, costs: distinct, times: times, energyWork, dramBytes, residentBytes };
}

/** The columns' cycles and bounds at this target's DRAM rate, by the overlap rule of cost/timing.ts. */
function retime(work: PlanWork, target: Target): void {
  const rate = dramBytesPerCycle(target);
  if (rate === work.dramBytesPerCycle) return;
  for (let i = 0; i < work.cycles.length; i++) {
    const compute = work.computeCycles[i]!;
    const dram = work.chargesDram[i] === 1 ? dramCyclesOf(work.dramBytes[i]!, target) : 0;
    const cycles = overlapCycles(compute, work.sramCycles[i]!, dram);
    work.cycles[i] = cycles;
    work.bound[i] = boundIndex(overlapBound(cycles, compute, dram, BOUNDS[work.computeBound[i]!]!));
  }
  work.dramBytesPerCycle = rate;
}

/** Σ times × cycles of a variant at the work's current timing. */
export function variantCycles(work: PlanWork, v: Variant): number {
  let cycles = 0;
  for (let i = 0; i < v.costs.length; i++) cycles += v.times[i]! * work.cycles[v.costs[i]!]!;
  return cycles;
}

/**
 * Which variant each group runs: pinned where its weights could stay in SRAM and that takes no more cycles
 * (on a tie, no more DRAM bytes) than streaming them; see residency.ts for why.
 */
export function chosenVariant(work: PlanWork, group: GroupWork): Variant {
  const pinned = group.pinned;
  if (pinned === undefined) return group.streamed;
  const a = variantCycles(work, pinned);
  const b = variantCycles(work, group.streamed);
  return a < b || (a === b && pinned.dramBytes <= group.streamed.dramBytes) ? pinned : group.streamed;
}

/** The cost of every shape of a plan, and the weight bytes each residency group keeps in SRAM (if any). */
export interface PlanCosts {
  readonly costs: readonly OpCost[];
  readonly residentBytes: readonly (number | undefined)[];
}

/** Each shape's cost record under the residency choice, for simulate()'s per-op records (costed fresh, never retimed). */
export function shapeCosts(plan: GraphPlan, work: PlanWork): PlanCosts {
  const costs = work.streamed.map((c) => work.costs[c]!);
  const residentBytes = work.groups.map((group, g) => {
    const chosen = chosenVariant(work, group);
    if (chosen !== group.streamed)
      plan.groups[g]!.shapes.forEach((s, i) => (costs[s] = work.costs[chosen.shapeCosts[i]!]!));
    return chosen.residentBytes;
  });
  return { costs, residentBytes };
}
