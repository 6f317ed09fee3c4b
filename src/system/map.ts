import { expectDefined } from "../common/expect.js";
import { splitInstances } from "../graph/instances.js";
import type { Graph, Op } from "../graph/types.js";
import { InputError, withContext } from "../common/errors.js";
import { didYouMean } from "../common/suggest.js";
import type { MapRule, System } from "../hardware/system.js";

/**
 * Whether `text` matches a glob: `*` any run of characters, `?` one, everything else literal. Greedy with one
 * backtrack point (the last `*`), so at most |pattern| × |text| steps: a regular expression of `.*`s backtracks
 * exponentially (a 17-character rule of stars ran for minutes).
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === "?" || (pattern[p] !== "*" && pattern[p] === text[t]))) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

function matches(rule: MapRule, op: Op): boolean {
  const test = (pattern: string | undefined, value: string) => pattern === undefined || globMatch(pattern, value);
  return (
    test(rule.component, op.component) &&
    test(rule.block, op.block) &&
    test(rule.op, op.name) &&
    // An op of a component run once is its instance 0.
    (rule.instance === undefined || rule.instance === (op.instance ?? 0))
  );
}

/**
 * The graph as the system runs it: the instances of every component a rule places by `instance` (a camera's
 * vision pass on a unit of its own) split into ops of their own (graph/instances.ts); otherwise the graph.
 */
export function placedGraph(graph: Graph, system: System): Graph {
  const placing = system.rules.filter((r) => r.instance !== undefined);
  if (placing.length === 0) return graph;
  // A component that cannot be split is the placing rules' problem: the first one's line says where.
  return withContext(placing[0]!.where ?? "map", () =>
    splitInstances(graph, (component) =>
      placing.some((r) => r.component === undefined || globMatch(r.component, component)),
    ),
  );
}

/**
 * The unit index of every op: the first rule that matches it, else the default unit. A rule that matches no op
 * of the model is refused: it is a misspelt name, and everything it was meant for would run on the default unit.
 */
export function mapOps(graph: Graph, system: System): Int32Array {
  const index = new Map(system.units.map((u, i) => [u.name, i]));
  const fallback = expectDefined(index.get(system.defaultUnit), `default unit ${system.defaultUnit}`);
  const unitOf = new Int32Array(graph.ops.length);
  // The rule each op goes by (−1: the default unit), and whether each rule wins any op.
  const ruleOf = new Int32Array(graph.ops.length);
  const won = new Uint8Array(system.rules.length);
  graph.ops.forEach((op, i) => {
    const r = system.rules.findIndex((rule) => matches(rule, op));
    ruleOf[i] = r;
    if (r >= 0) won[r] = 1;
    const rule = system.rules[r];
    unitOf[i] = rule === undefined ? fallback : expectDefined(index.get(rule.unit), `unit ${rule.unit}`);
  });
  const idle = system.rules.filter((rule) => !graph.ops.some((op) => matches(rule, op)) && !spareInstance(rule, graph));
  if (idle.length > 0) throw new InputError(idle.map((rule) => unmatchedRule(rule, graph)));
  // A rule every op of which an earlier rule takes never applies: the file says one thing, the system does another.
  const shadowed = system.rules.flatMap((rule, r) => {
    if (won[r] === 1) return [];
    const first = graph.ops.findIndex((op) => matches(rule, op));
    if (first < 0) return [];
    const earlier = system.rules[ruleOf[first]!]!;
    return [
      `${rule.where ?? "map"}: the rule { ${describeRule(rule)} } never applies: the earlier rule { ${describeRule(earlier)} }${earlier.where === undefined ? "" : ` (${earlier.where})`} takes every op it matches (first match wins); put it first, or drop it`,
    ];
  });
  if (shadowed.length > 0) throw new InputError(shadowed);
  return unitOf;
}

/**
 * A rule for an instance beyond what its component runs (camera 2 of a model set to one camera): not a
 * misspelling but a unit left spare, so that one system serves a sweep over the camera count.
 */
function spareInstance(rule: MapRule, graph: Graph): boolean {
  if (rule.instance === undefined) return false;
  const named = graph.components.filter((c) => rule.component === undefined || globMatch(rule.component, c.name));
  return named.length > 0 && named.every((c) => rule.instance! >= c.instances);
}

function unmatchedRule(rule: MapRule, graph: Graph): string {
  const components = [...new Set(graph.ops.map((op) => op.component))];
  const shown = describeRule(rule);
  const named = graph.components.filter((c) => rule.component === undefined || globMatch(rule.component, c.name));
  const hint =
    named.length === 0
      ? `${didYouMean(rule.component ?? "", components)}; ${graph.model}'s components: ${components.join(", ")}`
      : "";
  return `${rule.where ?? "map"}: the rule { ${shown} } matches no op of ${graph.model}${hint}`;
}

/** The graph of the ops on one unit (same components, fewer ops), for that unit's cost model. */
export function unitGraph(graph: Graph, unitOf: Int32Array, unit: number): Graph {
  return { ...graph, ops: graph.ops.filter((_, i) => unitOf[i] === unit) };
}

/** "component: vision_encoder, instance: 1": what a rule selects, as its file writes it. */
function describeRule(rule: MapRule): string {
  return (["component", "block", "op", "instance"] as const)
    .flatMap((k) => (rule[k] === undefined ? [] : [`${k}: ${rule[k]}`]))
    .join(", ");
}
