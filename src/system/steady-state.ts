import { runSchedule, type Schedule } from "./schedule.js";
import type { InferenceItems } from "./schedule-items.js";

/**
 * The period: how often the system completes an inference when observations arrive back to back, read off
 * the schedule itself. Inferences are admitted as earlier ones complete, with as many in flight as the system
 * has resources (units and link directions: enough for each to work on a different inference at once), and
 * scheduled until the intervals between successive completions repeat: three equal intervals in a row, or
 * a longer window of w intervals twice over. The period is then the mean interval over that window,
 * (c[k−1] − c[k−1−w]) ÷ w. In a schedule that repeats, every resource does w inferences' work within w
 * periods, so the period is never below the busiest resource's time per inference (periodBoundMs).
 * Intervals are read only once the inferences admitted at time 0 have completed: they find work done ahead
 * for them, and complete faster than the system can keep up.
 * When pipelining would complete inferences less often than one at a time (a list-scheduling anomaly), they
 * run one at a time (one in flight), and the period is the latency.
 * A schedule that has not repeated after MAX_INFERENCES takes the mean interval over its second half (and
 * at least the bound).
 */
export interface SteadyState {
  readonly periodSeconds: number;
  /** The completion intervals that repeat (1 when every interval is the same). */
  readonly window: number;
  /** Whether the intervals repeated within the bound (else the second-half mean). */
  readonly settled: boolean;
  readonly inFlight: number;
  /** The inferences scheduled until the period was read. */
  readonly schedule: Schedule;
}

/** Items all inferences together may hold; fewer inferences are scheduled beyond it. */
export const MAX_PIPELINED_ITEMS = 4_000_000;
export const MAX_INFERENCES = 64;
/** How many times a window must repeat: three for a single interval, twice for a longer pattern. */
const repeats = (window: number) => (window === 1 ? 3 : 2);
const TOLERANCE = 1e-9;

export function steadyState(
  items: InferenceItems,
  clockHz: readonly number[],
  boundSeconds = 0,
  latencySeconds = Number.POSITIVE_INFINITY,
  keep = false,
): SteadyState {
  const inferences = Math.max(2, Math.min(MAX_INFERENCES, Math.floor(MAX_PIPELINED_ITEMS / Math.max(1, items.size))));
  const pipelined = pipelinedState(
    items,
    clockHz,
    boundSeconds,
    inferences,
    Math.min(inferences, Math.max(2, items.resources)),
    keep,
  );
  // List scheduling has anomalies (Graham 1969): admitting the next inference early can delay the earlier one
  // more than it gains. A runtime then runs inferences one at a time, whose period is the latency.
  return pipelined.periodSeconds <= latencySeconds * (1 + TOLERANCE)
    ? pipelined
    : pipelinedState(items, clockHz, boundSeconds, inferences, 1, keep);
}

function pipelinedState(
  items: InferenceItems,
  clockHz: readonly number[],
  boundSeconds: number,
  inferences: number,
  inFlight: number,
  keep: boolean,
): SteadyState {
  let window = 0;
  const schedule = runSchedule(items, clockHz, {
    inferences,
    inFlight,
    keep,
    enough: (completion, count) => {
      window = repeatingWindow(completion, count, inFlight);
      // A repeating schedule completes no faster than its busiest resource works: a window that would is a
      // coincidence of a longer pattern, so scheduling goes on.
      if (window > 0 && meanInterval(completion, count, window) < boundSeconds * (1 - TOLERANCE)) window = 0;
      return window > 0;
    },
  });
  const c = schedule.completion;
  if (window > 0)
    return { periodSeconds: meanInterval(c, c.length, window), window, settled: true, inFlight, schedule };
  // Not settled: the mean interval over the second half, leaving out the last inferences admitted (nothing
  // came after them, so they finish early); never below the bound, which a long enough run approaches.
  const count = c.length > inFlight + 2 ? c.length - inFlight + 1 : c.length;
  const half = Math.max(1, Math.floor((count - 1) / 2));
  const mean = count < 2 ? (c[0] ?? 0) : meanInterval(c, count, half);
  return { periodSeconds: Math.max(mean, boundSeconds), window: half, settled: false, inFlight, schedule };
}

function meanInterval(completion: Float64Array, count: number, window: number): number {
  return (completion[count - 1]! - completion[count - 1 - window]!) / window;
}

/**
 * The smallest w whose last w intervals repeat (repeats(w) times over); 0 when none does (yet). Only intervals after
 * the first `inFlight` completions count: the inferences admitted at time 0 find work done ahead for them.
 */
function repeatingWindow(completion: Float64Array, count: number, inFlight: number): number {
  const n = count - 1;
  const interval = (i: number) => completion[i + 1]! - completion[i]!;
  for (let w = 1; repeats(w) * w <= n - inFlight; w++) {
    let same = true;
    for (let i = n - repeats(w) * w; i < n - w && same; i++) {
      const [a, b] = [interval(i), interval(i + w)];
      same = Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
    if (same) return w;
  }
  return 0;
}
