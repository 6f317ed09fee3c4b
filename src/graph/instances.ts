import { InputError } from "../common/errors.js";
import { expectDefined } from "../common/expect.js";
import { SYSTEM_LIMITS } from "../hardware/system-schema.js";
import type { Graph, Op } from "./types.js";

/** Instances one component may run as separate streams: each is a copy of the component's ops. */
const MAX_PLACED_INSTANCES = SYSTEM_LIMITS.instances;

/**
 * A component's instances (a vision encoder's cameras) as separate streams: each instance's ops become ops of
 * their own (`instance` 0, 1, …, each run once), so that a system may place them on different units, where they
 * overlap. An instance reads its own instance's tensors inside the component; a later component reads every
 * instance's (the VLM gathers every camera). The MACs, bytes and executions are the component's, divided among
 * its instances. Weights that stayed in SRAM across the instances (residency) are read once per instance, as
 * instances on different units must; a unit that runs several holds them once (system/memory.ts).
 */
export function splitInstances(graph: Graph, split: (component: string) => boolean): Graph {
  const instancesOf = new Map(graph.components.map((c) => [c.name, c.instances]));
  const splitting = (op: Op) => (instancesOf.get(op.component) ?? 1) > 1 && split(op.component);
  if (!graph.ops.some(splitting)) return graph;
  for (const op of graph.ops) {
    if (!splitting(op)) continue;
    const instances = expectDefined(instancesOf.get(op.component), `component ${op.component}`);
    if (instances > MAX_PLACED_INSTANCES) {
      throw new InputError(
        `component ${op.component} runs ${instances} instances: at most ${MAX_PLACED_INSTANCES} can be placed one by one (map rules with \`instance\`)`,
      );
    }
    if (op.phase === "per_step") {
      throw new InputError(
        `component ${op.component}: its instances run diffusion steps (${op.name} is per_step), and only a static component's instances can be placed one by one`,
      );
    }
  }
  const ops: Op[] = [];
  // Where each original op went: its copies' indices (one for an op not split).
  const copies: number[][] = [];
  let i = 0;
  while (i < graph.ops.length) {
    const first = graph.ops[i]!;
    if (!splitting(first)) {
      copies[i] = [ops.length];
      ops.push({ ...first, producers: first.producers.flatMap((p) => copies[p]!) });
      i++;
      continue;
    }
    // The component's ops are contiguous in graph order: copy the whole run once per instance.
    let end = i;
    while (end < graph.ops.length && graph.ops[end]!.component === first.component) end++;
    const instances = expectDefined(instancesOf.get(first.component), `component ${first.component}`);
    for (let j = i; j < end; j++) copies[j] = [];
    for (let instance = 0; instance < instances; instance++) {
      for (let j = i; j < end; j++) {
        const op = graph.ops[j]!;
        const own = (p: number) => graph.ops[p]!.component === first.component && p >= i;
        copies[j]!.push(ops.length);
        ops.push({
          ...op,
          instance,
          count: op.count / instances,
          producers: op.producers.flatMap((p) => (own(p) ? [copies[p]![instance]!] : copies[p]!)),
        });
      }
    }
    i = end;
  }
  return { ...graph, ops };
}

/** An op as messages, traces and transfer tables name it: `vision_encoder.mlp_up`, or `vision_encoder[1].mlp_up`. */
export function opLabel(op: Op): string {
  return `${op.component}${op.instance === undefined ? "" : `[${op.instance}]`}.${op.name}`;
}
