import { InputError } from "../common/errors.js";
import type { Graph } from "../graph/types.js";
import { executionOrder, producerExecutions } from "./executions.js";

/**
 * One inference as items on resources: every op execution on its unit, and every tensor that crosses to
 * another unit as a transfer on the link direction it takes. Resources are the units (0 … units−1) and the
 * link directions (units + 2·link + 0 for the lower-numbered unit to the higher, + 1 back). Items are numbered
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
}

export interface InferenceItems {
  readonly graph: Graph;
  readonly units: number;
  readonly resources: number;
  /** Items of one inference. */
  readonly size: number;
  readonly resource: Int32Array;
  /** The op, or for a transfer the op whose output crosses. */
  readonly op: Int32Array;
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

export function inferenceItems(input: ScheduleInput, units: number): InferenceItems {
  const { graph, unitOf } = input;
  const executions = graph.ops.reduce((n, op) => n + op.count, 0);
  if (executions > MAX_SCHEDULED_EXECUTIONS) {
    throw new InputError(`the system schedule would hold ${executions.toLocaleString("en-US")} op executions per inference, more than the limit of ${MAX_SCHEDULED_EXECUTIONS.toLocaleString("en-US")}`);
  }
  const base = new Int32Array(graph.ops.length);
  graph.ops.reduce((sum, op, i) => ((base[i] = sum), sum + op.count), 0);
  const idOf = new Int32Array(executions);
  const order: { op: number; execution: number }[] = [];
  for (const e of executionOrder(graph)) idOf[base[e.op]! + e.execution] = order.push(e) - 1;

  const resource: number[] = [];
  const opOf: number[] = [];
  const executionOf: number[] = [];
  const transfer: number[] = [];
  const bytes: number[] = [];
  const cycles: number[] = [];
  const seconds: number[] = [];
  for (const { op, execution } of order) {
    const count = graph.ops[op]!.count;
    const total = input.opCycles[op]!;
    resource.push(unitOf[op]!);
    opOf.push(op);
    executionOf.push(execution);
    transfer.push(0);
    bytes.push(0);
    // Whole cycles per execution that add up to the op's total exactly.
    cycles.push(Math.floor(((execution + 1) * total) / count) - Math.floor((execution * total) / count));
    seconds.push(0);
  }

  const depLists: number[][] = order.map(() => []);
  const crossing = new Map<number, number>();
  order.forEach(({ op, execution }, item) => {
    const unit = unitOf[op]!;
    for (const [producer, e] of producerExecutions(graph, op, execution)) {
      const made = idOf[base[producer]! + e]!;
      const from = unitOf[producer]!;
      if (from === unit) {
        depLists[item]!.push(made);
        continue;
      }
      const key = made * units + unit;
      let moved = crossing.get(key);
      if (moved === undefined) {
        const link = input.linkBetween(from, unit);
        const spec = input.links[link]!;
        const size = input.outputBytes[producer]!;
        moved = resource.push(units + 2 * link + (from < unit ? 0 : 1)) - 1;
        opOf.push(producer);
        executionOf.push(e);
        transfer.push(1);
        bytes.push(size);
        cycles.push(0);
        seconds.push(spec.latencySeconds + size / spec.bytesPerSecond);
        depLists.push([made]);
        crossing.set(key, moved);
      }
      depLists[item]!.push(moved);
    }
  });

  const size = resource.length;
  const { start: depStart, list: deps } = compress(depLists);
  const nextLists: number[][] = depLists.map(() => []);
  depLists.forEach((list, item) => list.forEach((dep) => nextLists[dep]!.push(item)));
  const { start: nextStart, list: next } = compress(nextLists);
  return {
    graph,
    units,
    resources: units + 2 * input.links.length,
    size,
    resource: Int32Array.from(resource),
    op: Int32Array.from(opOf),
    transfer: Uint8Array.from(transfer),
    execution: Int32Array.from(executionOf),
    bytes: Float64Array.from(bytes),
    cycles: Float64Array.from(cycles),
    seconds: Float64Array.from(seconds),
    depStart,
    deps,
    nextStart,
    next,
  };
}

function compress(lists: readonly (readonly number[])[]): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (start[i + 1] = start[i]! + l.length));
  const list = new Int32Array(start[lists.length]!);
  lists.forEach((l, i) => list.set(l, start[i]!));
  return { start, list };
}
