/**
 * A system's schedule in the Chrome Trace Event format (the "JSON Object Format" of Google's Trace Event
 * Format document), which Perfetto (ui.perfetto.dev) and chrome://tracing open: one complete event (`ph: "X"`)
 * per op execution or transfer, `ts` and `dur` in µs, one thread per unit and per link direction.
 */
import { opLabel } from "../../graph/instances.js";
import { layoutOf, resourceCount } from "../../system/resources.js";
import type { System } from "../../hardware/system.js";
import type { ScheduledItem } from "../../system/scheduled-item.js";
import { resourceName, type SystemResult } from "../../system/simulate-system.js";

/** Written first in every trace, so that a later run knows the file is ours to replace. */
export const TRACE_GENERATOR = "accel-sizer trace";

export function chromeTrace(system: System, result: SystemResult, version: string): string {
  const graph = result.graph;
  const items: readonly ScheduledItem[] = result.pipelined ?? result.items;
  const resources = resourceCount(layoutOf(system));
  const used = new Set(items.map((i) => i.resource));
  const threads = Array.from({ length: resources }, (_, r) => r).filter((r) => r < system.units.length || used.has(r));
  const events: object[] = [
    { name: "process_name", ph: "M", pid: 1, tid: 0, args: { name: `${result.model} on ${result.system}` } },
    ...threads.flatMap((r) => [
      { name: "thread_name", ph: "M", pid: 1, tid: r, args: { name: resourceName(system, r) } },
      { name: "thread_sort_index", ph: "M", pid: 1, tid: r, args: { sort_index: r } },
    ]),
  ];
  for (const item of items) {
    const op = graph.ops[item.op]!;
    const name = opLabel(op);
    events.push({
      name: item.transfer ? `→ ${name}` : item.memory ? `DRAM ${name}` : name,
      cat: item.transfer ? "transfer" : item.memory ? "memory" : op.component,
      ph: "X",
      pid: 1,
      tid: item.resource,
      ts: item.start * 1e6,
      dur: (item.end - item.start) * 1e6,
      args: {
        inference: item.inference,
        op: name,
        component: op.component,
        ...(op.instance === undefined ? {} : { instance: op.instance }),
        layer: op.layer,
        execution: item.execution,
        ...(item.transfer || item.memory ? { bytes: item.bytes } : {}),
      },
    });
  }
  const otherData = {
    generator: TRACE_GENERATOR,
    version,
    latencyMs: result.latencyMs,
    periodMs: result.periodMs,
    periodBoundMs: result.periodBoundMs,
    inferences: result.steadyState.inferences,
  };
  return `{"otherData":${JSON.stringify(otherData)},"displayTimeUnit":"ms","traceEvents":[\n${events.map((e) => JSON.stringify(e)).join(",\n")}\n]}\n`;
}
