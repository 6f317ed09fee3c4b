import { withContext } from "../common/errors.js";
import type { Op } from "./types.js";

/**
 * Where an op comes from, for messages: the model file's line of its block (or the topology row), then the
 * component, layer and op — "model.yaml:17:11: components[0].layers[0].blocks[1] (lm layer 3, mlp_up)".
 */
export function opPlace(op: Op): string {
  const what = `${op.component} layer ${op.layer}, ${op.name}`;
  return op.where === undefined ? what : `${op.where} (${what})`;
}

/** Runs `run`, prefixing an InputError it throws (an exact-range overflow) with the op's place. */
export function atOp<T>(op: Op, run: () => T): T {
  return withContext(opPlace(op), run, { always: true });
}
