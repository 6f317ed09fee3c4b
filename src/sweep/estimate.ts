/**
 * What a sweep will cost, measured before it starts: one graph built and a few points evaluated on this
 * machine, scaled by the space's graphs (distinct model-parameter combinations) and points. A sweep of
 * 100,000 camera counts builds 100,000 graphs (minutes); one of 100,000 clock rates builds one (a second).
 */
import { InputError } from "../common/errors.js";
import { buildGraph } from "../graph/build.js";
import { resolveTarget } from "../hardware/target.js";
import { resolveModel } from "../model/resolve.js";
import { overridableKeys } from "../model/overrides.js";
import { planGraph } from "../simulate/plan.js";
import { DEFAULT_SIMULATE_OPTIONS } from "../simulate/types.js";
import { evaluatePlan, RECORD } from "./evaluate.js";
import { scoped, type SweepInputs } from "./run.js";
import type { SystemSweepInputs } from "./system-sweep.js";
import { resolveSystem, systemKeys } from "../hardware/system-spec.js";
import { simulateSystem } from "../system/simulate-system.js";
import { listPoints, parseSpace } from "./space.js";

export interface SweepEstimate {
  readonly points: number;
  /** Graphs to build: one per distinct combination of varied model parameters. */
  readonly graphs: number;
  readonly secondsPerGraph: number;
  readonly secondsPerPoint: number;
  readonly seconds: number;
}

/** Writing a point's row (CSV, JSON or the report) costs about this much besides evaluating it. */
const OUTPUT_SECONDS_PER_POINT = 25e-6;

/**
 * Each part is timed several times and the fastest taken: the first runs are slower (not yet compiled), and
 * on a shared machine some runs are interrupted; the fastest is the closest to what a long run averages.
 */
const GRAPH_RUNS = 3;
const SLOW_BUILD_SECONDS = 0.05;
const POINT_BATCHES = 5;
const BATCH_POINTS = 64;

/** Measures the base graph and point on this machine (`now` in milliseconds), then scales by the space. */
export function estimateSweep(inputs: SweepInputs, now: () => number = () => performance.now()): SweepEstimate {
  const space = parseSpace(inputs.vary, inputs.tie, { model: overridableKeys(inputs.modelSpec) }, inputs.maxPoints);
  // The first point's model: the file's own values may be ones only the varied values make valid.
  const first = space.axes.filter((a) => a.domain === "model").map((a) => ({ key: a.path, value: a.values[0]! }));
  const build = () =>
    planGraph(scoped(buildGraph(resolveModel(inputs.modelSpec, [...inputs.sets.model, ...first])), inputs.component));
  let plan: ReturnType<typeof build>;
  const started = now();
  try {
    plan = build();
  } catch (error) {
    // Not measurable: preparing the sweep reports the problem, naming the point.
    if (error instanceof InputError) return costOf(space.count, graphsOf(space), 0, 0);
    throw error;
  }
  // A build slow enough to measure once (a model of 50,000 layers) is not built again to be timed.
  const firstSeconds = (now() - started) / 1e3;
  const secondsPerGraph = firstSeconds > SLOW_BUILD_SECONDS ? firstSeconds : fastest(now, GRAPH_RUNS, build);
  const target = resolveTarget(inputs.targetSpec, inputs.sets.target);
  const out = new Float64Array(RECORD);
  const options = inputs.options ?? DEFAULT_SIMULATE_OPTIONS;
  const batch = () => {
    for (let i = 0; i < BATCH_POINTS; i++) evaluatePlan(plan, target, options, out, 0);
  };
  const secondsPerPoint = fastest(now, POINT_BATCHES, batch) / BATCH_POINTS;
  return costOf(space.count, graphsOf(space), secondsPerGraph, secondsPerPoint);
}

/** Seconds of the fastest of `runs` runs. */
function fastest(now: () => number, runs: number, run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = now();
    run();
    best = Math.min(best, (now() - start) / 1e3);
  }
  return best;
}

/** The estimate from its measured parts: pure, so tests give it times instead of reading a clock. */
export function costOf(
  points: number,
  graphs: number,
  secondsPerGraph: number,
  secondsPerPoint: number,
): SweepEstimate {
  const seconds = graphs * secondsPerGraph + points * (secondsPerPoint + OUTPUT_SECONDS_PER_POINT);
  return { points, graphs, secondsPerGraph, secondsPerPoint, seconds };
}

/** Distinct model-parameter combinations: the product of the varied model axes (all points when a tie sets one). */
function graphsOf(space: ReturnType<typeof parseSpace>): number {
  if (space.ties.some((t) => t.domain === "model")) return space.count;
  return space.axes.filter((a) => a.domain === "model").reduce((product, axis) => product * axis.values.length, 1);
}

/** A sweep estimated to run longer than this is refused unless the user says so (--yes). */
export const MAX_ESTIMATED_SECONDS = 180;

/** Refuses a sweep estimated to run for more than MAX_ESTIMATED_SECONDS, unless the user consented. */
export function checkEstimate(estimate: SweepEstimate, consented: boolean): void {
  if (estimate.seconds <= MAX_ESTIMATED_SECONDS || consented) return;
  throw new InputError(
    `the sweep would take ${describeEstimate(estimate)} on this machine; give --yes to run it anyway, or narrow the --vary values`,
  );
}

/** "about 7 minutes (100,000 graphs × 4.1 ms + 100,000 points × 0.08 ms)". */
export function describeEstimate(e: SweepEstimate): string {
  const ms = (s: number) => `${Number((s * 1e3).toPrecision(2))} ms`;
  const duration =
    e.seconds < 90
      ? `${Math.ceil(e.seconds)} s`
      : e.seconds < 5400
        ? `${Math.round(e.seconds / 60)} minutes`
        : `${Math.round(e.seconds / 3600)} hours`;
  const count = (n: number) => n.toLocaleString("en-US");
  return `about ${duration} (${count(e.graphs)} graph${e.graphs === 1 ? "" : "s"} × ${ms(e.secondsPerGraph)} + ${count(e.points)} points × ${ms(e.secondsPerPoint + OUTPUT_SECONDS_PER_POINT)})`;
}

/** A system sweep's estimate: a system point (every unit, transfers, the schedule) timed the same way. */
export function estimateSystemSweep(
  inputs: SystemSweepInputs,
  now: () => number = () => performance.now(),
): SweepEstimate {
  const space = parseSpace(
    inputs.vary,
    inputs.tie,
    { model: overridableKeys(inputs.modelSpec), units: systemKeys(inputs.systemSpec) },
    inputs.maxPoints,
  );
  const build = () => buildGraph(resolveModel(inputs.modelSpec, inputs.sets.model));
  const graph = build();
  const secondsPerGraph = fastest(now, GRAPH_RUNS, build);
  // A point resolves its system and schedules it until the period settles, which takes more inferences on some
  // designs than on others: the first, middle and last points, each resolved as the sweep resolves it, after
  // two unmeasured runs (the first runs compile the scheduler), stand for the space.
  const values = listPoints(space, inputs.sets);
  const unitColumns = space.columns.flatMap((c, k) => (c.domain === "target" ? [k] : []));
  const samples = [...new Set([0, Math.floor(space.count / 2), space.count - 1])];
  const evaluate = (p: number) => {
    const overrides = unitColumns.map((c) => ({ key: space.columns[c]!.path, value: values[c]![p]! }));
    simulateSystem(
      graph,
      resolveSystem(inputs.systemSpec, [...inputs.sets.target, ...overrides]),
      inputs.options ?? DEFAULT_SIMULATE_OPTIONS,
      inputs.control,
    );
  };
  let secondsPerPoint: number;
  try {
    for (const p of samples.slice(0, 2)) evaluate(p);
    secondsPerPoint = samples.reduce((sum, p) => sum + fastest(now, 2, () => evaluate(p)), 0) / samples.length;
  } catch (error) {
    // Not measurable: preparing the sweep reports the problem, naming the point.
    if (error instanceof InputError) return costOf(space.count, graphsOf(space), secondsPerGraph, 0);
    throw error;
  }
  return costOf(space.count, graphsOf(space), secondsPerGraph, secondsPerPoint);
}
