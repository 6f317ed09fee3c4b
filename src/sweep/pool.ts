import { availableParallelism } from "node:os";
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import { InputError } from "../common/errors.js";
import { RECORD, type EvaluationJob } from "./evaluate.js";
import type { PointTargets } from "./targets.js";

/**
 * Evaluates a sweep on this thread and on worker threads together. Points go out in ranges from one queue:
 * this thread starts at once and takes a range whenever it is free, each worker asks for one as soon as it
 * has loaded (≈0.1 s, mostly the schema libraries) and again whenever it returns one. So a sweep never waits
 * for a worker to start, and a fast range never waits for a slow one. Each worker gets its own copy of the
 * job and of the points' target columns (structured clone: nothing shared, nothing mutable) and is sent
 * only `{start, end}`; results come back as transferred Float64Arrays and are copied into place.
 */
export interface PoolOptions {
  /** Worker threads besides this one; default one per other core. */
  readonly workers?: number;
  /** Called with the number of points done so far. */
  readonly onProgress?: (done: number) => void;
  /** The compiled worker script; by default worker.js beside this module. */
  readonly workerUrl?: URL;
}

/** The data each worker starts with. */
export interface WorkerInput {
  readonly job: EvaluationJob;
  readonly targets: PointTargets;
}

/** Messages from a worker: loaded, a finished range, or a failure. */
export type WorkerReply =
  | { readonly kind: "ready" }
  | { readonly kind: "done"; readonly start: number; readonly metrics: Float64Array }
  | { readonly kind: "error"; readonly input: boolean; readonly message: string };

export function defaultWorkers(): number {
  return availableParallelism() - 1;
}

/** Points per range: a few milliseconds of work, so this thread keeps answering workers and progress moves. */
function rangeSize(total: number, threads: number): number {
  return Math.min(2048, Math.max(128, Math.ceil(total / (threads * 16))));
}

export async function runPool(
  input: WorkerInput,
  total: number,
  evaluateHere: (start: number, end: number, out: Float64Array) => void,
  options: PoolOptions = {},
): Promise<Float64Array> {
  const out = new Float64Array(total * RECORD);
  const count = Math.max(0, options.workers ?? defaultWorkers());
  const size = rangeSize(total, count + 1);
  let next = 0;
  let done = 0;
  let failure: Error | undefined;
  let wake: () => void = () => {};
  const finished = () => done >= total || failure !== undefined;
  const take = (): [number, number] | undefined => {
    if (next >= total || failure !== undefined) return undefined;
    const start = next;
    next = Math.min(total, next + size);
    return [start, next];
  };
  const record = (points: number) => {
    done += points;
    options.onProgress?.(done);
    if (finished()) wake();
  };
  const fail = (error: Error) => {
    failure ??= error;
    wake();
  };

  const url = options.workerUrl ?? new URL("./worker.js", import.meta.url);
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(url, { workerData: input });
    const feed = () => {
      const range = take();
      if (range !== undefined) worker.postMessage({ start: range[0], end: range[1] });
    };
    worker.on("message", (reply: WorkerReply) => {
      if (reply.kind === "error") return fail(reply.input ? new InputError(reply.message) : new Error(`sweep worker: ${reply.message}`));
      if (reply.kind === "done") {
        out.set(reply.metrics, reply.start * RECORD);
        record(reply.metrics.length / RECORD);
      }
      feed();
    });
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (!finished()) fail(new Error(`sweep worker exited with code ${code}`));
    });
    return worker;
  });

  try {
    for (let range = take(); range !== undefined; range = take()) {
      const [start, end] = range;
      evaluateHere(start, end, out.subarray(start * RECORD, end * RECORD));
      record(end - start);
      await yieldToEvents(); // let worker messages in between ranges
    }
    if (!finished()) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure !== undefined) throw failure;
  return out;
}
