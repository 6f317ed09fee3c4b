import type { Op } from "../graph/types.js";
import type { Precision } from "../hardware/precision.js";
import { atPrecision } from "../hardware/target.js";
import type { Target } from "../hardware/types.js";

/** Which target an op runs on: the target, or the target at its component's own precision. */
export type OpTarget = (op: Op) => Target;

/**
 * The target each op runs on, each precision's built once per call: a component that states a precision
 * (`precision: bf16`, `--set action_expert.precision=bf16`) runs at that precision's rate, bytes and energies.
 */
export function opTargets(target: Target): OpTarget {
  let byPrecision: Map<Precision, Target> | undefined;
  return (op) => {
    const precision = op.precision;
    if (precision === undefined || precision === target.precision) return target;
    byPrecision ??= new Map();
    let at = byPrecision.get(precision);
    if (at === undefined) {
      at = atPrecision(target, precision, `component ${op.component}`);
      byPrecision.set(precision, at);
    }
    return at;
  };
}
