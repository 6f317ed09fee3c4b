import { expectDefined } from "../common/expect.js";
import type { Graph } from "../graph/types.js";

/**
 * The executions of one inference in priority order: component by component; in each, every instance's
 * static ops (a camera's whole vision pass), then every diffusion step's per-step ops in turn. The order only
 * ranks ready work: the scheduler starts nothing before its inputs, whatever its rank.
 */
export function executionOrder(graph: Graph): { readonly ops: Int32Array; readonly executions: Int32Array } {
  const total = graph.ops.reduce((n, op) => n + op.count, 0);
  const ops = new Int32Array(total);
  const executions = new Int32Array(total);
  let at = 0;
  for (const group of opsByComponent(graph)) {
    for (const phase of ["static", "per_step"] as const) {
      const phaseOps = group.filter((i) => graph.ops[i]!.phase === phase);
      const runs = phaseOps.length === 0 ? 0 : graph.ops[phaseOps[0]!]!.count;
      for (let execution = 0; execution < runs; execution++) {
        for (const op of phaseOps) {
          ops[at] = op;
          executions[at++] = execution;
        }
      }
    }
  }
  return { ops, executions };
}

function opsByComponent(graph: Graph): number[][] {
  const index = new Map(graph.components.map((c, i) => [c.name, i]));
  const groups: number[][] = graph.components.map(() => []);
  graph.ops.forEach((op, i) =>
    expectDefined(
      groups[expectDefined(index.get(op.component), `component ${op.component}`)],
      `component ${op.component}`,
    ).push(i),
  );
  return groups;
}

/**
 * The producer executions an op's execution reads, appended to `out` as op, execution pairs. Equal counts pair
 * up one to one; an op run more often than its producer reads the producer's run it falls in (every diffusion
 * step reads the K/V projected once); an op run less often gathers all the producer's runs it covers (the VLM
 * reads every camera's vision pass). A diffusion step's first op also waits for the previous step's last op:
 * the next step denoises what the previous one produced.
 */
export function producerExecutions(graph: Graph, steps: StepOps, op: number, execution: number, out: number[]): void {
  const consumer = graph.ops[op]!;
  for (const producer of consumer.producers) {
    const runs = graph.ops[producer]!.count;
    if (runs === consumer.count) out.push(producer, execution);
    else if (runs < consumer.count) out.push(producer, Math.floor((execution * runs) / consumer.count));
    else {
      const per = runs % consumer.count === 0 ? runs / consumer.count : runs;
      const first = per === runs ? 0 : execution * per;
      for (let e = first; e < first + per; e++) out.push(producer, e);
    }
  }
  if (consumer.phase === "per_step" && execution > 0) {
    const chain = steps.get(consumer.component);
    if (chain !== undefined && chain.first === op) out.push(chain.last, execution - 1);
  }
}

/** The first and last per-step op of each component (graph order). */
export type StepOps = ReadonlyMap<string, { readonly first: number; readonly last: number }>;

export function stepOps(graph: Graph): StepOps {
  const byComponent = new Map<string, { first: number; last: number }>();
  graph.ops.forEach((o, i) => {
    if (o.phase !== "per_step") return;
    const known = byComponent.get(o.component);
    if (known === undefined) byComponent.set(o.component, { first: i, last: i });
    else known.last = i;
  });
  return byComponent;
}
