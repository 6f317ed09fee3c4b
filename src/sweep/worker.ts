import { parentPort, workerData } from "node:worker_threads";
import { InputError } from "../common/errors.js";
import { evaluatePoints, RECORD } from "./evaluate.js";
import type { WorkerInput, WorkerReply } from "./pool.js";
import { targetsOf } from "./targets.js";

/** A sweep worker (see pool.ts): evaluates the ranges of points it is sent, one message each. */
const { job, targets } = workerData as WorkerInput;
const port = parentPort!;

port.on("message", ({ start, end }: { start: number; end: number }) => {
  let reply: WorkerReply;
  try {
    const metrics = new Float64Array((end - start) * RECORD);
    evaluatePoints(job, start, targetsOf(targets, start, end), metrics);
    reply = { kind: "done", start, metrics };
    port.postMessage(reply, [metrics.buffer]);
  } catch (error) {
    reply = { kind: "error", input: error instanceof InputError, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});

const ready: WorkerReply = { kind: "ready" };
port.postMessage(ready);
