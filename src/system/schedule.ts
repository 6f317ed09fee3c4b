import { opLabel } from "../graph/instances.js";
import { InputError } from "../common/errors.js";
import { ReadyQueues } from "./id-heap.js";
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
  /** Inferences completed (0 … inferences−1 all are). */
  readonly inferences: number;
  /** Items of one inference; item j·size + i is item i of inference j. */
  readonly items: InferenceItems;
  /** With `keep`: every completed inference's items (else empty). */
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
  /** Keep every item's start, end and predecessor (for traces, timelines and the critical path). */
  readonly keep?: boolean;
}

/**
 * The event loop. Only `inFlight` inferences are ever live, and inference j + inFlight is admitted exactly
 * when j completes, so each live inference's items use the slot of j mod inFlight: the working arrays stay the
 * size of the live inferences however many are scheduled.
 */
export function runSchedule(items: InferenceItems, clockHz: readonly number[], run: ScheduleRun): Schedule {
  const { size, units, resources } = items;
  const inferences = run.inferences;
  const inFlight = Math.min(run.inFlight ?? inferences, inferences);
  const slots = inFlight * size;
  const readyAt = new Float64Array(slots);
  const waitedFor = new Int32Array(slots);
  const pending = new Int32Array(slots);
  const slotStart = new Float64Array(slots);
  const slotEnd = new Float64Array(slots);
  const slotPred = new Int32Array(slots);
  const keep = run.keep === true ? new KeptItems(size) : undefined;
  const completion = new Float64Array(inferences);
  const remaining = new Int32Array(inferences).fill(size);
  const busy = new Uint8Array(resources);
  const free = new Float64Array(resources);
  const lastOn = new Int32Array(resources).fill(-1);
  const anchor = new Float64Array(units);
  const counted = new Float64Array(units);
  const perInference = new Int32Array(resources);
  for (let i = 0; i < size; i++) perInference[items.resource[i]!] = perInference[items.resource[i]!]! + 1;
  const ready = new ReadyQueues(perInference.map((n) => n * inFlight));
  // What each resource is running (at most one item) and when it ends: the next event is the earliest end.
  const runningId = new Int32Array(resources).fill(-1);
  const runningEnd = new Float64Array(resources).fill(Number.POSITIVE_INFINITY);
  let runningCount = 0;
  // Resources that may start something now (with repeats), reused without reallocating.
  const touched: number[] = [];
  let touchedCount = 0;
  const { depStart, nextStart, next, resource, cycles, seconds } = items;

  const admit = (j: number, now: number) => {
    const base = (j % inFlight) * size;
    for (let i = 0; i < size; i++) {
      const slot = base + i;
      pending[slot] = depStart[i + 1]! - depStart[i]!;
      waitedFor[slot] = -1;
      readyAt[slot] = now;
      if (pending[slot] !== 0) continue;
      ready.push(resource[i]!, j * size + i);
      touched[touchedCount++] = resource[i]!;
    }
  };
  const dispatch = (r: number, now: number) => {
    if (busy[r] === 1 || ready.size(r) === 0) return;
    const id = ready.pop(r);
    const j = (id / size) | 0;
    const i = id - j * size;
    const slot = (j % inFlight) * size + i;
    slotStart[slot] = now;
    slotPred[slot] = readyAt[slot]! > free[r]! || lastOn[r]! < 0 ? waitedFor[slot]! : lastOn[r]!;
    let ends: number;
    if (r < units) {
      if (now !== anchor[r]! + counted[r]! / clockHz[r]!) {
        anchor[r] = now;
        counted[r] = 0;
      }
      counted[r] = counted[r]! + cycles[i]!;
      ends = anchor[r]! + counted[r]! / clockHz[r]!;
    } else ends = now + seconds[i]!;
    slotEnd[slot] = ends;
    busy[r] = 1;
    runningId[r] = id;
    runningEnd[r] = ends;
    runningCount++;
  };

  for (let j = 0; j < inFlight; j++) admit(j, 0);
  // Nothing to schedule (no ops): every inference completes at once.
  let done = size === 0 ? inferences : 0;
  let stopped = false;
  for (let t = 0; t < touchedCount; t++) dispatch(touched[t]!, 0);
  touchedCount = 0;
  while (runningCount > 0 && !stopped) {
    let now = Number.POSITIVE_INFINITY;
    for (let r = 0; r < resources; r++) if (runningEnd[r]! < now) now = runningEnd[r]!;
    // Everything that ends now is done before anything starts, so items made ready at the same instant compete.
    for (let ending = 0; ending < resources; ending++) {
      if (runningEnd[ending] !== now) continue;
      const id = runningId[ending]!;
      runningEnd[ending] = Number.POSITIVE_INFINITY;
      runningCount--;
      const j = (id / size) | 0;
      const i = id - j * size;
      const base = (j % inFlight) * size;
      const r = resource[i]!;
      busy[r] = 0;
      free[r] = now;
      lastOn[r] = id;
      touched[touchedCount++] = r;
      keep?.add(id, slotStart[base + i]!, now, slotPred[base + i]!);
      for (let k = nextStart[i]!; k < nextStart[i + 1]!; k++) {
        const n = next[k]!;
        const slot = base + n;
        if (now >= readyAt[slot]!) {
          readyAt[slot] = now;
          waitedFor[slot] = id;
        }
        pending[slot] = pending[slot]! - 1;
        if (pending[slot] === 0) {
          ready.push(resource[n]!, j * size + n);
          touched[touchedCount++] = resource[n]!;
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
  const kept = keep?.take(done * size) ?? {
    start: new Float64Array(0),
    end: new Float64Array(0),
    pred: new Int32Array(0),
  };
  return { inferences: done, items, ...kept, completion: completion.slice(0, done) };
}

/** Items' start, end and predecessor by global id, in arrays that double as inferences complete. */
class KeptItems {
  private start = new Float64Array(0);
  private end = new Float64Array(0);
  private pred = new Int32Array(0);
  constructor(private readonly size: number) {}

  add(id: number, start: number, end: number, pred: number): void {
    if (id >= this.end.length) {
      const n = Math.max(id + 1, 2 * this.end.length, this.size);
      this.start = grown(this.start, new Float64Array(n));
      this.end = grown(this.end, new Float64Array(n));
      this.pred = grown(this.pred, new Int32Array(n));
    }
    this.start[id] = start;
    this.end[id] = end;
    this.pred[id] = pred;
  }

  take(count: number): { start: Float64Array; end: Float64Array; pred: Int32Array } {
    const fit = <T extends Float64Array | Int32Array>(a: T): T =>
      a.length >= count ? (a.subarray(0, count) as T) : grown(a, new (a.constructor as new (n: number) => T)(count));
    return { start: fit(this.start), end: fit(this.end), pred: fit(this.pred) };
  }
}

function grown<T extends Float64Array | Int32Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}

/** "op action_expert.xattn_q (layer 3) (execution 2)": for invariant failures. */
export function describeItem(items: InferenceItems, i: number): string {
  const op = items.graph.ops[items.op[i]!];
  const name = op === undefined ? `#${items.op[i]}` : `${opLabel(op)} (layer ${op.layer})`;
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
