import type { Graph } from "../graph/types.js";
import { simulate } from "../simulate/simulate.js";
import { DEFAULT_SIMULATE_OPTIONS, type SimulateOptions } from "../simulate/types.js";
import type { System } from "../hardware/system.js";
import type { Target } from "../hardware/types.js";
import { InputError } from "../common/errors.js";

/**
 * What the system is worth against its own parts: each unit's target running the whole model alone, and the
 * system's speed-up over the fastest of them (below 1: the split makes it slower). "Is my unit worth it?"
 */
export interface Baseline {
  readonly targets: readonly {
    readonly unit: string;
    readonly target: string;
    readonly latencyMs: number;
    readonly energyMj: number;
  }[];
  /** Units whose target cannot run the whole model by itself (a component's precision it lacks), and why. */
  readonly skipped: readonly { readonly unit: string; readonly target: string; readonly reason: string }[];
  /** The unit whose target alone is fastest. */
  readonly fastest: string;
  /** The fastest target's latency alone ÷ the system's latency: above 1 the system is faster. */
  readonly speedup: number;
  /** The same for the period: the fastest target's latency alone ÷ the system's period. */
  readonly throughputGain: number;
}

/** The baseline, or undefined when no unit's target can run the whole model by itself. */
export function systemBaseline(
  graph: Graph,
  system: System,
  latencyMs: number,
  periodMs: number,
  options: SimulateOptions = DEFAULT_SIMULATE_OPTIONS,
): Baseline | undefined {
  // Keyed by the resolved target, not its name: two units of one file may set different fields.
  const alone = new Map<Target, { latencyMs: number; energyMj: number } | string>();
  const targets: Baseline["targets"][number][] = [];
  const skipped: Baseline["skipped"][number][] = [];
  for (const unit of system.units) {
    let result = alone.get(unit.target);
    if (result === undefined) {
      try {
        const r = simulate(graph, unit.target, options);
        result = { latencyMs: r.latencyMs, energyMj: r.energyMj };
      } catch (error) {
        // A unit built for its own part (an fp16 expert unit beside an int8-only host) need not run the rest.
        if (!(error instanceof InputError)) throw error;
        result = error.message;
      }
      alone.set(unit.target, result);
    }
    if (typeof result === "string") skipped.push({ unit: unit.name, target: unit.target.name, reason: result });
    else targets.push({ unit: unit.name, target: unit.target.name, ...result });
  }
  if (targets.length === 0) return undefined;
  const fastest = targets.reduce((best, t) => (t.latencyMs < best.latencyMs ? t : best), targets[0]!);
  return {
    targets,
    skipped,
    fastest: fastest.unit,
    speedup: latencyMs > 0 ? fastest.latencyMs / latencyMs : 0,
    throughputGain: periodMs > 0 ? fastest.latencyMs / periodMs : 0,
  };
}
