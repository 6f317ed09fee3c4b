import type { Graph } from "../graph/types.js";
import { simulate } from "../simulate/simulate.js";
import { DEFAULT_SIMULATE_OPTIONS, type SimulateOptions } from "../simulate/types.js";
import type { System } from "../hardware/system.js";

/**
 * What the system is worth against its own parts: each unit's target running the whole model alone, and the
 * system's speed-up over the fastest of them (below 1: the split makes it slower). "Is my unit worth it?"
 */
export interface Baseline {
  readonly targets: readonly { readonly unit: string; readonly target: string; readonly latencyMs: number; readonly energyMj: number }[];
  /** The unit whose target alone is fastest. */
  readonly fastest: string;
  /** The fastest target's latency alone ÷ the system's latency: above 1 the system is faster. */
  readonly speedup: number;
  /** The same for the period: the fastest target's latency alone ÷ the system's period. */
  readonly throughputGain: number;
}

export function systemBaseline(graph: Graph, system: System, latencyMs: number, periodMs: number, options: SimulateOptions = DEFAULT_SIMULATE_OPTIONS): Baseline {
  const byTarget = new Map<string, { latencyMs: number; energyMj: number }>();
  const targets = system.units.map((unit) => {
    let alone = byTarget.get(unit.target.name);
    if (alone === undefined) {
      const r = simulate(graph, unit.target, options);
      byTarget.set(unit.target.name, (alone = { latencyMs: r.latencyMs, energyMj: r.energyMj }));
    }
    return { unit: unit.name, target: unit.target.name, ...alone };
  });
  const fastest = targets.reduce((best, t) => (t.latencyMs < best.latencyMs ? t : best), targets[0]!);
  return {
    targets,
    fastest: fastest.unit,
    speedup: latencyMs > 0 ? fastest.latencyMs / latencyMs : 0,
    throughputGain: periodMs > 0 ? fastest.latencyMs / periodMs : 0,
  };
}
