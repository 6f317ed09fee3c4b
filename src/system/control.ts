/**
 * The robot's control loop. A policy inference yields a chunk of `chunk` actions; the robot executes `horizon`
 * of them at `hz` before it needs the next chunk.
 * - sync: the robot waits while the policy infers: a cycle is horizon/hz of motion plus the latency, so the
 *   achieved action rate is horizon / cycle and the robot stands still for the latency every horizon actions.
 * - async: the next inference starts while actions still run; the loop holds `hz` with no stall when both the
 *   latency and the period fit in horizon/hz. The margin is horizon/hz − max(latency, period), and the highest
 *   rate that holds is horizon / max(latency, period).
 */
export type LoopMode = "sync" | "async";

export interface ControlOptions {
  readonly hz: number;
  readonly chunk: number;
  readonly horizon: number;
  readonly mode: LoopMode;
}

export interface ControlVerdict extends ControlOptions {
  readonly holds: boolean;
  /** async: horizon/hz − max(latency, period); sync: −latency (the stall per cycle). */
  readonly marginMs: number;
  /** The highest control rate the loop holds (async), or the action rate achieved at `hz` (sync). */
  readonly maxHz: number;
  /** sync: actions per second achieved at `hz`, stalls included; async: hz when it holds, else maxHz. */
  readonly achievedHz: number;
  /** sync: how long the robot stands still every cycle; async: 0 when it holds. */
  readonly stallMs: number;
}

export function controlVerdict(options: ControlOptions, latencyMs: number, periodMs: number): ControlVerdict {
  const budgetMs = (options.horizon / options.hz) * 1e3;
  if (options.mode === "sync") {
    const cycleMs = budgetMs + latencyMs;
    const achievedHz = (options.horizon / cycleMs) * 1e3;
    return { ...options, holds: latencyMs === 0, marginMs: -latencyMs, maxHz: achievedHz, achievedHz, stallMs: latencyMs };
  }
  const slowest = Math.max(latencyMs, periodMs);
  const holds = slowest <= budgetMs;
  // An empty model takes no time: no rate limit to report, so 0 rather than an infinity.
  const maxHz = slowest === 0 ? 0 : (options.horizon / slowest) * 1e3;
  return { ...options, holds, marginMs: budgetMs - slowest, maxHz, achievedHz: holds ? options.hz : maxHz, stallMs: holds ? 0 : slowest - budgetMs };
}
