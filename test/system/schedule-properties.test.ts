/**
 * The system schedule's invariants over hundreds of random systems (1–4 units of every kind of target, random
 * links and mappings) running random mixed-phase models: what the trace shows is a legal schedule, and every
 * system figure agrees with it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { opBytes } from "../../src/graph/operands.js";
import type { Graph } from "../../src/graph/types.js";
import type { System } from "../../src/hardware/system.js";
import { simulateSystem, systemItems } from "../../src/system/simulate-system.js";
import { modelOf, systemArb, systemOf } from "./random-system.js";

/** Bytes that must cross links, from the graph alone: each producer execution once per other unit that reads it. */
function expectedLinkBytes(graph: Graph, system: System, unitOf: Int32Array): number {
  const crossing = new Set<string>();
  const out = (p: number) => opBytes(graph.ops[p]!, system.units[unitOf[p]!]!.target).outputBytes;
  let bytes = 0;
  const cross = (p: number, e: number, to: number) => {
    const key = `${p}:${e}:${to}`;
    if (unitOf[p] === to || crossing.has(key)) return;
    crossing.add(key);
    bytes += out(p);
  };
  graph.ops.forEach((op, c) => {
    // Every execution of a producer is read by some execution of each consumer (one to one, the one it falls in,
    // or all of them gathered).
    for (const p of op.producers) for (let e = 0; e < graph.ops[p]!.count; e++) cross(p, e, unitOf[c]!);
  });
  // Each denoising step starts from what the previous step's last op produced.
  for (const name of new Set(graph.ops.map((o) => o.component))) {
    const steps = graph.ops.map((o, i) => ({ o, i })).filter(({ o }) => o.component === name && o.phase === "per_step");
    if (steps.length === 0) continue;
    const [first, last] = [steps[0]!, steps[steps.length - 1]!];
    for (let e = 1; e < first.o.count; e++) cross(last.i, e - 1, unitOf[first.i]!);
  }
  return bytes;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-12);

describe("the system schedule over random systems", () => {
  it("is legal, and latency, period, bound, MACs, link bytes and energy agree with it", () => {
    fc.assert(
      fc.property(systemArb, (spec) => {
        const graph = modelOf(spec.components);
        const system = systemOf(spec, spec.components.length, graph);
        const result = simulateSystem(graph, system, undefined, undefined, { pipelined: true });
        const { items, unitOf } = systemItems(graph, system);
        // The trace simulateSystem returns: item j·size + i is item i of inference j.
        const trace = result.pipelined!;
        const start = trace.map((t) => t.start);
        const end = trace.map((t) => t.end);
        expect(trace.length % items.size, "whole inferences").toBe(0);

        // No two items overlap on one unit or link direction.
        const byResource = new Map<number, number[]>();
        for (let id = 0; id < end.length; id++) {
          const r = items.resource[id % items.size]!;
          const list = byResource.get(r);
          if (list === undefined) byResource.set(r, [id]);
          else list.push(id);
        }
        // (Violations are collected and asserted once: an expect per item would dominate the test's time.)
        const overlaps: string[] = [];
        for (const ids of byResource.values()) {
          ids.sort((a, b) => start[a]! - start[b]! || end[a]! - end[b]!);
          for (let k = 1; k < ids.length; k++)
            if (start[ids[k]!]! < end[ids[k - 1]!]! - 1e-15) overlaps.push(`${ids[k - 1]} and ${ids[k]}`);
        }
        expect(overlaps, "items overlapping on a resource").toEqual([]);
        // No item starts before its inputs have ended (a transfer is an item of its own, so an op on another
        // unit waits for the crossing).
        const early: number[] = [];
        for (let id = 0; id < end.length; id++) {
          const j = Math.floor(id / items.size);
          const i = id % items.size;
          for (let k = items.depStart[i]!; k < items.depStart[i + 1]!; k++)
            if (start[id]! < end[j * items.size + items.deps[k]!]!) early.push(id);
        }
        expect(early, "items started before their inputs ended").toEqual([]);
        // The period is read off the trace: completions repeat with the reported window.
        const completion = Array.from({ length: trace.length / items.size }, () => 0);
        for (const item of result.pipelined!)
          completion[item.inference] = Math.max(completion[item.inference]!, item.end);
        const k = completion.length;
        const w = result.steadyState.window;
        if (result.steadyState.settled)
          expect(
            close(((completion[k - 1]! - completion[k - 1 - w]!) / w) * 1e3, result.periodMs),
            "period from the trace",
          ).toBe(true);
        // Bound ≤ period ≤ latency.
        expect(result.periodBoundMs, "bound ≤ period").toBeLessThanOrEqual(result.periodMs * (1 + 1e-9));
        expect(result.periodMs, "period ≤ latency").toBeLessThanOrEqual(result.latencyMs * (1 + 1e-9));
        // Latency: one inference alone, never less than any unit's work.
        expect(Math.max(...result.units.map((u) => u.busyMs)), "busy ≤ latency").toBeLessThanOrEqual(
          result.latencyMs * (1 + 1e-9),
        );

        // MACs conserved: the units' MACs add up to the model's.
        expect(result.macs, "MACs conserved").toBe(
          graph.ops.reduce((sum, op) => sum + (op.kind === "matmul" ? op.macs * op.count : 0), 0),
        );
        // Bytes over links: every producer execution read on another unit crosses once.
        expect(
          result.links.reduce((s, l) => s + l.bytes, 0),
          "link bytes",
        ).toBe(expectedLinkBytes(graph, system, unitOf));
        // Energy back to back: dynamic (units and links) + every unit leaking the whole period.
        const dynamic =
          result.units.reduce((s, u) => s + u.dynamicEnergyMj, 0) + result.links.reduce((s, l) => s + l.energyMj, 0);
        expect(
          close(result.energyMj, dynamic + result.units.reduce((s, u) => s + u.staticPowerW, 0) * result.periodMs),
        ).toBe(true);
        // Busy fractions are fractions of the period.
        expect(Math.max(...result.units.map((u) => u.busyFraction)), "busy fraction ≤ 1").toBeLessThanOrEqual(1 + 1e-9);
      }),
      { numRuns: 220 },
    );
  });
});

describe("a per-step component whose static block reads per-step ops (issue: TypeError in simulate -S)", () => {
  it("schedules on a system, the static tail after the last step", () => {
    const graph = modelOf([{ perStep: true, steps: 3, layers: 1, tokens: 8, width: 16, staticTail: true }]);
    const system = systemOf(
      {
        units: [3, 0],
        gbps: [4, 4, 4, 4, 4, 4],
        latencyUs: [5, 5, 5, 5, 5, 5],
        placement: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      },
      1,
      graph,
    );
    const result = simulateSystem(graph, system);
    const tail = graph.ops.findIndex((o) => o.name === "tail");
    const lastStep = Math.max(
      ...result.items.filter((i) => graph.ops[i.op]!.phase === "per_step" && !i.transfer).map((i) => i.end),
    );
    // The tail (static, on u1) gathers every step's output, so it starts after the last step has ended.
    expect(result.items.find((i) => i.op === tail && !i.transfer)!.start).toBeGreaterThanOrEqual(lastStep);
    expect(result.latencyMs).toBeGreaterThan(0);
  });
});
