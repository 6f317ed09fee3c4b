import { InputError } from "../common/errors.js";
import { opBytes } from "../graph/operands.js";
import type { Graph } from "../graph/types.js";
import { simulate } from "../simulate/simulate.js";
import { DEFAULT_SIMULATE_OPTIONS, type SimulateOptions, type SimulationResult } from "../simulate/types.js";
import { controlVerdict, type ControlOptions, type ControlVerdict } from "./control.js";
import { mapOps, unitGraph } from "./map.js";
import { unitMemory, type UnitMemory } from "./memory.js";
import { schedule, type ScheduledItem } from "./schedule.js";
import { transferRecords, type TransferRecord } from "./transfers.js";
import type { System } from "../hardware/system.js";

export interface UnitResult {
  readonly name: string;
  /** The unit's own simulation: the ops mapped to it, costed by its target's model (the one engine). */
  readonly result: SimulationResult;
  readonly busyMs: number;
  /** Latency − busy: the time of one inference the unit waits. */
  readonly idleMs: number;
  /** busy ÷ period: how much of the time the unit works when inferences run back to back. */
  readonly utilization: number;
  readonly criticalPathShare: number;
  readonly memory: UnitMemory;
}

export interface LinkResult {
  readonly between: readonly [string, string];
  readonly busyMs: number;
  readonly criticalPathShare: number;
}

export interface SystemResult {
  readonly system: string;
  readonly model: string;
  /** One inference, observation to actions: the critical path through units and links. */
  readonly latencyMs: number;
  /** Time between inferences when observations arrive back to back: the busiest unit or link. */
  readonly periodMs: number;
  readonly units: readonly UnitResult[];
  readonly links: readonly LinkResult[];
  readonly transfers: readonly TransferRecord[];
  readonly energyMj: number;
  readonly control?: ControlVerdict;
  /** Every op execution and transfer of one inference, for timelines. */
  readonly items: readonly ScheduledItem[];
  /** Two inferences back to back (with `overlap`), for the pipelined timeline. */
  readonly overlapped?: readonly ScheduledItem[];
}

/** Maps a graph onto a system's units, costs each unit's ops, moves tensors over links and schedules one inference. */
export function simulateSystem(
  graph: Graph,
  system: System,
  options: SimulateOptions = DEFAULT_SIMULATE_OPTIONS,
  control?: ControlOptions,
  extra: { readonly overlap?: boolean } = {},
): SystemResult {
  const unitOf = mapOps(graph, system);
  const results = system.units.map((unit, u) => simulate(unitGraph(graph, unitOf, u), unit.target, options));
  // Each op's cycles from its unit's result, in graph order (a unit's results list its ops in graph order).
  const opCycles: number[] = new Array<number>(graph.ops.length);
  const next = system.units.map(() => 0);
  graph.ops.forEach((_, i) => (opCycles[i] = results[unitOf[i]!]!.ops[next[unitOf[i]!]!++]!.cycles));
  const outputBytes = graph.ops.map((op, i) => opBytes(op, system.units[unitOf[i]!]!.target.bytesPerElement).outputBytes);
  const linkIndex = new Map<string, number>();
  system.links.forEach((l, i) => {
    const [a, b] = l.between.map((n) => system.units.findIndex((u) => u.name === n));
    linkIndex.set(`${a}:${b}`, i);
    linkIndex.set(`${b}:${a}`, i);
  });
  const input = {
    graph,
    unitOf,
    opCycles,
    clockHz: system.units.map((u) => u.target.clockHz),
    outputBytes,
    links: system.links,
    linkBetween: (a: number, b: number) => linkIndex.get(`${a}:${b}`) ?? missingLink(system, a, b),
  };
  const sched = schedule(input, system.units.length);
  const latencyMs = sched.latencySeconds * 1e3;
  const linkBusyMs = system.links.map((_, l) => (sched.busySeconds[system.units.length + 2 * l]! + sched.busySeconds[system.units.length + 2 * l + 1]!) * 1e3);
  const linkDirectionMs = Array.from({ length: 2 * system.links.length }, (_, k) => sched.busySeconds[system.units.length + k]! * 1e3);
  const periodMs = Math.max(...results.map((r) => r.latencyMs), ...linkDirectionMs, 0);
  const share = (resource: number) => (latencyMs > 0 ? (sched.criticalSeconds[resource]! * 1e3) / latencyMs : 0);
  const units = system.units.map((unit, u): UnitResult => ({
    name: unit.name,
    result: results[u]!,
    busyMs: results[u]!.latencyMs,
    idleMs: Math.max(0, latencyMs - results[u]!.latencyMs),
    utilization: periodMs > 0 ? results[u]!.latencyMs / periodMs : 0,
    criticalPathShare: share(u),
    memory: unitMemory(graph, unitOf, u, unit.target),
  }));
  const links = system.links.map((l, i): LinkResult => ({
    between: l.between,
    busyMs: linkBusyMs[i]!,
    criticalPathShare: share(system.units.length + 2 * i) + share(system.units.length + 2 * i + 1),
  }));
  return {
    system: system.name,
    model: graph.model,
    latencyMs,
    periodMs,
    units,
    links,
    transfers: transferRecords(graph, sched.items, unitOf, system),
    // The units' energy (each its own engine's) plus every byte that crossed a link at the link's price.
    energyMj: results.reduce((sum, r) => sum + r.energyMj, 0) + linkEnergyMj(sched.items, system),
    ...(control === undefined ? {} : { control: controlVerdict(control, latencyMs, periodMs) }),
    items: sched.items,
    ...(extra.overlap === true ? { overlapped: schedule(input, system.units.length, 2).items } : {}),
  };
}

function linkEnergyMj(items: readonly ScheduledItem[], system: System): number {
  const units = system.units.length;
  let pj = 0;
  for (const item of items) if (item.transfer) pj += item.bytes * system.links[Math.floor((item.resource - units) / 2)]!.pjPerByte;
  return pj / 1e9;
}

function missingLink(system: System, a: number, b: number): never {
  const [x, y] = [system.units[a]!.name, system.units[b]!.name];
  throw new InputError(`system ${system.name}: a tensor crosses from ${x} to ${y}, but no link joins them; add { between: [${x}, ${y}], bandwidth_gbps: …, latency_us: … } to links`);
}
