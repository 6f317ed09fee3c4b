import { InputError } from "../common/errors.js";
import type { Graph } from "../graph/types.js";
import { executionOrder, producerExecutions } from "./executions.js";

/**
 * One inference as a dependency graph over resources (units and link directions): ops on a unit run one after
 * another in graph order, an op waits for its inputs, and a tensor produced on another unit first crosses the
 * link (latency + bytes / bandwidth). List scheduling in that order gives every op execution its start and end;
 * the latency is the last end, and the critical path is found by walking back from it along what each item
 * waited for.
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
  /** Link index between two units (symmetric), or −1. */
  linkBetween(a: number, b: number): number;
  readonly links: readonly { readonly bytesPerSecond: number; readonly latencySeconds: number }[];
}

/** A resource is a unit (0 … units−1) or a link direction (units + 2·link + (0 forward, 1 back)). */
export interface ScheduledItem {
  readonly resource: number;
  readonly start: number;
  readonly end: number;
  /** The op, or for a transfer the op whose output crosses. */
  readonly op: number;
  readonly transfer: boolean;
  /** What the item waited for last (same resource, or a dependency), −1 for none. */
  readonly pred: number;
  readonly bytes: number;
  /** Which inference (0, 1, …) when several are scheduled back to back. */
  readonly inference: number;
}

export interface Schedule {
  readonly latencySeconds: number;
  readonly items: readonly ScheduledItem[];
  /** Seconds each resource spends on the critical path. */
  readonly criticalSeconds: Float64Array;
  readonly busySeconds: Float64Array;
}

/** Op executions one inference may schedule; beyond it the system is refused up front. */
export const MAX_SCHEDULED_EXECUTIONS = 2_000_000;

/**
 * Schedules `inferences` inferences, each started as soon as its first unit is free (observations arrive back
 * to back): a unit takes the next inference's ops once it has finished this one's. One inference gives the
 * latency; two show how they overlap in the pipeline.
 */
export function schedule(input: ScheduleInput, units: number, inferences = 1): Schedule {
  const { graph, unitOf } = input;
  const total = graph.ops.reduce((n, op) => n + op.count, 0);
  if (total * inferences > MAX_SCHEDULED_EXECUTIONS) {
    throw new InputError(`the system schedule would hold ${total.toLocaleString("en-US")} op executions per inference, more than the limit of ${MAX_SCHEDULED_EXECUTIONS.toLocaleString("en-US")}`);
  }
  const resources = units + 2 * input.links.length;
  const items: ScheduledItem[] = [];
  const lastOn = new Int32Array(resources).fill(-1);
  const free = new Float64Array(resources);
  // A unit's clock runs in whole cycles from its last wait, so one unit alone ends at exactly cycles / clock.
  const anchor = new Float64Array(units);
  const cycles = new Float64Array(units);
  const itemOf = new Map<number, number>();
  const base: number[] = [];
  graph.ops.reduce((sum, op, i) => ((base[i] = sum), sum + op.count), 0);
  const crossed = new Map<string, number>();

  let inference = 0;
  const arrival = (producer: number, execution: number, unit: number): number => {
    const made = itemOf.get(inference * total + base[producer]! + execution)!;
    const from = unitOf[producer]!;
    if (from === unit) return made;
    const key = `${inference}:${producer}:${execution}:${unit}`;
    const known = crossed.get(key);
    if (known !== undefined) return known;
    const link = input.linkBetween(from, unit);
    const direction = units + 2 * link + (from < unit ? 0 : 1);
    const spec = input.links[link]!;
    const bytes = input.outputBytes[producer]!;
    const start = Math.max(free[direction]!, items[made]!.end);
    const waitedFor = free[direction]! > items[made]!.end ? lastOn[direction]! : made;
    const end = start + spec.latencySeconds + bytes / spec.bytesPerSecond;
    const id = items.push({ resource: direction, start, end, op: producer, transfer: true, pred: waitedFor, bytes, inference }) - 1;
    free[direction] = end;
    lastOn[direction] = id;
    crossed.set(key, id);
    return id;
  };

  for (inference = 0; inference < inferences; inference++) for (const { op, execution } of executionOrder(graph)) {
    const unit = unitOf[op]!;
    let ready = 0;
    let waitedFor = -1;
    for (const [producer, e] of producerExecutions(graph, op, execution)) {
      const dep = arrival(producer, e, unit);
      if (items[dep]!.end > ready) [ready, waitedFor] = [items[dep]!.end, dep];
    }
    const clock = input.clockHz[unit]!;
    const now = anchor[unit]! + cycles[unit]! / clock;
    if (ready > now) [anchor[unit], cycles[unit]] = [ready, 0];
    else waitedFor = lastOn[unit]!;
    const start = anchor[unit]! + cycles[unit]! / clock;
    const count = graph.ops[op]!.count;
    const opCycles = input.opCycles[op]!;
    // Whole cycles per execution that add up to the op's total exactly.
    cycles[unit] = cycles[unit]! + Math.floor(((execution + 1) * opCycles) / count) - Math.floor((execution * opCycles) / count);
    const end = anchor[unit]! + cycles[unit]! / clock;
    const id = items.push({ resource: unit, start, end, op, transfer: false, pred: waitedFor, bytes: 0, inference }) - 1;
    lastOn[unit] = id;
    itemOf.set(inference * total + base[op]! + execution, id);
  }
  return summarise(items, resources);
}

function summarise(items: readonly ScheduledItem[], resources: number): Schedule {
  let last = -1;
  items.forEach((item, i) => {
    if (last < 0 || item.end > items[last]!.end) last = i;
  });
  const criticalSeconds = new Float64Array(resources);
  for (let i = last; i >= 0; i = items[i]!.pred) {
    const item = items[i]!;
    criticalSeconds[item.resource] = criticalSeconds[item.resource]! + item.end - item.start;
  }
  const busySeconds = new Float64Array(resources);
  for (const item of items) busySeconds[item.resource] = busySeconds[item.resource]! + item.end - item.start;
  return { latencySeconds: last < 0 ? 0 : items[last]!.end, items, criticalSeconds, busySeconds };
}
