import { InputError } from "../common/errors.js";
import { atOp } from "./place.js";
import { exactAdd, exactMul } from "../common/exact.js";
import { weightParams } from "./operands.js";
import type { Graph } from "./types.js";

/** MACs per inference of one component, split by phase (exact integers). */
export interface ComponentMacs {
  readonly name: string;
  readonly macs: number;
  readonly staticMacs: number;
  /** MACs of all diffusion steps together (per-step MACs × steps). */
  readonly dynamicMacs: number;
  /** MACs of one diffusion step, all instances included (0 for a static component). */
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

function named<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${what}: ${error.message}`);
    throw error;
  }
}

/** The one place MACs are totalled (per component, per phase, per inference); linear in the number of ops. */
export function summarizeMacs(graph: Graph): MacsSummary {
  const index = new Map(graph.components.map((info, i) => [info.name, i]));
  const sums = graph.components.map((info) => ({ staticMacs: 0, dynamicMacs: 0, params: info.embeddingParams }));
  for (const op of graph.ops) {
    const sum = sums[index.get(op.component) ?? -1];
    if (sum === undefined)
      throw new Error(`op ${op.name} names component ${op.component}, which the graph does not list`);
    // An overflow names the op that crossed the exact range: its line in the model file, its component and layer.
    atOp(op, () => {
      sum.params = exactAdd(sum.params, weightParams(op));
      if (op.kind !== "matmul") return;
      const total = named(`${op.count} runs`, () => exactMul(op.macs, op.count));
      if (op.phase === "static") sum.staticMacs = exactAdd(sum.staticMacs, total);
      else sum.dynamicMacs = exactAdd(sum.dynamicMacs, total);
    });
  }
  const components = graph.components.map((info, i): ComponentMacs => {
    const { staticMacs, dynamicMacs, params } = sums[i]!;
    return {
      name: info.name,
      macs: named(`component ${info.name}: its MACs per inference`, () => exactAdd(staticMacs, dynamicMacs)),
      staticMacs,
      dynamicMacs,
      // Per diffusion step, all instances included: the meaning simulate's perStepCycles has too.
      perStepMacs: dynamicMacs / info.steps,
      steps: info.steps,
      instances: info.instances,
      layers: info.layers,
      params,
    };
  });
  return {
    model: graph.model,
    totalMacs: named("the model's MACs per inference", () => components.reduce((sum, c) => exactAdd(sum, c.macs), 0)),
    totalParams: named("the model's parameters", () => components.reduce((sum, c) => exactAdd(sum, c.params), 0)),
    components,
  };
}
