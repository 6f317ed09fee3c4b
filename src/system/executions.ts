import type { Graph } from "../graph/types.js";

/**
 * The executions of one inference in the order a unit runs them: component by component; in each, every
 * instance's static ops (a camera's whole vision pass), then every diffusion step's per-step ops in turn.
 */
export function* executionOrder(graph: Graph): Generator<{ op: number; execution: number }> {
  for (const ops of opsByComponent(graph)) {
    const staticOps = ops.filter((i) => graph.ops[i]!.phase === "static");
    const stepOps = ops.filter((i) => graph.ops[i]!.phase === "per_step");
    for (const phaseOps of [staticOps, stepOps]) {
      const runs = phaseOps.length === 0 ? 0 : graph.ops[phaseOps[0]!]!.count;
      for (let execution = 0; execution < runs; execution++) for (const op of phaseOps) yield { op, execution };
    }
  }
}

function opsByComponent(graph: Graph): number[][] {
  const index = new Map(graph.components.map((c, i) => [c.name, i]));
  const groups: number[][] = graph.components.map(() => []);
  graph.ops.forEach((op, i) => groups[index.get(op.component)!]!.push(i));
  return groups;
}

/**
 * The producer executions an op's execution reads, as [op, execution] pairs. Equal counts pair up one to one;
 * an op run more often than its producer reads the producer's run it falls in (every diffusion step reads the
 * K/V projected once); an op run less often gathers all the producer's runs it covers (the VLM reads every
 * camera's vision pass). A diffusion step's first op also waits for the previous step's last op: the next
 * step denoises what the previous one produced.
 */
export function* producerExecutions(graph: Graph, op: number, execution: number): Generator<[number, number]> {
  const consumer = graph.ops[op]!;
  for (const producer of consumer.producers) {
    const runs = graph.ops[producer]!.count;
    if (runs === consumer.count) yield [producer, execution];
    else if (runs < consumer.count) yield [producer, Math.floor((execution * runs) / consumer.count)];
    else {
      const per = runs % consumer.count === 0 ? runs / consumer.count : runs;
      const first = per === runs ? 0 : execution * per;
      for (let e = first; e < first + per; e++) yield [producer, e];
    }
  }
  if (consumer.phase === "per_step" && execution > 0) {
    const steps = stepOpsOf(graph, consumer.component);
    if (steps.first === op) yield [steps.last, execution - 1];
  }
}

const stepCache = new WeakMap<Graph, Map<string, { first: number; last: number }>>();

/** The first and last per-step op of a component (graph order), cached per graph. */
function stepOpsOf(graph: Graph, component: string): { first: number; last: number } {
  let byComponent = stepCache.get(graph);
  if (byComponent === undefined) {
    byComponent = new Map();
    graph.ops.forEach((o, i) => {
      if (o.phase !== "per_step") return;
      const known = byComponent!.get(o.component);
      if (known === undefined) byComponent!.set(o.component, { first: i, last: i });
      else known.last = i;
    });
    stepCache.set(graph, byComponent);
  }
  return byComponent.get(component)!;
}
