import { InputError } from "../common/errors.js";
import { IdHeap, TimedHeap } from "./id-heap.js";
import type { InferenceItems } from "./schedule-items.js";

/**
 * Inferences on the system's resources by list scheduling (Graham 1969), with one policy for units and links
 * alike: whenever a resource is free it starts, of the items whose inputs have all arrived, the one of the
 * earliest inference, and within an inference the first in execution order (transfers: the first needed).
 * Items never pre-empt one another. Observations arrive back to back: `inFlight` inferences start at time 0,
 * and each completion admits the next, so an item of a later inference runs as soon as its inputs and its
 * resource are free: inferences pipeline wherever the dependencies allow, and a resource fills the time it
 * would wait on one inference with the next.
 *
 * A unit counts whole cycles from the moment it last started after a wait, so a unit that never waits ends
 * at exactly its total cycles ÷ clock, as the single-target model does.
 */
export interface Schedule {
  /** Inferences completed (0 … inferences−1 all are); only their items are kept. */
  readonly inferences: number;
  /** Items of one inference; item j·size + i is item i of inference j. */
  readonly items: InferenceItems;
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** What each item waited for last (the previous item on its resource, or its latest input), −1 for none. */
  readonly pred: Int32Array;
  /** When each inference's last item ends, s. */
  readonly completion: Float64Array;
}

export interface ScheduleRun {
  /** Inferences at most. */
  readonly inferences: number;
  /** Inferences admitted at once (default: all). */
  readonly inFlight?: number;
  /** Asked each time the first `count` inferences have all completed; true stops the run there. */
  readonly enough?: (completion: Float64Array, count: number) => boolean;
}

export function runSchedule(items: InferenceItems, clockHz: readonly number[], run: ScheduleRun): Schedule {
  const { size, units, resources } = items;
  const inferences = run.inferences;
  const inFlight = Math.min(run.inFlight ?? inferences, inferences);
  let capacity = 0;
  let start = new Float64Array(0);
  let end = new Float64Array(0);
  let pred = new Int32Array(0);
  let readyAt = new Float64Array(0);
  let waitedFor = new Int32Array(0);
  let pending = new Int32Array(0);
  const grow = (needed: number) => {
    if (needed <= capacity) return;
    capacity = Math.min(inferences, Math.max(needed, 2 * capacity));
    const n = capacity * size;
    start = grown(start, new Float64Array(n));
    end = grown(end, new Float64Array(n));
    readyAt = grown(readyAt, new Float64Array(n));
    pred = grown(pred, new Int32Array(n));
    waitedFor = grown(waitedFor, new Int32Array(n));
    pending = grown(pending, new Int32Array(n));
  };
  const completion = new Float64Array(inferences);
  const remaining = new Int32Array(inferences).fill(size);
  const busy = new Uint8Array(resources);
  const free = new Float64Array(resources);
  const lastOn = new Int32Array(resources).fill(-1);
  const anchor = new Float64Array(units);
  const counted = new Float64Array(units);
  const ready = Array.from({ length: resources }, () => new IdHeap());
  const running = new TimedHeap();
  // Resources that may start something now (with repeats), reused without reallocating.
  const touched: number[] = [];
  let touchedCount = 0;

  const admit = (j: number, now: number) => {
    grow(j + 1);
    for (let i = 0; i < size; i++) {
      const id = j * size + i;
      pending[id] = items.depStart[i + 1]! - items.depStart[i]!;
      pred[id] = -1;
      waitedFor[id] = -1;
      readyAt[id] = now;
      if (pending[id] !== 0) continue;
      ready[items.resource[i]!]!.push(id);
      touched[touchedCount++] = items.resource[i]!;
    }
  };
  const dispatch = (r: number, now: number) => {
    if (busy[r] === 1 || ready[r]!.size === 0) return;
    const id = ready[r]!.pop();
    const i = id % size;
    start[id] = now;
    pred[id] = readyAt[id]! > free[r]! || lastOn[r]! < 0 ? waitedFor[id]! : lastOn[r]!;
    if (r < units) {
      if (now !== anchor[r]! + counted[r]! / clockHz[r]!) {
        anchor[r] = now;
        counted[r] = 0;
      }
      counted[r] = counted[r]! + items.cycles[i]!;
      end[id] = anchor[r]! + counted[r]! / clockHz[r]!;
    } else end[id] = now + items.seconds[i]!;
    busy[r] = 1;
    running.push(end[id]!, id);
  };

  for (let j = 0; j < inFlight; j++) admit(j, 0);
  let done = 0;
  let stopped = false;
  for (let t = 0; t < touchedCount; t++) dispatch(touched[t]!, 0);
  touchedCount = 0;
  while (running.size > 0 && !stopped) {
    const now = running.peekTime();
    // Everything that ends now is done before anything starts, so items made ready at the same instant compete.
    while (running.size > 0 && running.peekTime() === now) {
      const id = running.pop();
      const j = Math.floor(id / size);
      const i = id - j * size;
      const r = items.resource[i]!;
      busy[r] = 0;
      free[r] = now;
      lastOn[r] = id;
      touched[touchedCount++] = r;
      for (let k = items.nextStart[i]!; k < items.nextStart[i + 1]!; k++) {
        const next = j * size + items.next[k]!;
        if (now >= readyAt[next]!) {
          readyAt[next] = now;
          waitedFor[next] = id;
        }
        pending[next] = pending[next]! - 1;
        if (pending[next] === 0) {
          const to = items.resource[items.next[k]!]!;
          ready[to]!.push(next);
          touched[touchedCount++] = to;
        }
      }
      remaining[j] = remaining[j]! - 1;
      if (remaining[j] === 0) {
        completion[j] = now;
        if (j + inFlight < inferences) admit(j + inFlight, now);
      }
    }
    while (done < inferences && remaining[done] === 0) {
      done++;
      if (run.enough?.(completion, done) === true) {
        stopped = true;
        break;
      }
    }
    for (let t = 0; t < touchedCount; t++) dispatch(touched[t]!, now);
    touchedCount = 0;
  }
  if (!stopped && done < inferences) {
    const stuck = pending.findIndex((count) => count > 0);
    // The model's dependencies form a cycle no single target notices (it adds up cycles in any order): a static
    // block that gathers every denoising step, read back by a later step of the same component.
    throw new InputError(
      `${items.graph.model}: ${describeItem(items, Math.max(0, stuck) % size)} can never start: its inputs wait on each other across denoising steps ` +
        "(a phase: static block that reads per-step ops is read back by a later per-step op of the same component); make that block per_step, or move it after the component's last per-step layer",
    );
  }
  const n = done * size;
  return { inferences: done, items, start: start.slice(0, n), end: end.slice(0, n), pred: pred.slice(0, n), completion: completion.slice(0, done) };
}

function grown<T extends Float64Array | Int32Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}

/** "op action_expert.xattn_q (layer 3) (execution 2)": for invariant failures. */
export function describeItem(items: InferenceItems, i: number): string {
  const op = items.graph.ops[items.op[i]!];
  const name = op === undefined ? `#${items.op[i]}` : `${op.component}.${op.name} (layer ${op.layer})`;
  return `${items.transfer[i] === 1 ? "the transfer of op" : "op"} ${name} (execution ${items.execution[i]})`;
}

/** Seconds each resource is busy in one inference (the same in every inference). */
export function busySeconds(items: InferenceItems, clockHz: readonly number[]): Float64Array {
  const busy = new Float64Array(items.resources);
  const cycles = new Float64Array(items.units);
  for (let i = 0; i < items.size; i++) {
    const r = items.resource[i]!;
    if (r < items.units) cycles[r] = cycles[r]! + items.cycles[i]!;
    else busy[r] = busy[r]! + items.seconds[i]!;
  }
  for (let u = 0; u < items.units; u++) busy[u] = cycles[u]! / clockHz[u]!;
  return busy;
}

/** Seconds each resource spends on the critical path: walked back from the item that ends last. */
export function criticalSeconds(schedule: Schedule): Float64Array {
  const { items, start, end, pred } = schedule;
  const seconds = new Float64Array(items.resources);
  let last = -1;
  for (let id = 0; id < end.length; id++) if (last < 0 || end[id]! > end[last]!) last = id;
  for (let id = last; id >= 0; id = pred[id]!) {
    const r = items.resource[id % items.size]!;
    seconds[r] = seconds[r]! + end[id]! - start[id]!;
  }
  return seconds;
}
