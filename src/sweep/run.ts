import { parseWithSchema } from "../common/schema-errors.js";
import { buildGraph } from "../graph/build.js";
import { scopeGraph } from "../graph/scope.js";
import type { Graph } from "../graph/types.js";
import { targetSchema } from "../hardware/schema.js";
import { resolveTarget, targetFieldValue } from "../hardware/target.js";
import { resolveModel } from "../model/resolve.js";
import { overridableKeys } from "../model/overrides.js";
import { DEFAULT_SIMULATE_OPTIONS } from "../simulate/types.js";
import { planGraph } from "../simulate/plan.js";
import { newCostCache } from "../simulate/plan-costs.js";
import { evaluatePoints, FIELD, RECORD, type EvaluationJob } from "./evaluate.js";
import { listPoints, parseSpace, type Column, type Value } from "./space.js";
import { evaluateSystemPoints } from "./system-sweep.js";
import type { PreparedSweep, SweepInputs, SweepResult } from "./prepared.js";
import { modelVariants } from "./variants.js";
import { targetColumn, targetOfPoint, withField } from "./targets.js";

export type { PreparedSweep, SpaceInputs, SweepInputs, SweepResult, SystemPreparedSweep } from "./prepared.js";

/**
 * Parses the space, lists its points, checks every value once (each distinct target value against the
 * target schema; each distinct model-parameter combination by building its graph, once) and packs the job.
 */
export function prepareSweep(inputs: SweepInputs): PreparedSweep {
  const space = parseSpace(inputs.vary, inputs.tie, { model: overridableKeys(inputs.modelSpec) }, inputs.maxPoints);
  const values = listPoints(space, inputs.sets);

  const base = resolveTarget(inputs.targetSpec, inputs.sets.target);
  let baseData = structuredClone(inputs.targetSpec.source.data) as Record<string, unknown>;
  for (const o of inputs.sets.target) baseData = withField(baseData, o.key, targetFieldValue(o.key, o.value));
  const targetColumns = space.columns.flatMap((column, c) => {
    if (column.domain !== "target") return [];
    const asFile = values[c]!.map((value) => targetFieldValue(column.path, value));
    checkTargetValues(baseData, column, asFile);
    return [targetColumn(column.path, asFile)];
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
    kind: "target",
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
function checkTargetValues(base: Readonly<Record<string, unknown>>, column: Column, values: readonly unknown[]): void {
  for (const value of new Set(values)) {
    const where = `--${column.kind} ${column.text} (value ${String(value)})`;
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
  const chunk = prepared.kind === "target" ? CHUNK : 8;
  for (let start = 0; start < total; start += chunk) {
    const end = Math.min(total, start + chunk);
    const out = metrics.subarray(start * RECORD, end * RECORD);
    if (prepared.kind === "system") evaluateSystemPoints(prepared, start, end, out, RECORD);
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

/**
 * The point with the lowest latency; of equal latencies the one of least energy, then least area, then the first:
 * a design that ties on time but costs less is the one to name.
 */
export function fastestPoint(result: SweepResult): number {
  const m = result.metrics;
  const key = (i: number) => [
    m[i * RECORD + FIELD.latencyMs]!,
    m[i * RECORD + FIELD.energyMj]!,
    m[i * RECORD + FIELD.areaMm2]!,
  ];
  let best = 0;
  for (let i = 1; i < result.space.count; i++) {
    const [a, b] = [key(i), key(best)];
    for (let k = 0; k < a.length; k++) {
      if (a[k]! < b[k]!) best = i;
      if (a[k] !== b[k]) break;
    }
  }
  return best;
}
