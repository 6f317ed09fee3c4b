/**
 * accel-sizer as a library: load a model and a target, build the op graph, simulate it.
 * @example
 * import { loadModel, loadTarget, buildGraph, simulate } from "accel-sizer";
 * const model = loadModel("models/smolvla.yaml", { cameras: 3 });
 * const target = loadTarget("hardware/xattn-unit.yaml");
 * const result = simulate(buildGraph(model), target); // result.latencyMs, result.components, result.ops
 */
export { formatProblem, InputError, NoFeasibleDesignError, type Problem } from "./common/errors.js";

export {
  loadModel,
  loadModelSpec,
  loadTarget,
  loadTargetSpec,
  loadTopology,
  parseModel,
  parseTarget,
  targetFilesIn,
  type Overrides,
} from "./load/load.js";
export { parseModelSpec, resolveModel, type ModelSpec } from "./model/resolve.js";
export type { Override } from "./common/override.js";
export type { Block, Component, Layer, Model, Phase } from "./model/types.js";

export { buildGraph } from "./graph/build.js";
export { summarizeMacs, type ComponentMacs, type MacsSummary } from "./graph/summary.js";
export { parseScaleSimTopology } from "./graph/topology.js";
export type { ComponentInfo, Graph, MatmulOp, Op, VectorOp } from "./graph/types.js";

export {
  BYTES_PER_ELEMENT,
  WEIGHT_BYTES_PER_ELEMENT,
  type Precision,
  type WeightPrecision,
} from "./hardware/precision.js";
export { parseTargetSpec, resolveTarget, type TargetOverride, type TargetSpec } from "./hardware/target.js";
export { peakMacsPerCycle, type Dataflow, type Target } from "./hardware/types.js";

export type { Bound, OpCost } from "./cost/types.js";
export { simulate, simulateTotals } from "./simulate/simulate.js";
export { planGraph, type GraphPlan } from "./simulate/plan.js";
export {
  DEFAULT_SIMULATE_OPTIONS,
  type BoundMix,
  type ComponentResult,
  type CostModel,
  type OpResult,
  type SimulateOptions,
  type SimulationResult,
  type SimulationTotals,
  type TargetSummary,
} from "./simulate/types.js";

export { designFront, paretoFront } from "./sweep/pareto.js";
export {
  designOf,
  fastestPoint,
  prepareSweep,
  runSweep,
  type PreparedSweep,
  type RunOptions,
  type SweepInputs,
  type SweepResult,
} from "./sweep/run.js";
export { sizeDesign, type SizedDesign, type Sizing } from "./sweep/size.js";

export { loadSystem, loadSystemSpec, resolveSystem, systemOfTarget, type SystemSpec } from "./load/system.js";
export type { Link, MapRule, System, Unit } from "./hardware/system.js";
export { simulateSystem, type LinkResult, type SystemResult, type UnitResult } from "./system/simulate-system.js";
export { systemBaseline, type Baseline } from "./system/baseline.js";
export {
  controlVerdict,
  type Binding,
  type ControlOptions,
  type ControlVerdict,
  type LoopMode,
} from "./system/control.js";
export type { ScheduledItem } from "./system/scheduled-item.js";
export type { TransferRecord } from "./system/transfers.js";
export type { UnitMemory } from "./system/memory.js";
export { powerAtRateW, type PowerParts } from "./simulate/energy-totals.js";
