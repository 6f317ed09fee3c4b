import type { DesignArea } from "./area.js";
import type { Target } from "./types.js";

/**
 * What a design draws whether it works or not, W, in two named parts: the clock tree and control (energy per
 * cycle per mm² of cell area × clock, calibration.ts) and leakage (per mm² of the whole design). A GPU that
 * states its loaded-idle power draws that instead, as leakage: its clocks are in the measured figure.
 */
export interface IdlePower {
  readonly clockW: number;
  readonly leakageW: number;
}

export function idlePower(target: Target, area: DesignArea): IdlePower {
  const e = target.energy;
  if (e.idleW !== undefined) return { clockW: 0, leakageW: e.idleW };
  return {
    clockW: e.clockPjPerMm2Cycle * area.cellAreaMm2 * target.clockHz * 1e-12,
    leakageW: e.staticWPerMm2 * area.areaMm2,
  };
}
