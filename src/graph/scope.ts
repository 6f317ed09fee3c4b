import { expectDefined } from "../common/expect.js";
import { InputError } from "../common/errors.js";
import { didYouMean } from "../common/suggest.js";
import type { Graph } from "./types.js";

/**
 * The graph of one component alone (`--component NAME`): its ops, with their edges renumbered and edges from
 * other components dropped (their tensors are the component's inputs). Latency, budgets and sweeps then speak
 * of that component only.
 */
export function scopeGraph(graph: Graph, component: string): Graph {
  const names = graph.components.map((c) => c.name);
  if (!names.includes(component))
    throw new InputError(
      `--component ${component}: no component '${component}'${didYouMean(component, names)}; the model's components: ${names.join(", ")}`,
    );
  const index = new Map<number, number>();
  graph.ops.forEach((op, i) => {
    if (op.component === component) index.set(i, index.size);
  });
  const ops = graph.ops.flatMap((op, i) =>
    index.has(i)
      ? [
          {
            ...op,
            producers: op.producers.flatMap((p) => (index.has(p) ? [expectDefined(index.get(p), `op ${p}`)] : [])),
          },
        ]
      : [],
  );
  return { ...graph, components: graph.components.filter((c) => c.name === component), ops };
}
