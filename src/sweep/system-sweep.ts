import { InputError } from "../common/errors.js";
import { didYouMean } from "../common/suggest.js";
import { buildGraph } from "../graph/build.js";
import type { Graph } from "../graph/types.js";
import type { TargetOverride } from "../hardware/target.js";
import { resolveSystem, systemKeys, type SystemSpec } from "../hardware/system-spec.js";
import { overridableKeys, resolveModel } from "../model/resolve.js";
import { BOUNDS } from "../simulate/engine.js";
import { DEFAULT_SIMULATE_OPTIONS } from "../simulate/types.js";
import type { ControlOptions } from "../system/control.js";
import { simulateSystem, type SystemResult } from "../system/simulate-system.js";
import { FIELD } from "./evaluate.js";
import { describePoint, listPoints, parseSpace } from "./space.js";
import { modelVariants } from "./variants.js";
import type { PreparedSweep, SpaceInputs } from "./run.js";

/**
 * A sweep over a system: `--vary units.<unit>.<field>` (and model parameters). Each point resolves the system
 * with its values and runs simulateSystem — the same engine per unit, plus transfers and the schedule — so a
 * point costs milliseconds, not microseconds; the point limit and the run estimate apply as for targets.
 */
export interface SystemSweepInputs extends SpaceInputs {
  readonly systemSpec: SystemSpec;
  readonly control?: ControlOptions;
  /** The unit whose busy time the sweep records as unitBusyMs (size --unit). */
  readonly unit?: string;
}

/** What a system sweep evaluates per point, carried by its PreparedSweep. */
export interface SystemSweepJob {
  readonly spec: SystemSpec;
  readonly sets: readonly TargetOverride[];
  readonly unitColumns: readonly number[];
  readonly graphs: readonly Graph[];
  readonly control?: ControlOptions;
  /** Index of the unit recorded as unitBusyMs (−1: none). */
  readonly unit: number;
}

export function prepareSystemSweep(inputs: SystemSweepInputs): PreparedSweep {
  const space = parseSpace(inputs.vary, inputs.tie, { model: overridableKeys(inputs.modelSpec), units: systemKeys(inputs.systemSpec) }, inputs.maxPoints);
  const values = listPoints(space, inputs.sets);
  const unitColumns = space.columns.flatMap((c, k) => (c.domain === "target" ? [k] : []));
  const { variants: graphs, variantOfPoint: planOfPoint } = modelVariants(space, values, (overrides) =>
    buildGraph(resolveModel(inputs.modelSpec, [...inputs.sets.model, ...overrides])),
  );
  // Each point's system is resolved once here too, so a bad value fails before any evaluation, with its point.
  const system = resolveSystem(inputs.systemSpec, inputs.sets.target);
  const unitNames = system.units.map((u) => u.name);
  const unit = inputs.unit === undefined ? -1 : unitNames.indexOf(inputs.unit);
  if (inputs.unit !== undefined && unit < 0) throw new InputError(`--unit ${inputs.unit}: no unit '${inputs.unit}'${didYouMean(inputs.unit, unitNames)}; the units are ${unitNames.join(", ")}`);
  const job: SystemSweepJob = { spec: inputs.systemSpec, sets: inputs.sets.target, unitColumns, graphs, unit, ...(inputs.control === undefined ? {} : { control: inputs.control }) };
  const prepared: PreparedSweep = {
    model: graphs[0]!.model,
    target: system.name,
    space,
    values,
    job: { plans: [], planOfPoint, options: inputs.options ?? DEFAULT_SIMULATE_OPTIONS },
    targets: { base: {}, columns: [] },
    system: job,
  };
  for (const p of distinctUnitPoints(prepared)) systemAt(prepared, p);
  return prepared;
}

/** One point per distinct combination of unit values (the first that has it). */
function distinctUnitPoints(prepared: PreparedSweep): number[] {
  const seen = new Set<string>();
  const result: number[] = [];
  for (let p = 0; p < prepared.space.count; p++) {
    const key = prepared.system!.unitColumns.map((c) => String(prepared.values[c]![p])).join("\u0000");
    if (!seen.has(key)) (seen.add(key), result.push(p));
  }
  return result;
}

function systemAt(prepared: PreparedSweep, p: number) {
  const job = prepared.system!;
  const overrides = job.unitColumns.map((c) => ({ key: prepared.space.columns[c]!.path, value: prepared.values[c]![p]! }));
  try {
    return resolveSystem(job.spec, [...job.sets, ...overrides]);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const where = describePoint(overrides.map((o) => ({ path: o.key })), overrides.map((o) => o.value));
    throw new InputError(error.problems.map((problem) => `at ${where}: ${problem}`));
  }
}

/** Evaluates points [start, end) of a system sweep into `out` from offset 0. */
export function evaluateSystemPoints(prepared: PreparedSweep, start: number, end: number, out: Float64Array, record: number): void {
  const job = prepared.system!;
  for (let p = start; p < end; p++) {
    const result = simulateSystem(job.graphs[prepared.job.planOfPoint[p]!]!, systemAt(prepared, p), prepared.job.options, job.control);
    writeSystemRecord(result, out, (p - start) * record, job.unit);
  }
}

/**
 * A system's point record: latency and period of the schedule; cycles, MACs, energy, area and power summed over
 * units; MAC utilisation over the units' busy cycles; the bound mix weighted by each unit's busy time.
 */
function writeSystemRecord(result: SystemResult, out: Float64Array, at: number, unit: number): void {
  const units = result.units.map((u) => u.result);
  const sum = (f: (r: (typeof units)[number]) => number) => units.reduce((s, r) => s + f(r), 0);
  const busyMs = sum((r) => r.latencyMs);
  out[at + FIELD.latencyMs] = result.latencyMs;
  out[at + FIELD.periodMs] = result.periodMs;
  out[at + FIELD.unitBusyMs] = unit < 0 ? result.latencyMs : result.units[unit]!.busyMs;
  out[at + FIELD.cycles] = sum((r) => r.cycles);
  out[at + FIELD.macs] = sum((r) => r.macs);
  out[at + FIELD.utilization] = sum((r) => r.macs) / Math.max(1, sum((r) => r.cycles * r.peakMacsPerCycle));
  out[at + FIELD.inferencesPerSecond] = result.periodMs > 0 ? 1e3 / result.periodMs : 0;
  out[at + FIELD.peakMacsPerCycle] = sum((r) => r.peakMacsPerCycle);
  out[at + FIELD.clockMhz] = Math.max(...units.map((r) => r.target.clockMhz));
  out[at + FIELD.sramKiB] = sum((r) => r.target.sramKiB);
  for (const bound of BOUNDS) out[at + FIELD[bound]] = busyMs > 0 ? sum((r) => r.boundMix[bound] * r.latencyMs) / busyMs : 0;
  out[at + FIELD.energyMj] = result.energyMj;
  out[at + FIELD.areaMm2] = sum((r) => r.areaMm2);
  out[at + FIELD.averagePowerW] = result.periodMs > 0 ? result.energyMj / result.periodMs : 0;
  out[at + FIELD.peakPowerW] = sum((r) => r.peakPowerW);
  out[at + FIELD.staticPowerW] = sum((r) => r.staticPowerW);
}
