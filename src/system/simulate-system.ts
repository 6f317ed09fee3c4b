import type { EnergyBreakdown } from "../cost/energy.js";
import { opBytes } from "../graph/operands.js";
import type { Graph } from "../graph/types.js";
import { simulate } from "../simulate/simulate.js";
import { dynamicEnergyMj as dynamicEnergyOf } from "../simulate/energy-totals.js";
import { DEFAULT_SIMULATE_OPTIONS, type SimulateOptions, type SimulationResult } from "../simulate/types.js";
import { controlVerdict, type ControlOptions, type ControlVerdict } from "./control.js";
import { linkIndexOf } from "./links.js";
import { mapOps, placedGraph, unitGraph } from "./map.js";
import { unitMemory, type UnitMemory } from "./memory.js";
import { busySeconds, criticalSeconds, runSchedule } from "./schedule.js";
import { inferenceItems } from "./schedule-items.js";
import { layoutOf, linkResource, memoryResource, resourceKind } from "./resources.js";
import { scheduledItems, type ScheduledItem } from "./scheduled-item.js";
import { steadyState } from "./steady-state.js";
import { transferRecords, type TransferRecord } from "./transfers.js";
import { peakMacsPerCycle } from "../hardware/types.js";
import type { System } from "../hardware/system.js";

export interface UnitResult {
  readonly name: string;
  /** The unit's own simulation: the ops mapped to it, costed by its target's model (the one engine). */
  readonly result: SimulationResult;
  /** Time the unit works per inference. */
  readonly busyMs: number;
  /** Period − busy: the time per inference the unit waits when inferences run back to back. */
  readonly idleMs: number;
  /** busy ÷ period. */
  readonly busyFraction: number;
  /** The unit's MACs per inference ÷ (its peak MACs per second × period). */
  readonly macUtilization: number;
  readonly criticalPathShare: number;
  readonly memory: UnitMemory;
  /** Leakage of the unit's silicon, W: drawn over the whole period, busy or idle. */
  readonly staticPowerW: number;
  /** Energy of the unit's work per inference (MACs, array, SRAM, DRAM, vector), idle power excluded, mJ. */
  readonly dynamicEnergyMj: number;
  /** dynamicEnergyMj + staticPowerW × period. */
  readonly energyMj: number;
  /** energyMj by part, mJ: the unit's own dynamic parts, and `clock` and `static` its idle power over the period. */
  readonly energyBreakdown: EnergyBreakdown;
}

export interface LinkResult {
  readonly between: readonly [string, string];
  /** Both directions' busy time per inference. */
  readonly busyMs: number;
  /** The busier direction's busy time ÷ period. */
  readonly busyFraction: number;
  readonly criticalPathShare: number;
  /** Bytes that cross per inference, both directions. */
  readonly bytes: number;
  /** bytes × the link's pJ per byte. */
  readonly energyMj: number;
}

/** A shared memory as a resource of the schedule: the DRAM streams of the units that draw on it. */
export interface MemoryResult {
  readonly name: string;
  readonly units: readonly string[];
  /** Time per inference the memory streams (bytes ÷ its bandwidth). */
  readonly busyMs: number;
  readonly busyFraction: number;
  readonly criticalPathShare: number;
  /** DRAM bytes its units move per inference. */
  readonly bytes: number;
}

export interface SystemResult {
  readonly system: string;
  readonly model: string;
  /** The graph as the system ran it, whose op indices `items` and `transfers` use (instances placed one by one split). */
  readonly graph: Graph;
  /** Sequences (robots) one inference serves together; latency, period and energy are the whole batch's. */
  readonly batch: number;
  /** One inference alone, observation to actions: the end of its schedule. */
  readonly latencyMs: number;
  /** Time between completions when observations arrive back to back: the steady state of the pipelined schedule. */
  readonly periodMs: number;
  /** The busiest unit or link direction per inference: no schedule completes inferences faster. */
  readonly periodBoundMs: number;
  /** The unit or link direction that sets periodBoundMs ("xattn", "host → xattn"). */
  readonly bottleneck: string;
  readonly inferencesPerSecond: number;
  readonly macs: number;
  /** MACs per inference ÷ (Σ units' peak MACs per second × period). */
  readonly macUtilization: number;
  /** Σ units' dynamic energy + Σ links' energy + Σ units' idle power × period: per inference, back to back. */
  readonly energyMj: number;
  /** The same for one inference alone: every unit leaks for the latency. */
  readonly energyAloneMj: number;
  readonly dynamicEnergyMj: number;
  readonly staticPowerW: number;
  /** energyMj ÷ period. */
  readonly averagePowerW: number;
  readonly areaMm2: number;
  readonly units: readonly UnitResult[];
  readonly links: readonly LinkResult[];
  /** Shared memories (system files' `memories`); empty when every unit has its own DRAM. */
  readonly memories: readonly MemoryResult[];
  readonly transfers: readonly TransferRecord[];
  readonly control?: ControlVerdict;
  /** Every op execution and transfer of one inference alone, for timelines. */
  readonly items: readonly ScheduledItem[];
  /** The inferences whose steady state gives the period (with `pipelined`), for timelines and traces. */
  readonly pipelined?: readonly ScheduledItem[];
  /** How many inferences the period was read from, and the window of completions that repeats. */
  readonly steadyState: { readonly inferences: number; readonly window: number; readonly settled: boolean };
}

/** Maps a graph onto a system's units, costs each unit's ops, moves tensors over links and schedules it. */
export function simulateSystem(
  graph: Graph,
  system: System,
  options: SimulateOptions = DEFAULT_SIMULATE_OPTIONS,
  control?: ControlOptions,
  extra: { readonly pipelined?: boolean } = {},
): SystemResult {
  const placed = systemItems(graph, system, options);
  const { unitOf, results, items, clockHz } = placed;
  const alone = runSchedule(items, clockHz, { inferences: 1, keep: true });
  const latencyMs = alone.completion[0]! * 1e3;
  const busy = busySeconds(items, clockHz);
  let bound = 0;
  for (let r = 1; r < items.resources; r++) if (busy[r]! > busy[bound]!) bound = r;
  const steady = steadyState(items, clockHz, busy[bound]!, alone.completion[0]!, extra.pipelined === true);
  // A saturated bottleneck gives the bound itself; the difference of two completion times only rounds it.
  const saturated = Math.abs(steady.periodSeconds - busy[bound]!) <= 1e-9 * busy[bound]!;
  const periodMs = (saturated ? busy[bound]! : steady.periodSeconds) * 1e3;
  const critical = criticalSeconds(alone);
  const share = (resource: number) => (latencyMs > 0 ? (critical[resource]! * 1e3) / latencyMs : 0);
  const fraction = (ms: number) => (periodMs > 0 ? ms / periodMs : 0);

  const units = system.units.map((unit, u): UnitResult => {
    const r = results[u]!;
    const dynamicEnergyMj = dynamicEnergyOf(r);
    const peakMacsPerSecond = peakMacsPerCycle(unit.target) * unit.target.clockHz;
    return {
      name: unit.name,
      result: r,
      busyMs: busy[u]! * 1e3,
      idleMs: Math.max(0, periodMs - busy[u]! * 1e3),
      busyFraction: fraction(busy[u]! * 1e3),
      macUtilization: periodMs > 0 ? r.macs / (peakMacsPerSecond * (periodMs / 1e3)) : 0,
      criticalPathShare: share(u),
      memory: unitMemory(placed.graph, unitOf, u, unit.target, r),
      staticPowerW: r.staticPowerW,
      dynamicEnergyMj,
      energyMj: dynamicEnergyMj + r.staticPowerW * periodMs,
      energyBreakdown: {
        ...r.energyBreakdown,
        clock: r.idlePower.clockW * periodMs,
        static: r.idlePower.leakageW * periodMs,
      },
    };
  });
  const layout = layoutOf(system);
  const linkBytes = new Float64Array(system.links.length);
  const memoryBytes = new Float64Array(system.memories.length);
  for (let i = 0; i < items.size; i++) {
    const where = resourceKind(layout, items.resource[i]!);
    if (where.kind === "link") linkBytes[where.link] = linkBytes[where.link]! + items.bytes[i]!;
    if (where.kind === "memory") memoryBytes[where.memory] = memoryBytes[where.memory]! + items.bytes[i]!;
  }
  const links = system.links.map((l, i): LinkResult => {
    const [forward, back] = [busy[linkResource(layout, i, false)]! * 1e3, busy[linkResource(layout, i, true)]! * 1e3];
    return {
      between: l.between,
      busyMs: forward + back,
      busyFraction: fraction(Math.max(forward, back)),
      criticalPathShare: share(linkResource(layout, i, false)) + share(linkResource(layout, i, true)),
      bytes: linkBytes[i]!,
      energyMj: (linkBytes[i]! * l.pjPerByte) / 1e9,
    };
  });

  const memories = system.memories.map((m, i): MemoryResult => ({
    name: m.name,
    units: m.units,
    busyMs: busy[memoryResource(layout, i)]! * 1e3,
    busyFraction: fraction(busy[memoryResource(layout, i)]! * 1e3),
    criticalPathShare: share(memoryResource(layout, i)),
    bytes: memoryBytes[i]!,
  }));

  const dynamicEnergyMj = units.reduce((s, u) => s + u.dynamicEnergyMj, 0) + links.reduce((s, l) => s + l.energyMj, 0);
  const staticPowerW = units.reduce((s, u) => s + u.staticPowerW, 0);
  const energyMj = dynamicEnergyMj + staticPowerW * periodMs;
  const macs = results.reduce((s, r) => s + r.macs, 0);
  const peakMacsPerSecond = system.units.reduce((s, u) => s + peakMacsPerCycle(u.target) * u.target.clockHz, 0);
  const scheduled = scheduledItems(alone);
  return {
    system: system.name,
    model: graph.model,
    graph: placed.graph,
    batch: graph.batch ?? 1,
    latencyMs,
    periodMs,
    periodBoundMs: busy[bound]! * 1e3,
    bottleneck: resourceName(system, bound),
    inferencesPerSecond: periodMs > 0 ? 1e3 / periodMs : 0,
    macs,
    macUtilization: periodMs > 0 ? macs / (peakMacsPerSecond * (periodMs / 1e3)) : 0,
    energyMj,
    energyAloneMj: dynamicEnergyMj + staticPowerW * latencyMs,
    dynamicEnergyMj,
    staticPowerW,
    averagePowerW: periodMs > 0 ? energyMj / periodMs : staticPowerW,
    areaMm2: results.reduce((s, r) => s + r.areaMm2, 0),
    units,
    links,
    memories,
    transfers: transferRecords(placed.graph, scheduled, unitOf, system),
    ...(control === undefined ? {} : { control: controlVerdict(control, latencyMs, periodMs) }),
    items: scheduled,
    ...(extra.pipelined === true ? { pipelined: scheduledItems(steady.schedule) } : {}),
    steadyState: { inferences: steady.schedule.inferences, window: steady.window, settled: steady.settled },
  };
}

/**
 * The ops mapped to units, each unit's ops costed by its own engine, and one inference as schedulable items;
 * `graph` is the graph as placed (instances a rule places one by one are ops of their own).
 */
export function systemItems(modelGraph: Graph, system: System, options: SimulateOptions = DEFAULT_SIMULATE_OPTIONS) {
  const graph = placedGraph(modelGraph, system);
  const unitOf = mapOps(graph, system);
  const results = system.units.map((unit, u) => simulate(unitGraph(graph, unitOf, u), unit.target, options));
  // Each op's cycles from its unit's result, in graph order (a unit's results list its ops in graph order).
  const opCycles: number[] = new Array<number>(graph.ops.length);
  const opDramBytes: number[] = new Array<number>(graph.ops.length);
  const next = system.units.map(() => 0);
  graph.ops.forEach((_, i) => {
    const record = results[unitOf[i]!]!.ops[next[unitOf[i]!]!++]!;
    opCycles[i] = record.cycles;
    opDramBytes[i] = record.dramBytes;
  });
  const clockHz = system.units.map((u) => u.target.clockHz);
  const items = inferenceItems(
    {
      graph,
      unitOf,
      opCycles,
      clockHz,
      outputBytes: graph.ops.map((op, i) => opBytes(op, system.units[unitOf[i]!]!.target).outputBytes),
      links: system.links,
      linkBetween: linkIndexOf(system),
      memories: system.memories,
      memoryOf: system.units.map((u) => system.memories.findIndex((m) => m.units.includes(u.name))),
      opDramBytes,
    },
    system.units.length,
  );
  return { graph, unitOf, results, items, clockHz };
}

/** A unit's name, or a link direction as "from → to". */
export function resourceName(system: System, resource: number): string {
  const where = resourceKind(layoutOf(system), resource);
  if (where.kind === "unit") return system.units[where.unit]!.name;
  if (where.kind === "memory") return `memory ${system.memories[where.memory]!.name}`;
  const link = system.links[where.link]!;
  const [a, b] = link.between.map((n) => system.units.findIndex((u) => u.name === n)) as [number, number];
  const [low, high] = a < b ? [a, b] : [b, a];
  const [from, to] = where.back ? [high, low] : [low, high];
  return `${system.units[from]!.name} → ${system.units[to]!.name}`;
}
