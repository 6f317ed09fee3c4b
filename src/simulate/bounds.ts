import type { Bound } from "../cost/types.js";

/** The bounds in the order every per-bound sum keeps them (flat arrays index them by position). */
export const BOUNDS: readonly Bound[] = ["compute", "sram", "dram", "vector", "launch"];
export const COMPUTE = 0;
export const VECTOR = 3;

/** The index of a bound in BOUNDS (a switch: keyed lookups on a hot path are slow). */
export function boundIndex(bound: Bound): number {
  switch (bound) {
    case "compute":
      return COMPUTE;
    case "sram":
      return 1;
    case "dram":
      return 2;
    case "vector":
      return VECTOR;
    case "launch":
      return 4;
  }
}
