import type { ComponentInfo, Op } from "../graph/types.js";
import { opPrecisions } from "../hardware/precision.js";
import { atPrecision } from "../hardware/target.js";
import type { Target } from "../hardware/types.js";

/** Which target an op runs on: the target, or the target at its component's own precisions. */
export type OpTarget = (op: Op) => Target;

/**
 * The target each op runs on, each pair of precisions' built once per call: a component that states a
 * precision (`precision: bf16`, `--set action_expert.precision=bf16`) runs at that precision's rate, bytes
 * and energies; one that states a weight precision (`weight_precision: int4`) moves its weights in it.
 */
export function opTargets(target: Target, components: readonly ComponentInfo[] = []): OpTarget {
  let byPrecisions: Map<string, Target> | undefined;
  return (op) => {
    if (op.precision === undefined && op.weightPrecision === undefined) return target;
    const at = opPrecisions(op, target);
    if (at.precision === target.precision && at.weightPrecision === target.weightPrecision) return target;
    byPrecisions ??= new Map();
    const key = `${at.precision}/${at.weightPrecision}`;
    let built = byPrecisions.get(key);
    if (built === undefined) {
      // A refusal names where the precisions are given: the model's line, or the --set flag.
      const where = components.find((c) => c.name === op.component)?.precisionWhere;
      built = atPrecision(target, at, `${where === undefined ? "" : `${where}: `}component ${op.component}`);
      byPrecisions.set(key, built);
    }
    return built;
  };
}
