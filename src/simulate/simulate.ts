import { opEnergyPj, sumEnergy } from "../cost/energy.js";
import { rooflineCost } from "../cost/roofline.js";
import { designArea } from "../hardware/area.js";
import { idlePower } from "../hardware/idle-power.js";
import type { OpCost } from "../cost/types.js";
import type { Graph, Op } from "../graph/types.js";
import { peakMacsPerCycle, type Target } from "../hardware/types.js";
import { componentCycles, componentSums, cyclesToMs, mixOf, totalsOf } from "./engine.js";
import { opTargets } from "./op-target.js";
import { planWork, shapeCosts, type CostCache } from "./plan-costs.js";
import { planGraph, type GraphPlan } from "./plan.js";
import {
  DEFAULT_SIMULATE_OPTIONS,
  type ComponentResult,
  type OpResult,
  type SimulateOptions,
  type SimulationResult,
  type SimulationTotals,
  type TargetSummary,
} from "./types.js";

/**
 * Runs every op of a graph through the chosen cost model and adds up latency per component and in total.
 * Give a plan (planGraph) instead of a graph to reuse its shape grouping across many targets.
 */
export function simulate(
  graph: Graph | GraphPlan,
  target: Target,
  options: SimulateOptions = DEFAULT_SIMULATE_OPTIONS,
): SimulationResult {
  const plan = asPlan(graph);
  const work = planWork(plan, target, options);
  const { costs, residentBytes } = shapeCosts(plan, work);
  const sums = componentSums(plan, work, target);
  const idle = idlePower(target, designArea(target));
  const idleW = idle.clockW + idle.leakageW;
  const targetOf = opTargets(target, plan.graph.components);
  const shapeResults = plan.shapes.map((shape, s) =>
    opResult(shape.op, costs[s]!, targetOf(shape.op), residentBytes[shape.group] !== undefined),
  );
  const ops = plan.graph.ops.map((op, i) =>
    opRecord(op, shapeResults[plan.shapeOfOp[i]!]!, shapeResults[plan.shapeOfOp[i]!]!),
  );
  const components = plan.graph.components.map((info, c): ComponentResult => {
    const part = componentCycles(sums, c);
    return {
      name: info.name,
      latencyMs: cyclesToMs(part.cycles, target),
      cycles: part.cycles,
      staticCycles: part.staticCycles,
      // Per diffusion step, all instances included: the one meaning of "per step" (see graph/summary.ts).
      perStepCycles: (part.cycles - part.staticCycles) / info.steps,
      steps: info.steps,
      instances: info.instances,
      macs: plan.componentMacs[c]!,
      utilization: part.cycles === 0 ? 0 : plan.componentMacs[c]! / (part.cycles * peakMacsPerCycle(target)),
      boundMix: mixOf(part.boundCycles, part.cycles),
      energyMj: (sumEnergy(part.energyPj) + idleW * (part.cycles / target.clockHz) * 1e12) / 1e9,
    };
  });
  return {
    model: plan.graph.model,
    batch: plan.graph.batch ?? 1,
    target: summarizeTarget(target),
    costModel: options.costModel,
    idealMemory: options.idealMemory,
    ...totalsOf(plan, sums, target),
    components,
    ops,
  };
}

/**
 * The totals-only mode of simulate() for sweeps and sizing: the same costs and the same sums, without the
 * per-op and per-component records. A sweep passes one cache per plan for all its points (plan-costs.ts).
 */
export function simulateTotals(
  plan: GraphPlan,
  target: Target,
  options: SimulateOptions = DEFAULT_SIMULATE_OPTIONS,
  cache?: CostCache,
): SimulationTotals {
  return totalsOf(plan, componentSums(plan, planWork(plan, target, options, cache), target), target);
}

function asPlan(graph: Graph | GraphPlan): GraphPlan {
  return "shapeOfOp" in graph ? graph : planGraph(graph);
}

function opResult(op: Op, cost: OpCost, target: Target, weightsResident: boolean): OpResult {
  const roofline = rooflineCost(op, target, { weightsResident });
  return opRecord(op, cost, {
    macsPerInference: op.kind === "matmul" ? op.macs * op.count : 0,
    energyPj: sumEnergy(opEnergyPj(op, cost, target)),
    weightsResident,
    latencyMs: cyclesToMs(cost.cycles, target),
    intensity: roofline.intensity,
    compulsoryBytes: roofline.bytes,
    rooflineMs: roofline.seconds * 1e3,
    rooflineBound: roofline.bound,
  });
}

/**
 * One op's record from its shape's cost and views, written out field by field: spreading some 25 fields for
 * each of SmolVLA's 824 ops was a third of simulate()'s time. The order is the JSON's and the CSV's.
 */
function opRecord(op: Op, cost: OpCost, views: Omit<OpResult, "op" | keyof OpCost>): OpResult {
  return {
    op,
    cycles: cost.cycles,
    computeCycles: cost.computeCycles,
    sramCycles: cost.sramCycles,
    dramCycles: cost.dramCycles,
    idealCycles: cost.idealCycles,
    fillDrainCycles: cost.fillDrainCycles,
    overheadCycles: cost.overheadCycles,
    stallCycles: cost.stallCycles,
    folds: cost.folds,
    mappingEfficiency: cost.mappingEfficiency,
    sramBytes: cost.sramBytes,
    dramBytes: cost.dramBytes,
    bound: cost.bound,
    utilization: cost.utilization,
    accumulatorBytes: cost.accumulatorBytes,
    fillDrainBytes: cost.fillDrainBytes,
    tiling: cost.tiling,
    macsPerInference: views.macsPerInference,
    energyPj: views.energyPj,
    weightsResident: views.weightsResident,
    latencyMs: views.latencyMs,
    intensity: views.intensity,
    compulsoryBytes: views.compulsoryBytes,
    rooflineMs: views.rooflineMs,
    rooflineBound: views.rooflineBound,
  };
}

export function summarizeTarget(target: Target): TargetSummary {
  return {
    name: target.name,
    kind: target.gpu !== undefined ? "gpu" : target.fpga !== undefined ? "fpga" : "systolic",
    clockMhz: target.clockHz / 1e6,
    precision: target.precision,
    weightPrecision: target.weightPrecision,
    rows: target.array.rows,
    cols: target.array.cols,
    arrays: target.array.count,
    dataflow: target.array.dataflow,
    weightBuffering: target.array.weightBuffering,
    peakMacsPerCycle: peakMacsPerCycle(target),
    sramKiB: target.sramBytes / 1024,
    sramBandwidthBytesPerCycle: target.sramBytesPerCycle,
    dramBandwidthGBps: target.dramBytesPerSecond / 1e9,
    vectorLanes: target.vectorLanes,
    nodeNm: target.technology.nodeNm,
    dramType: target.technology.dramType,
    technologyAssumed: target.technology.assumed,
    ...(target.technology.voltageV === undefined ? {} : { voltageV: target.technology.voltageV }),
    ...(target.gpu === undefined ? {} : { gpu: target.gpu }),
    ...(target.fpga === undefined ? {} : { fpga: target.fpga }),
  };
}
