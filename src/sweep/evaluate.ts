import type { Bound } from "../cost/types.js";
import type { Graph, Op } from "../graph/types.js";
import { operandElements } from "../graph/operands.js";
import { peakMacsPerCycle, type Target } from "../hardware/types.js";
import { groupKey, isResident } from "../simulate/residency.js";
import { exactAdd, exactMul, exactTotal } from "../common/exact.js";
import { costOf } from "../simulate/simulate.js";
import type { SimulateOptions } from "../simulate/types.js";

/**
 * The sweep's fast path: the totals `simulate()` reports (latency, utilisation, bound mix), without its
 * per-op and per-component records. What does not depend on the target is worked out once per graph:
 * the distinct op shapes with how often each occurs (SmolVLA's 824 ops are 35 shapes), and the weight
 * elements of each residency group. Cycles are integers, so adding `multiplicity × cycles` per shape gives
 * exactly the sum simulate() forms op by op; the final divisions are the same expressions as there.
 */
export interface PlannedShape {
  /** One op of the shape; every op of the shape costs the same. */
  readonly op: Op;
  readonly multiplicity: number;
  /** Residency group (index into groupWeightElements) for an op whose weights may stay in SRAM, else −1. */
  readonly group: number;
}

export interface GraphPlan {
  readonly model: string;
  readonly macs: number;
  readonly groupWeightElements: readonly number[];
  readonly shapes: readonly PlannedShape[];
}

export function planGraph(graph: Graph): GraphPlan {
  const groups = new Map<string, number>();
  const weightElements: number[] = [];
  const shapes = new Map<string, { op: Op; multiplicity: number; group: number }>();
  let macs = 0;
  for (const op of graph.ops) {
    // Residency of a component and phase changes the cost of all its ops (weights, and the SRAM left for
    // operand buffers), so ops share a record only within one group.
    const groupName = groupKey(op);
    let group = groups.get(groupName);
    if (group === undefined) {
      group = groups.size;
      groups.set(groupName, group);
      weightElements.push(0);
    }
    if (op.kind === "matmul") {
      macs = exactAdd(macs, exactMul(op.macs, op.count));
      if (op.filterIsWeight) weightElements[group] = exactAdd(weightElements[group]!, operandElements(op).filter);
    }
    const key =
      op.kind === "matmul"
        ? `m${op.m},${op.k},${op.n},${op.batch},${op.count},${op.filterIsWeight ? 1 : 0},${group}`
        : `v${op.elements},${op.opsPerElement},${op.count},${group}`;
    const shape = shapes.get(key);
    if (shape === undefined) shapes.set(key, { op, multiplicity: 1, group });
    else shape.multiplicity++;
  }
  return { model: graph.model, macs, groupWeightElements: weightElements, shapes: [...shapes.values()] };
}

/** Fields of one point's record in a metrics array (RECORD numbers per point). */
export const FIELD = {
  latencyMs: 0,
  cycles: 1,
  macs: 2,
  utilization: 3,
  inferencesPerSecond: 4,
  peakMacsPerCycle: 5,
  clockMhz: 6,
  sramKiB: 7,
  compute: 8,
  sram: 9,
  dram: 10,
  vector: 11,
} as const;
export const RECORD = 12;
export const BOUNDS: readonly Bound[] = ["compute", "sram", "dram", "vector"];

/** One point's totals by name, as simulate() reports them. */
export interface PointMetrics {
  readonly latencyMs: number;
  readonly inferencesPerSecond: number;
  readonly utilization: number;
  readonly peakMacsPerCycle: number;
  readonly clockMhz: number;
  readonly sramKiB: number;
  readonly cycles: number;
  readonly macs: number;
  readonly boundMix: Readonly<Record<Bound, number>>;
}

export function readMetrics(metrics: Float64Array, index: number): PointMetrics {
  const at = index * RECORD;
  return {
    latencyMs: metrics[at + FIELD.latencyMs]!,
    inferencesPerSecond: metrics[at + FIELD.inferencesPerSecond]!,
    utilization: metrics[at + FIELD.utilization]!,
    peakMacsPerCycle: metrics[at + FIELD.peakMacsPerCycle]!,
    clockMhz: metrics[at + FIELD.clockMhz]!,
    sramKiB: metrics[at + FIELD.sramKiB]!,
    cycles: metrics[at + FIELD.cycles]!,
    macs: metrics[at + FIELD.macs]!,
    boundMix: { compute: metrics[at + FIELD.compute]!, sram: metrics[at + FIELD.sram]!, dram: metrics[at + FIELD.dram]!, vector: metrics[at + FIELD.vector]! },
  };
}

/** Writes one point's totals at `out[offset … offset + RECORD)`. */
export function evaluatePlan(plan: GraphPlan, target: Target, options: SimulateOptions, out: Float64Array, offset: number): void {
  const bytesPerElement = target.bytesPerElement;
  let cycles = 0;
  let compute = 0;
  let sram = 0;
  let dram = 0;
  let vector = 0;
  for (const shape of plan.shapes) {
    const weightBytes = exactMul(plan.groupWeightElements[shape.group]!, bytesPerElement);
    const cost = costOf(shape.op, target, options, weightBytes > 0 && isResident(weightBytes, target) ? weightBytes : undefined);
    const c = shape.multiplicity * cost.cycles;
    cycles += c;
    if (cost.bound === "compute") compute += c;
    else if (cost.bound === "dram") dram += c;
    else if (cost.bound === "sram") sram += c;
    else vector += c;
  }
  exactTotal(cycles, "cycles per inference");
  const peak = peakMacsPerCycle(target);
  const latencyMs = (cycles / target.clockHz) * 1e3;
  out[offset + FIELD.latencyMs] = latencyMs;
  out[offset + FIELD.cycles] = cycles;
  out[offset + FIELD.macs] = plan.macs;
  out[offset + FIELD.utilization] = cycles === 0 ? 0 : plan.macs / (cycles * peak);
  out[offset + FIELD.inferencesPerSecond] = latencyMs === 0 ? 0 : 1e3 / latencyMs;
  out[offset + FIELD.peakMacsPerCycle] = peak;
  out[offset + FIELD.clockMhz] = target.clockHz / 1e6;
  out[offset + FIELD.sramKiB] = target.sramBytes / 1024;
  const total = cycles > 0 ? cycles : 1;
  out[offset + FIELD.compute] = cycles > 0 ? compute / total : 0;
  out[offset + FIELD.sram] = cycles > 0 ? sram / total : 0;
  out[offset + FIELD.dram] = cycles > 0 ? dram / total : 0;
  out[offset + FIELD.vector] = cycles > 0 ? vector / total : 0;
}

/**
 * What a worker needs besides the targets: the graph plans, which plan each point uses, and the cost-model
 * options. Plain data (structured-cloneable), never written to.
 */
export interface EvaluationJob {
  readonly plans: readonly GraphPlan[];
  /** Plan index of each point. */
  readonly planOfPoint: Int32Array;
  readonly options: SimulateOptions;
}

/** Evaluates points [start, start + targets.length), whose targets are given, into `out` from offset 0. */
export function evaluatePoints(job: EvaluationJob, start: number, targets: readonly Target[], out: Float64Array): void {
  for (let i = 0; i < targets.length; i++) {
    evaluatePlan(job.plans[job.planOfPoint[start + i]!]!, targets[i]!, job.options, out, i * RECORD);
  }
}
