import { parseWithSchema } from "../common/schema-errors.js";
import { buildGraph } from "../graph/build.js";
import { scopeGraph } from "../graph/scope.js";
import type { Graph } from "../graph/types.js";
import { targetSchema } from "../hardware/schema.js";
import { resolveTarget, type TargetOverride, type TargetSpec } from "../hardware/target.js";
import { resolveModel, type ModelSpec } from "../model/resolve.js";
import { overridableKeys } from "../model/overrides.js";
import { type Override } from "../common/override.js";
import { DEFAULT_SIMULATE_OPTIONS, type SimulateOptions } from "../simulate/types.js";
import { planGraph } from "../simulate/plan.js";
import { newCostCache } from "../simulate/plan-costs.js";
import { evaluatePoints, FIELD, RECORD, type EvaluationJob } from "./evaluate.js";
import { listPoints, parseSpace, type Column, type Space, type Value } from "./space.js";
import { evaluateSystemPoints, type SystemSweepJob } from "./system-sweep.js";
import { modelVariants } from "./variants.js";
import { targetColumn, targetOfPoint, withField, type PointTargets } from "./targets.js";

/** What every sweep takes: the model, the fixed overrides and the space, arguments still text. */
export interface SpaceInputs {
  readonly modelSpec: ModelSpec;
  readonly sets: { readonly model: readonly Override[]; readonly target: readonly TargetOverride[] };
  readonly vary: readonly string[];
  readonly tie: readonly string[];
  readonly maxPoints?: number;
  readonly options?: SimulateOptions;
}

/** A sweep over a target as the command line gives it: specs already read, arguments still text. */
export interface SweepInputs extends SpaceInputs {
  readonly targetSpec: TargetSpec;
  /** Sweep one component of the model alone (`--component`). */
  readonly component?: string;
}

export interface PreparedSweep {
  readonly model: string;
  readonly target: string;
  readonly space: Space;
  /** Column-major: values[c][i] is column c of point i. */
  readonly values: readonly (readonly Value[])[];
  readonly job: EvaluationJob;
  readonly targets: PointTargets;
  /** Present for a sweep over a system's units (system-sweep.ts). */
  readonly system?: SystemSweepJob;
}

export interface SweepResult extends PreparedSweep {
  /** RECORD numbers per point, fields as in evaluate.ts's FIELD. */
  readonly metrics: Float64Array;
  readonly seconds: number;
}

/**
 * Parses the space, lists its points, checks every value once (each distinct target value against the
 * target schema; each distinct model-parameter combination by building its graph, once) and packs the job.
 */
export function prepareSweep(inputs: SweepInputs): PreparedSweep {
  const space = parseSpace(inputs.vary, inputs.tie, { model: overridableKeys(inputs.modelSpec) }, inputs.maxPoints);
  const values = listPoints(space, inputs.sets);

  const base = resolveTarget(inputs.targetSpec, inputs.sets.target);
  let baseData = structuredClone(inputs.targetSpec.source.data) as Record<string, unknown>;
  for (const o of inputs.sets.target) baseData = withField(baseData, o.key, o.value);
  const targetColumns = space.columns.flatMap((column, c) => {
    if (column.domain !== "target") return [];
    checkTargetValues(baseData, column, values[c]!);
    return [targetColumn(column.path, values[c]!)];
  });

  const { variants: plans, variantOfPoint: planOfPoint } = modelVariants(space, values, (overrides) =>
    planGraph(
      scoped(buildGraph(resolveModel(inputs.modelSpec, [...inputs.sets.model, ...overrides])), inputs.component),
    ),
  );
  const job: EvaluationJob = {
    plans,
    planOfPoint,
    options: inputs.options ?? DEFAULT_SIMULATE_OPTIONS,
    caches: plans.map(() => newCostCache()),
  };
  return {
    model: plans[0]!.graph.model,
    target: base.name,
    space,
    values,
    job,
    targets: { base: baseData, columns: targetColumns },
  };
}

export function scoped(graph: Graph, component: string | undefined): Graph {
  return component === undefined ? graph : scopeGraph(graph, component);
}

/**
 * Each distinct value of a target column, checked once against the target schema over the base data (the
 * schema checks fields one by one, so a point whose values all pass is a valid target).
 */
function checkTargetValues(base: Readonly<Record<string, unknown>>, column: Column, values: readonly Value[]): void {
  for (const value of new Set(values)) {
    const where = `--${column.kind} ${column.text} (value ${value})`;
    parseWithSchema(targetSchema, { fileName: where, data: withField(base, column.path, value), locate: () => where });
  }
}

export interface RunOptions {
  /** Called after each chunk of points with how many are done. */
  readonly onProgress?: (done: number) => void;
}

/** Points evaluated between progress reports: a few milliseconds of work. */
const CHUNK = 1024;

/**
 * Evaluates every point in this thread, in order. Worker threads were measured to gain nothing on a 2-core
 * machine (a 100,000-point sweep: 0.43 s in one thread, 0.41 s with a worker), so there are none.
 */
export async function runSweep(prepared: PreparedSweep, options: RunOptions = {}): Promise<SweepResult> {
  const started = performance.now();
  const total = prepared.space.count;
  const metrics = new Float64Array(total * RECORD);
  // A system point takes milliseconds: report progress every few of them.
  const chunk = prepared.system === undefined ? CHUNK : 8;
  for (let start = 0; start < total; start += chunk) {
    const end = Math.min(total, start + chunk);
    const out = metrics.subarray(start * RECORD, end * RECORD);
    if (prepared.system !== undefined) evaluateSystemPoints(prepared, start, end, out, RECORD);
    else
      evaluatePoints(
        prepared.job,
        start,
        end,
        (i) => targetOfPoint(prepared.targets, i),
        out,
        (i) => pointText(prepared, i),
      );
    options.onProgress?.(end);
  }
  return { ...prepared, metrics, seconds: (performance.now() - started) / 1e3 };
}

/** "point 3 of 12 (mac_array.rows=16, clock_mhz=900)", for messages. */
export function pointText(result: PreparedSweep, index: number): string {
  const values = result.space.columns.map((c, k) => `${c.path}=${String(result.values[k]![index])}`).join(", ");
  return `point ${(index + 1).toLocaleString("en-US")} of ${result.space.count.toLocaleString("en-US")} (${values})`;
}

/** Column values of one point. */
export function pointValues(result: PreparedSweep, index: number): Value[] {
  return result.values.map((column) => column[index]!);
}

/** Every varied and tied path of one point with its value. */
export function designOf(result: PreparedSweep, index: number): Record<string, Value> {
  return Object.fromEntries(result.space.columns.map((c, i) => [c.path, result.values[i]![index]!]));
}

/** The point with the lowest latency (the first of equals). */
export function fastestPoint(result: SweepResult): number {
  let best = 0;
  for (let i = 1; i < result.space.count; i++) {
    if (result.metrics[i * RECORD + FIELD.latencyMs]! < result.metrics[best * RECORD + FIELD.latencyMs]!) best = i;
  }
  return best;
}
