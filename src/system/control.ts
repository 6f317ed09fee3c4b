/**
 * The robot's control loop as chunked policies run it (Real-Time Chunking: Black, Galliker and Levine,
 * NeurIPS 2025; SmolVLA's asynchronous inference: Shukor et al. 2025). An inference yields a chunk of C
 * actions (`chunk`); the robot executes s of them (`horizon`) at F Hz (`hz`) before it switches to the next
 * chunk.
 * - async: the next inference starts while the robot still acts. During an inference's latency L the robot
 *   executes d = ⌈L·F⌉ actions (the inference delay, in steps), so a chunk computed from an observation is
 *   d actions stale when it arrives. The loop holds iff both
 *   - freshness: d + s ≤ C — after the d actions that elapsed, the chunk still holds s fresh ones; as C − s
 *     is whole, this is L ≤ (C − s)/F;
 *   - throughput: P·F ≤ s — a new chunk every s steps, P the system's period (several inferences may be in
 *     flight when the system pipelines).
 *   The margin is the smaller of (C − s)/F − L and s/F − P; the highest rate that holds is
 *   min((C − s)/L, s/P), and the condition that sets it is the binding one.
 *   When the throughput condition fails the robot waits period − s/F for each chunk; when only freshness
 *   fails it keeps moving, on actions more than C − s steps old.
 * - sync: the robot stands still while the policy infers: a cycle is s/F of motion plus L, so the achieved
 *   action rate is s ÷ (s/F + L); it stalls L every s actions and holds F only with no latency.
 */
export type LoopMode = "sync" | "async";

export interface ControlOptions {
  readonly hz: number;
  readonly chunk: number;
  readonly horizon: number;
  readonly mode: LoopMode;
}

export type Binding = "freshness" | "throughput";

export interface ControlVerdict extends ControlOptions {
  /** d = ⌈latency × hz⌉: actions the robot executes while one inference runs. */
  readonly delaySteps: number;
  readonly holds: boolean;
  /** async: the condition that limits the rate (the one that fails, when one does); null with no latency at all, and in sync. */
  readonly binding: Binding | null;
  /** async: min((C − s)/F − latency, s/F − period); sync: −latency (the stall per cycle). */
  readonly marginMs: number;
  /** async: the highest control rate the loop holds; sync: the action rate achieved at `hz`. */
  readonly maxHz: number;
  /** Actions per second the robot executes: sync, s ÷ (s/F + latency); async, min(F, s ÷ period). */
  readonly achievedHz: number;
  /** How long the robot stands still per chunk: sync, the latency; async, how much longer a period is than s/F (0 when it keeps up). */
  readonly stallMs: number;
}

export function controlVerdict(options: ControlOptions, latencyMs: number, periodMs: number): ControlVerdict {
  const { hz, chunk, horizon } = options;
  const delaySteps = Math.ceil((latencyMs / 1e3) * hz);
  if (options.mode === "sync") {
    const cycleMs = (horizon / hz) * 1e3 + latencyMs;
    const achievedHz = (horizon / cycleMs) * 1e3;
    return {
      ...options,
      delaySteps,
      holds: latencyMs === 0,
      binding: null,
      marginMs: -latencyMs,
      maxHz: achievedHz,
      achievedHz,
      stallMs: latencyMs,
    };
  }
  const freshnessMarginMs = ((chunk - horizon) / hz) * 1e3 - latencyMs;
  const throughputMarginMs = (horizon / hz) * 1e3 - periodMs;
  const holds = freshnessMarginMs >= 0 && throughputMarginMs >= 0;
  // Each condition's own highest rate; a condition with no time to fit sets no limit (and no infinity).
  const freshHz = latencyMs > 0 ? ((chunk - horizon) / latencyMs) * 1e3 : undefined;
  const throughHz = periodMs > 0 ? (horizon / periodMs) * 1e3 : undefined;
  const binding: Binding | null =
    freshHz === undefined && throughHz === undefined
      ? null
      : throughHz === undefined || (freshHz !== undefined && freshHz <= throughHz)
        ? "freshness"
        : "throughput";
  const maxHz = binding === null ? 0 : binding === "freshness" ? freshHz! : throughHz!;
  const achievedHz = throughHz === undefined ? hz : Math.min(hz, throughHz);
  const stallMs = Math.max(0, -throughputMarginMs);
  return {
    ...options,
    delaySteps,
    holds,
    binding,
    marginMs: Math.min(freshnessMarginMs, throughputMarginMs),
    maxHz,
    achievedHz,
    stallMs,
  };
}
