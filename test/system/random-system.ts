/** Random mixed-phase models and random systems of 1–4 units, for the schedule's property tests. */
import fc from "fast-check";
import { globMatch } from "../../src/system/map.js";
import { buildGraph } from "../../src/graph/build.js";
import type { Graph } from "../../src/graph/types.js";
import type { System } from "../../src/hardware/system.js";
import { loadTarget } from "../../src/load/load.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";

export interface ComponentSpec {
  readonly perStep: boolean;
  readonly steps: number;
  readonly layers: number;
  readonly tokens: number;
  readonly width: number;
  readonly staticTail: boolean;
}

export interface SystemSpecOf {
  readonly units: readonly number[];
  readonly gbps: readonly number[];
  readonly latencyUs: readonly number[];
  readonly placement: readonly number[];
}

export const TARGETS = ["xattn-unit", "tpu-v1", "edge-npu", "jetson-orin"].map((name) =>
  loadTarget(`hardware/${name}.yaml`),
);

const component = fc.record({
  perStep: fc.boolean(),
  steps: fc.integer({ min: 1, max: 4 }),
  layers: fc.integer({ min: 1, max: 3 }),
  tokens: fc.integer({ min: 1, max: 64 }),
  width: fc.constantFrom(16, 48, 96),
  // A per-step component's block that runs once per inference (phase: static), reading per-step ops.
  staticTail: fc.boolean(),
});

export function modelOf(parts: readonly ComponentSpec[]): Graph {
  const lines = ["name: random", "chunk_actions: 8", "components:"];
  parts.forEach((p, c) => {
    lines.push(`  - name: c${c}`);
    if (c > 0) lines.push(`    input_from: c${c - 1}`);
    if (p.perStep) lines.push("    phase: per_step", `    steps: ${p.steps}`);
    lines.push("    layers:", `      - repeat: ${p.layers}`, "        blocks:");
    lines.push(`          - { type: linear, name: proj, tokens: ${p.tokens}, in: ${p.width}, out: ${p.width} }`);
    lines.push(
      `          - { type: mlp, name: mlp, tokens: ${p.tokens}, hidden: ${p.width}, ffn: ${2 * p.width}, gated: false }`,
    );
    // After the last per-step layer: no later step reads it back (that would be a cycle, refused).
    if (p.perStep && p.staticTail)
      lines.push(
        "      - repeat: 1",
        "        blocks:",
        `          - { type: linear, name: tail, tokens: ${p.tokens}, in: ${p.width}, out: ${p.width}, phase: static }`,
      );
  });
  return buildGraph(resolveModel(parseModelSpec(lines.join("\n"), "random.yaml")));
}

export const systemArb = fc.record({
  components: fc.array(component, { minLength: 1, maxLength: 3 }),
  units: fc.array(fc.integer({ min: 0, max: TARGETS.length - 1 }), { minLength: 1, maxLength: 4 }),
  gbps: fc.array(fc.double({ min: 0.25, max: 64, noNaN: true }), { minLength: 6, maxLength: 6 }),
  latencyUs: fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 6, maxLength: 6 }),
  // Which unit each (component, op name) runs on, as map rules: indices taken modulo the unit count.
  placement: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }),
});

/** A random system for `graph`: map rules only for the ops it has (a rule that matches no op is refused). */
export function systemOf(spec: SystemSpecOf, components: number, graph?: Graph): System {
  const names = spec.units.map((_, u) => `u${u}`);
  const links: System["links"][number][] = [];
  for (let a = 0; a < names.length; a++) {
    for (let b = a + 1; b < names.length; b++) {
      const k = links.length;
      links.push({
        between: [names[a]!, names[b]!],
        bytesPerSecond: spec.gbps[k]! * 1e9,
        latencySeconds: spec.latencyUs[k]! * 1e-6,
        pjPerByte: 5 + k,
      });
    }
  }
  const ops = ["proj", "mlp_up", "tail", "mlp_down"];
  const rules = Array.from({ length: components }, (_, c) =>
    ops.map((op, k) => ({
      component: `c${c}`,
      op: `${op}*`,
      unit: names[spec.placement[(c * 4 + k) % 12]! % names.length]!,
    })),
  )
    .flat()
    .filter(
      (rule) =>
        graph === undefined || graph.ops.some((o) => o.component === rule.component && globMatch(rule.op, o.name)),
    );
  return {
    name: "random",
    description: "",
    units: spec.units.map((t, u) => ({ name: names[u]!, target: TARGETS[t]!, targetFile: "" })),
    links,
    rules,
    defaultUnit: names[0]!,
    memories: [],
  };
}
