import type { Override } from "../common/override.js";
import type { TargetOverride, TargetSpec } from "../hardware/target.js";
import type { ModelSpec } from "../model/resolve.js";
import type { SimulateOptions } from "../simulate/types.js";
import type { EvaluationJob } from "./evaluate.js";
import type { Space, Value } from "./space.js";
import type { SystemSweepJob } from "./system-sweep.js";
import type { PointTargets } from "./targets.js";

/** The shapes every sweep shares: its inputs, its prepared job and its result (types only, imported by both kinds). */

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

interface PreparedCommon {
  readonly model: string;
  readonly target: string;
  readonly space: Space;
  /** Column-major: values[c][i] is column c of point i. */
  readonly values: readonly (readonly Value[])[];
  /** The model variants each point uses, and the options (a system sweep builds no plans: its units do). */
  readonly job: EvaluationJob;
  /** Each point's target (a system sweep's units are resolved per point from `system` instead: none here). */
  readonly targets: PointTargets;
}

/** A sweep over one target's fields, or over a system's units: each kind says how its points are evaluated. */
export type PreparedSweep = (PreparedCommon & { readonly kind: "target" }) | SystemPreparedSweep;

/** A sweep over a system's units (system-sweep.ts). */
export type SystemPreparedSweep = PreparedCommon & { readonly kind: "system"; readonly system: SystemSweepJob };

export type SweepResult = PreparedSweep & {
  /** RECORD numbers per point, fields as in evaluate.ts's FIELD. */
  readonly metrics: Float64Array;
  readonly seconds: number;
};
