import type { Graph, Op } from "../graph/types.js";
import type { MapRule, System } from "../hardware/system.js";

/** A glob as a regular expression: `*` any run of characters, `?` one; everything else literal. */
function globRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

function matches(rule: MapRule, op: Op, compiled: Map<string, RegExp>): boolean {
  const test = (pattern: string | undefined, value: string) => {
    if (pattern === undefined) return true;
    let re = compiled.get(pattern);
    if (re === undefined) compiled.set(pattern, (re = globRegExp(pattern)));
    return re.test(value);
  };
  return test(rule.component, op.component) && test(rule.block, op.block) && test(rule.op, op.name);
}

/** The unit index of every op: the first rule that matches it, else the default unit. */
export function mapOps(graph: Graph, system: System): Int32Array {
  const index = new Map(system.units.map((u, i) => [u.name, i]));
  const compiled = new Map<string, RegExp>();
  const fallback = index.get(system.defaultUnit)!;
  const unitOf = new Int32Array(graph.ops.length);
  graph.ops.forEach((op, i) => {
    const rule = system.rules.find((r) => matches(r, op, compiled));
    unitOf[i] = rule === undefined ? fallback : index.get(rule.unit)!;
  });
  return unitOf;
}

/** The graph of the ops on one unit (same components, fewer ops), for that unit's cost model. */
export function unitGraph(graph: Graph, unitOf: Int32Array, unit: number): Graph {
  return { ...graph, ops: graph.ops.filter((_, i) => unitOf[i] === unit) };
}
