import { exactTotal } from "../common/exact.js";
import { flatCost } from "../cost/flat-cost.js";
import { rooflineCost } from "../cost/roofline.js";
import { systolicMatmulCost, vectorCost } from "../cost/systolic.js";
import type { Bound, OpCost } from "../cost/types.js";
import type { Graph, Op } from "../graph/types.js";
import { dramBytesPerCycle, peakMacsPerCycle, type Target } from "../hardware/types.js";
import { groupKey, residentGroups } from "./residency.js";
import { DEFAULT_SIMULATE_OPTIONS, type BoundMix, type ComponentResult, type OpResult, type SimulateOptions, type SimulationResult, type TargetSummary } from "./types.js";

/** Runs every op of a graph through the chosen cost model and adds up latency per component and in total. */
export function simulate(graph: Graph, target: Target, options: SimulateOptions = DEFAULT_SIMULATE_OPTIONS): SimulationResult {
  const resident = residentGroups(graph, target);
  const cache = new Map<string, OpCost>();
  const ops = graph.ops.map((op) => {
    const residentBytes = resident.get(groupKey(op));
    const key = shapeKey(op, residentBytes);
    let cost = cache.get(key);
    if (cost === undefined) {
      cost = costOf(op, target, options, residentBytes);
      cache.set(key, cost);
    }
    return toOpResult(op, cost, target, residentBytes !== undefined);
  });
  const components = graph.components.map((info) => componentResult(info.name, info.steps, info.instances, ops.filter((r) => r.op.component === info.name), target));
  const cycles = exactTotal(sum(components.map((c) => c.cycles)), "cycles per inference");
  const macs = exactTotal(sum(components.map((c) => c.macs)), "MACs per inference");
  const latencyMs = (cycles / target.clockHz) * 1e3;
  return {
    model: graph.model,
    target: summarizeTarget(target),
    costModel: options.costModel,
    idealMemory: options.idealMemory,
    latencyMs,
    cycles,
    macs,
    utilization: cycles === 0 ? 0 : macs / (cycles * peakMacsPerCycle(target)),
    inferencesPerSecond: latencyMs === 0 ? 0 : 1e3 / latencyMs,
    boundMix: boundMix(ops, cycles),
    components,
    ops,
  };
}

function shapeKey(op: Op, residentBytes: number | undefined): string {
  return op.kind === "matmul"
    ? `m${op.m},${op.k},${op.n},${op.batch},${op.count},${op.filterIsWeight ? 1 : 0},${residentBytes ?? -1}`
    : `v${op.elements},${op.opsPerElement},${op.count},${residentBytes ?? -1}`;
}

/**
 * The cost of one op (all its executions) under the chosen model; `residentBytes` are the weights of the op's
 * component and phase when they stay in SRAM (undefined when they do not). Shared with the sweep's fast path.
 */
export function costOf(op: Op, target: Target, options: SimulateOptions, residentBytes: number | undefined): OpCost {
  if (options.costModel === "roofline") return rooflineAsCycles(op, target);
  const policy = { idealMemory: options.idealMemory, weightsResident: residentBytes !== undefined, bufferBytes: target.sramBytes - (residentBytes ?? 0) };
  return op.kind === "vector" ? vectorCost(op, target, policy) : systolicMatmulCost(op, target, policy);
}

/**
 * The roofline expressed in the same record as the cycle model, for a roofline-only machine. Counted in
 * cycles directly (⌈MACs / peak per cycle⌉, ⌈bytes / bytes per cycle⌉) rather than through seconds, whose
 * floating-point round trip can add a spurious cycle.
 */
function rooflineAsCycles(op: Op, target: Target): OpCost {
  const r = rooflineCost(op, target);
  const computeCycles =
    op.kind === "matmul" ? Math.ceil((op.macs * op.count) / peakMacsPerCycle(target)) : op.count * Math.ceil((op.elements * op.opsPerElement) / target.vectorLanes);
  const dramCycles = op.kind === "matmul" ? Math.ceil(r.bytes / dramBytesPerCycle(target)) : 0;
  const cycles = Math.max(computeCycles, dramCycles);
  return flatCost({
    computeCycles,
    dramCycles,
    dramBytes: r.bytes,
    bound: op.kind === "vector" ? "vector" : dramCycles > computeCycles ? "dram" : "compute",
    utilization: op.kind === "matmul" ? (op.macs * op.count) / (cycles * peakMacsPerCycle(target)) : 0,
    mappingEfficiency: op.kind === "matmul" ? 1 : 0,
  });
}

function toOpResult(op: Op, cost: OpCost, target: Target, weightsResident: boolean): OpResult {
  const roofline = rooflineCost(op, target);
  return {
    op,
    ...cost,
    weightsResident,
    latencyMs: (cost.cycles / target.clockHz) * 1e3,
    intensity: roofline.intensity,
    rooflineMs: roofline.seconds * 1e3,
    rooflineBound: roofline.bound,
  };
}

function componentResult(name: string, steps: number, instances: number, ops: readonly OpResult[], target: Target): ComponentResult {
  const cycles = sum(ops.map((r) => r.cycles));
  const staticCycles = sum(ops.filter((r) => r.op.phase === "static").map((r) => r.cycles));
  const macs = sum(ops.map((r) => (r.op.kind === "matmul" ? r.op.macs * r.op.count : 0)));
  return {
    name,
    latencyMs: (cycles / target.clockHz) * 1e3,
    cycles,
    staticCycles,
    perStepCycles: (cycles - staticCycles) / steps,
    steps,
    instances,
    macs,
    utilization: cycles === 0 ? 0 : macs / (cycles * peakMacsPerCycle(target)),
    boundMix: boundMix(ops, cycles),
  };
}

function boundMix(ops: readonly OpResult[], total: number): BoundMix {
  const mix: Record<Bound, number> = { compute: 0, sram: 0, dram: 0, vector: 0 };
  for (const r of ops) mix[r.bound] += r.cycles;
  if (total > 0) for (const key of Object.keys(mix) as Bound[]) mix[key] /= total;
  return mix;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function summarizeTarget(target: Target): TargetSummary {
  return {
    name: target.name,
    clockMhz: target.clockHz / 1e6,
    precision: target.precision,
    rows: target.array.rows,
    cols: target.array.cols,
    arrays: target.array.count,
    dataflow: target.array.dataflow,
    peakMacsPerCycle: peakMacsPerCycle(target),
    sramKiB: target.sramBytes / 1024,
    sramBandwidthBytesPerCycle: target.sramBytesPerCycle,
    dramBandwidthGBps: target.dramBytesPerSecond / 1e9,
    vectorLanes: target.vectorLanes,
  };
}
