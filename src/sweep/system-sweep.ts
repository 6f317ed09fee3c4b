import { InputError, withContext } from "../common/errors.js";
import { didYouMean } from "../common/suggest.js";
import { buildGraph } from "../graph/build.js";
import type { Graph } from "../graph/types.js";
import type { TargetOverride } from "../hardware/target.js";
import { resolveSystem, systemKeys, type SystemSpec } from "../hardware/system-spec.js";
import { resolveModel } from "../model/resolve.js";
import { overridableKeys } from "../model/overrides.js";
import { BOUNDS } from "../simulate/engine.js";
import { DEFAULT_SIMULATE_OPTIONS } from "../simulate/types.js";
import type { ControlOptions } from "../system/control.js";
import { simulateSystem, type SystemResult } from "../system/simulate-system.js";
import { writeMetrics } from "./evaluate.js";
import type { Bound } from "../cost/types.js";
import { describePoint, listPoints, parseSpace } from "./space.js";
import { modelVariants } from "./variants.js";
import type { SpaceInputs, SystemPreparedSweep } from "./prepared.js";

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
  /** Index of the sized unit, recorded as unitBusyMs and in the unit columns: --unit, else the first varied (−1: none). */
  readonly unit: number;
}

export function prepareSystemSweep(inputs: SystemSweepInputs): SystemPreparedSweep {
  const space = parseSpace(
    inputs.vary,
    inputs.tie,
    { model: overridableKeys(inputs.modelSpec), units: systemKeys(inputs.systemSpec) },
    inputs.maxPoints,
  );
  const values = listPoints(space, inputs.sets);
  const unitColumns = space.columns.flatMap((c, k) => (c.domain === "target" ? [k] : []));
  const { variants: graphs, variantOfPoint: planOfPoint } = modelVariants(space, values, (overrides) =>
    buildGraph(resolveModel(inputs.modelSpec, [...inputs.sets.model, ...overrides])),
  );
  // Each point's system is resolved once here too, so a bad value fails before any evaluation, with its point.
  const system = resolveSystem(inputs.systemSpec, inputs.sets.target);
  const unitNames = system.units.map((u) => u.name);
  // The sized unit is the one whose fields are varied (units.<unit>.<field>); a varied link sizes no unit.
  const varied = space.columns.find((c) => c.domain === "target" && c.path.startsWith("units."))?.path.split(".")[1];
  const unit =
    inputs.unit === undefined
      ? varied === undefined
        ? -1
        : unitNames.indexOf(varied)
      : unitNames.indexOf(inputs.unit);
  if (inputs.unit !== undefined && unit < 0)
    throw new InputError(
      `--unit ${inputs.unit}: no unit '${inputs.unit}'${didYouMean(inputs.unit, unitNames)}; the units are ${unitNames.join(", ")}`,
    );
  const job: SystemSweepJob = {
    spec: inputs.systemSpec,
    sets: inputs.sets.target,
    unitColumns,
    graphs,
    unit,
    ...(inputs.control === undefined ? {} : { control: inputs.control }),
  };
  const prepared: SystemPreparedSweep = {
    kind: "system",
    model: graphs[0]!.model,
    target: system.name,
    space,
    values,
    job: { plans: [], planOfPoint, options: inputs.options ?? DEFAULT_SIMULATE_OPTIONS, caches: [] },
    targets: { base: {}, columns: [] },
    system: job,
  };
  for (const p of distinctUnitPoints(prepared)) systemAt(prepared, p);
  return prepared;
}

/** One point per distinct combination of unit values (the first that has it). */
function distinctUnitPoints(prepared: SystemPreparedSweep): number[] {
  const seen = new Set<string>();
  const result: number[] = [];
  for (let p = 0; p < prepared.space.count; p++) {
    const key = prepared.system.unitColumns.map((c) => String(prepared.values[c]![p])).join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(p);
  }
  return result;
}

function systemAt(prepared: SystemPreparedSweep, p: number) {
  const job = prepared.system;
  const overrides = job.unitColumns.map((c) => ({
    key: prepared.space.columns[c]!.path,
    value: prepared.values[c]![p]!,
  }));
  // A problem names its point: evaluateSystemPoints runs this in the point's context.
  return resolveSystem(job.spec, [...job.sets, ...overrides]);
}

/** Evaluates points [start, end) of a system sweep into `out` from offset 0. */
export function evaluateSystemPoints(
  prepared: SystemPreparedSweep,
  start: number,
  end: number,
  out: Float64Array,
  record: number,
): void {
  const job = prepared.system;
  for (let p = start; p < end; p++) {
    // A problem of one point's model on the system (a rule that places what this point's model lacks) names it.
    const values = prepared.space.columns.map((_, c) => prepared.values[c]![p]!);
    const result = withContext(
      `at ${describePoint(prepared.space.columns, values)}`,
      () =>
        simulateSystem(
          job.graphs[prepared.job.planOfPoint[p]!]!,
          systemAt(prepared, p),
          prepared.job.options,
          job.control,
        ),
      { always: true },
    );
    writeSystemRecord(result, out, (p - start) * record, job.unit);
  }
}

/**
 * A system's point record, every figure the SystemResult's own (the one summary simulate -S prints): latency,
 * period, MAC utilisation, energy, area and power of the system; MACs summed over units; the bound mix
 * weighted by each unit's busy time. The clock, MACs per cycle, SRAM, area and MAC utilisation columns are the
 * sized unit's own (the --unit, else the unit whose fields are varied); cycles only when every unit shares one
 * clock (cycles of different clocks do not add up), else NaN (empty in CSV, null in JSON).
 */
function writeSystemRecord(result: SystemResult, out: Float64Array, at: number, unit: number): void {
  const units = result.units.map((u) => u.result);
  const busyMs = result.units.reduce((s, u) => s + u.busyMs, 0);
  const oneClock = units.every((r) => r.target.clockMhz === units[0]!.target.clockMhz);
  const sized = unit < 0 ? undefined : result.units[unit]!;
  const weighted = (bound: Bound) =>
    busyMs > 0 ? result.units.reduce((s, u) => s + u.result.boundMix[bound] * u.busyMs, 0) / busyMs : 0;
  writeMetrics(out, at, {
    latencyMs: result.latencyMs,
    periodMs: result.periodMs,
    unitBusyMs: sized === undefined ? result.latencyMs : sized.busyMs,
    cycles: oneClock ? units.reduce((s, r) => s + r.cycles, 0) : Number.NaN,
    macs: result.macs,
    macUtilization: result.macUtilization,
    inferencesPerSecond: result.inferencesPerSecond,
    peakMacsPerCycle: sized === undefined ? Number.NaN : sized.result.peakMacsPerCycle,
    clockMhz: sized === undefined ? Number.NaN : sized.result.target.clockMhz,
    sramKiB: sized === undefined ? Number.NaN : sized.result.target.sramKiB,
    boundMix: Object.fromEntries(BOUNDS.map((b) => [b, weighted(b)])) as Record<Bound, number>,
    energyMj: result.energyMj,
    areaMm2: result.areaMm2,
    averagePowerW: result.averagePowerW,
    peakPowerW: units.reduce((s, r) => s + r.peakPowerW, 0),
    staticPowerW: result.staticPowerW,
    unitAreaMm2: sized === undefined ? Number.NaN : sized.result.areaMm2,
    unitMacUtilization: sized === undefined ? Number.NaN : sized.macUtilization,
    fitsMemory: result.units.every((u) => u.memory.fits !== false),
  });
}
