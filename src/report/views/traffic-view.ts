import type { SimulationResult } from "../../simulate/types.js";
import { formatSignificant } from "./format.js";

export const TRAFFIC_HEADERS = ["Component", "DRAM MB", "Compulsory MB", "× compulsory"];
export const TRAFFIC_ALIGN = ["left", "right", "right", "right"] as const;

/**
 * DRAM traffic per component against its compulsory traffic (each operand not on chip, once; weights once per
 * inference when resident): how far the chosen tilings are from moving each byte once.
 */
export function trafficRows(result: SimulationResult): string[][] {
  const moved = new Map<string, number>();
  const compulsory = new Map<string, number>();
  for (const r of result.ops) {
    const c = r.op.component;
    moved.set(c, (moved.get(c) ?? 0) + r.dramBytes);
    compulsory.set(c, (compulsory.get(c) ?? 0) + r.compulsoryBytes);
  }
  const row = (name: string, dram: number, bound: number) => [
    name,
    formatSignificant(dram / 1e6, 4),
    formatSignificant(bound / 1e6, 4),
    bound > 0 ? formatSignificant(dram / bound, 3) : "",
  ];
  const rows = result.components.map((c) => row(c.name, moved.get(c.name) ?? 0, compulsory.get(c.name) ?? 0));
  const total = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
  return [...rows, row("Total", total(moved), total(compulsory))];
}
