import { InputError } from "../common/errors.js";
import type { Graph } from "../graph/types.js";
import { linkResource, memoryResource, resourceCount, type ResourceLayout } from "./resources.js";
import { transferSeconds } from "./links.js";
import { executionOrder, producerExecutions, stepOps } from "./executions.js";

/**
 * One inference as items on resources: every op execution on its unit, and every tensor that crosses to
 * another unit as a transfer on the link direction it takes. Resources are the units (0 … units−1) and the
 * link directions, then the shared memories (numbered by resources.ts). Items are numbered
 * in priority order (op executions in execution order, then transfers in the order they are first needed);
 * the scheduler replicates them for every inference it runs.
 */
export interface ScheduleInput {
  readonly graph: Graph;
  /** Unit index of each op. */
  readonly unitOf: Int32Array;
  /** Cycles of all of each op's executions in one inference, on its unit (the unit's cost model). */
  readonly opCycles: readonly number[];
  readonly clockHz: readonly number[];
  /** Bytes of one execution's output of each op, at its unit's precision. */
  readonly outputBytes: readonly number[];
  /** Link index between two units (symmetric), or a thrown InputError naming the missing link. */
  linkBetween(a: number, b: number): number;
  readonly links: readonly { readonly bytesPerSecond: number; readonly latencySeconds: number }[];
  /** Shared memories, and the one each unit draws on (−1: its own DRAM, not scheduled). */
  readonly memories: readonly { readonly bytesPerSecond: number }[];
  readonly memoryOf: readonly number[];
  /** DRAM bytes of all of each op's executions in one inference, on its unit. */
  readonly opDramBytes: readonly number[];
}

/** Item kinds in InferenceItems.transfer: an op execution, a tensor crossing a link, a stream from a shared memory. */
export const OP_ITEM = 0;
export const TRANSFER_ITEM = 1;
export const MEMORY_ITEM = 2;

export interface InferenceItems {
  readonly graph: Graph;
  readonly units: number;
  readonly resources: number;
  /** Items of one inference. */
  readonly size: number;
  readonly resource: Int32Array;
  /** The op, or for a transfer the op whose output crosses (for a memory stream, the op it feeds). */
  readonly op: Int32Array;
  /** OP_ITEM, TRANSFER_ITEM or MEMORY_ITEM. */
  readonly transfer: Uint8Array;
  /** Which execution of the op (0 … count−1); for a transfer, the producer's execution. */
  readonly execution: Int32Array;
  /** Bytes that cross (transfers only). */
  readonly bytes: Float64Array;
  /** Whole cycles of an op execution on its unit; 0 for transfers. */
  readonly cycles: Float64Array;
  /** Seconds a transfer occupies its link direction: latency + bytes / bandwidth; 0 for ops. */
  readonly seconds: Float64Array;
  /** Dependencies and dependants as compressed rows: item i's are list[start[i] … start[i+1]). */
  readonly depStart: Int32Array;
  readonly deps: Int32Array;
  readonly nextStart: Int32Array;
  readonly next: Int32Array;
}

/** Op executions one inference may hold; beyond it the system is refused up front. */
export const MAX_SCHEDULED_EXECUTIONS = 2_000_000;

/** Whole cycles of execution `e` of `count`, so that the executions add up to `total` exactly. */
function share(total: number, count: number, e: number): number {
  return Math.floor(((e + 1) * total) / count) - Math.floor((e * total) / count);
}

export function inferenceItems(input: ScheduleInput, units: number): InferenceItems {
  const { graph, unitOf } = input;
  const executions = graph.ops.reduce((n, op) => n + op.count, 0);
  if (executions > MAX_SCHEDULED_EXECUTIONS) {
    throw new InputError(
      `the system schedule would hold ${executions.toLocaleString("en-US")} op executions per inference, more than the limit of ${MAX_SCHEDULED_EXECUTIONS.toLocaleString("en-US")}`,
    );
  }
  const base = new Int32Array(graph.ops.length);
  graph.ops.reduce((sum, op, i) => ((base[i] = sum), sum + op.count), 0);
  const order = executionOrder(graph);
  const idOf = new Int32Array(executions);
  for (let id = 0; id < executions; id++) idOf[base[order.ops[id]!]! + order.executions[id]!] = id;

  // Op executions are items 0 … executions−1 in priority order; transfers follow, in the order first needed.
  const resource: number[] = Array.from(order.ops, (op) => unitOf[op]!);
  const opOf: number[] = Array.from(order.ops);
  const executionOf: number[] = Array.from(order.executions);
  const bytes: number[] = new Array<number>(executions).fill(0);
  const seconds: number[] = new Array<number>(executions).fill(0);
  // Whole cycles per execution that add up to the op's total exactly.
  const cycles: number[] = Array.from(order.ops, (op, id) =>
    share(input.opCycles[op]!, graph.ops[op]!.count, order.executions[id]!),
  );

  // Dependencies: op items' in item order, then each stream's and transfer's, in the order they were made.
  const depStart: number[] = [0];
  const deps: number[] = [];
  // The dependencies of the items appended after the op executions (memory streams, transfers), in their order.
  const extraDeps: number[][] = [];
  const kind: number[] = new Array<number>(executions).fill(OP_ITEM);
  const layout: ResourceLayout = { units, links: input.links.length, memories: input.memories.length };

  // On a shared memory, each execution's DRAM stream is an item of its own on the memory, ready when the op's
  // inputs are, and running beside the op: the op keeps the unit for all its cycles (it computes while its
  // data streams: max(compute, SRAM, DRAM) in its cost), and what reads its output waits for both. Alone the
  // stream is never the longer of the two; behind another unit's stream it is, and that is the contention.
  const streamOf = new Int32Array(executions).fill(-1);
  for (let item = 0; item < executions; item++) {
    const op = order.ops[item]!;
    const memory = input.memoryOf[unitOf[op]!]!;
    if (memory < 0 || input.opDramBytes[op]! <= 0) continue;
    const streamBytes = input.opDramBytes[op]! / graph.ops[op]!.count;
    streamOf[item] = resource.push(memoryResource(layout, memory)) - 1;
    opOf.push(op);
    executionOf.push(order.executions[item]!);
    bytes.push(streamBytes);
    cycles.push(0);
    seconds.push(streamBytes / input.memories[memory]!.bytesPerSecond);
    kind.push(MEMORY_ITEM);
    extraDeps.push([]);
  }
  /** An execution's output is ready when the op and its stream are both done. */
  const pushMade = (list: number[], made: number) => {
    list.push(made);
    if (streamOf[made]! >= 0) list.push(streamOf[made]!);
  };

  const crossing = new Map<number, number>();
  const steps = stepOps(graph);
  const pairs: number[] = [];
  for (let item = 0; item < executions; item++) {
    const op = order.ops[item]!;
    const unit = unitOf[op]!;
    pairs.length = 0;
    producerExecutions(graph, steps, op, order.executions[item]!, pairs);
    for (let k = 0; k < pairs.length; k += 2) {
      const producer = pairs[k]!;
      const made = idOf[base[producer]! + pairs[k + 1]!]!;
      const from = unitOf[producer]!;
      if (from === unit) {
        pushMade(deps, made);
        continue;
      }
      const key = made * units + unit;
      let moved = crossing.get(key);
      if (moved === undefined) {
        const link = input.linkBetween(from, unit);
        const spec = input.links[link]!;
        const size = input.outputBytes[producer]!;
        moved = resource.push(linkResource(layout, link, from > unit)) - 1;
        opOf.push(producer);
        executionOf.push(pairs[k + 1]!);
        bytes.push(size);
        cycles.push(0);
        seconds.push(transferSeconds(spec, size));
        kind.push(TRANSFER_ITEM);
        const after: number[] = [];
        pushMade(after, made);
        extraDeps.push(after);
        crossing.set(key, moved);
      }
      deps.push(moved);
    }
    if (streamOf[item]! >= 0) extraDeps[streamOf[item]! - executions] = deps.slice(depStart[depStart.length - 1]!);
    depStart.push(deps.length);
  }
  for (const list of extraDeps) {
    deps.push(...list);
    depStart.push(deps.length);
  }

  const size = resource.length;
  const nextStart = new Int32Array(size + 1);
  for (const dep of deps) nextStart[dep + 1] = nextStart[dep + 1]! + 1;
  for (let i = 0; i < size; i++) nextStart[i + 1] = nextStart[i + 1]! + nextStart[i]!;
  const next = new Int32Array(deps.length);
  const fill = nextStart.slice(0, size);
  for (let item = 0; item < size; item++) {
    for (let k = depStart[item]!; k < depStart[item + 1]!; k++) {
      const dep = deps[k]!;
      next[fill[dep]!] = item;
      fill[dep] = fill[dep]! + 1;
    }
  }
  const transfer = Uint8Array.from(kind);
  return {
    graph,
    units,
    resources: resourceCount(layout),
    size,
    resource: Int32Array.from(resource),
    op: Int32Array.from(opOf),
    transfer,
    execution: Int32Array.from(executionOf),
    bytes: Float64Array.from(bytes),
    cycles: Float64Array.from(cycles),
    seconds: Float64Array.from(seconds),
    depStart: Int32Array.from(depStart),
    deps: Int32Array.from(deps),
    nextStart,
    next,
  };
}
