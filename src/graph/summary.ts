import { InputError } from "../common/errors.js";
import { exactAdd, exactMul } from "../common/exact.js";
import { weightParams } from "./operands.js";
import type { Graph } from "./types.js";

/** MACs per inference of one component, split by phase (exact integers). */
export interface ComponentMacs {
  readonly name: string;
  readonly macs: number;
  readonly staticMacs: number;
  /** MACs of all diffusion steps together (per-step MACs × steps × instances). */
  readonly dynamicMacs: number;
  /** MACs of one diffusion step (0 for a static component). */
  readonly perStepMacs: number;
  readonly steps: number;
  readonly instances: number;
  readonly layers: number;
  /** Learned parameters: every weight matrix once, plus declared embedding tables. */
  readonly params: number;
}

export interface MacsSummary {
  readonly model: string;
  readonly totalMacs: number;
  readonly totalParams: number;
  readonly components: readonly ComponentMacs[];
}

function exactTotal(macs: number, count: number, where: string): number {
  try {
    return exactMul(macs, count);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${where}: ${error.message}`);
    throw error;
  }
}

export function summarizeMacs(graph: Graph): MacsSummary {
  const components = graph.components.map((info): ComponentMacs => {
    let staticMacs = 0;
    let dynamicMacs = 0;
    let params = info.embeddingParams;
    for (const op of graph.ops) {
      if (op.component !== info.name) continue;
      params = exactAdd(params, weightParams(op));
      if (op.kind !== "matmul") continue;
      const total = exactTotal(op.macs, op.count, `${info.name} layer ${op.layer}, ${op.name} (${op.count} runs)`);
      if (op.phase === "static") staticMacs = exactAdd(staticMacs, total);
      else dynamicMacs = exactAdd(dynamicMacs, total);
    }
    return {
      name: info.name,
      macs: exactAdd(staticMacs, dynamicMacs),
      staticMacs,
      dynamicMacs,
      perStepMacs: info.phase === "per_step" || dynamicMacs > 0 ? dynamicMacs / (info.steps * info.instances) : 0,
      steps: info.steps,
      instances: info.instances,
      layers: info.layers,
      params,
    };
  });
  return {
    model: graph.model,
    totalMacs: components.reduce((sum, c) => exactAdd(sum, c.macs), 0),
    totalParams: components.reduce((sum, c) => exactAdd(sum, c.params), 0),
    components,
  };
}
