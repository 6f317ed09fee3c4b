/**
 * One evaluation of the page's state, by the functions `simulate` runs: overrides parsed as `--set` parses
 * them, the model resolved and its graph built, then simulate on the target or simulateSystem on the system.
 * Pure: the page times it and draws the outcome.
 */
import { InputError } from "../common/errors.js";
import { withoutNonFinite } from "../common/show.js";
import { buildGraph } from "../graph/build.js";
import type { Graph } from "../graph/types.js";
import { resolveTarget } from "../hardware/target.js";
import { controlOptionsOf } from "../load/control-options.js";
import { splitSets } from "../load/sets.js";
import { resolveModel } from "../model/resolve.js";
import { simulate } from "../simulate/simulate.js";
import type { SimulationResult } from "../simulate/types.js";
import { controlVerdict, type ControlVerdict, type LoopMode } from "../system/control.js";
import { simulateSystem, type SystemResult } from "../system/simulate-system.js";
import { resolveSystem } from "../hardware/system-spec.js";
import type { System } from "../hardware/system.js";
import type { ExplorerData } from "../load/explorer-data.js";
import type { ExplorerSpecs } from "./data.js";
import { CONTROL_FLAGS } from "./controls.js";
import { chosenTarget, REPEATED, setsOf, type ExplorerState } from "./state.js";

/** What the page shows, the same for one target and for a system (a target is a system of one unit). */
export interface Outcome {
  readonly latencyMs: number;
  readonly periodMs: number;
  readonly energyMj: number;
  readonly areaMm2: number;
  /** MACs per inference ÷ (every unit's peak MACs per second × period): macUtilization, as simulate names it. */
  readonly macUtilization: number;
  readonly averagePowerW: number;
  readonly control?: ControlVerdict;
  /** One simulation per unit (one for a target), each with its components, ops and breakdowns. */
  readonly units: readonly {
    readonly name: string;
    readonly result: SimulationResult;
    readonly busyMs: number;
    readonly criticalPathShare?: number;
  }[];
  readonly system?: { readonly result: SystemResult; readonly system: System };
}

export type Evaluation =
  { readonly ok: true; readonly outcome: Outcome } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The graphs built so far, by the model overrides that built them: a slider on a unit or a target field
 * leaves the model as it was, so its graph is built once (the page keeps one of these; a graph is a value).
 */
export type GraphMemo = Map<string, Graph>;

export function evaluate(
  data: ExplorerData,
  specs: ExplorerSpecs,
  state: ExplorerState,
  graphs: GraphMemo = new Map(),
): Evaluation {
  try {
    return { ok: true, outcome: outcomeOf(data, specs, state, graphs) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // As the CLI prints them (cli/main.ts): no NaN or Infinity shown.
    return { ok: false, problems: error.problems.map(withoutNonFinite) };
  }
}

/** Memo entries kept at most: a slider dragged over a model parameter builds one graph per value. */
const MEMO_GRAPHS = 8;

function graphOf(specs: ExplorerSpecs, sets: ReturnType<typeof splitSets>, graphs: GraphMemo): Graph {
  const key = JSON.stringify(sets.model.map((o) => [o.key, o.value]));
  let graph = graphs.get(key);
  if (graph === undefined) {
    graph = buildGraph(resolveModel(specs.model, sets.model));
    if (graphs.size >= MEMO_GRAPHS) graphs.delete(graphs.keys().next().value!);
    graphs.set(key, graph);
  }
  return graph;
}

/**
 * What the page's address may hold besides `--set` keys: the flags the page applies (the control loop's, and a
 * target's choice among several). Anything else is refused, not ignored: a link carrying `--rate-hz` would
 * otherwise show a number the flag does not change.
 */
function checkFlags(data: ExplorerData, state: ExplorerState): void {
  const problems: string[] = [];
  const repeated = state.get(REPEATED);
  if (repeated !== undefined)
    problems.push(
      ...repeated.split(" ").map((name) => `${name} is given twice in the page's address; give each key once`),
    );
  for (const name of state.keys()) {
    if (!name.startsWith("-")) continue;
    const applied = (CONTROL_FLAGS as readonly string[]).includes(name) || (name === "-t" && data.system === undefined);
    if (!applied)
      problems.push(
        `${name} in the page's address: the page does not apply it (it applies --set keys, ${CONTROL_FLAGS.join(", ")}${data.system === undefined ? " and -t" : ""}); remove it`,
      );
  }
  if (problems.length > 0) throw new InputError(problems);
}

function outcomeOf(data: ExplorerData, specs: ExplorerSpecs, state: ExplorerState, graphs: GraphMemo): Outcome {
  checkFlags(data, state);
  const sets = splitSets(setsOf(state), { system: specs.system !== undefined });
  const flag = (name: string) => ((state.get(name) ?? "") === "" ? undefined : state.get(name));
  const loop = (graph: Parameters<typeof controlOptionsOf>[1]) =>
    controlOptionsOf(
      { controlHz: flag("--control-hz"), chunk: flag("--chunk"), horizon: flag("--horizon"), ...modeOf(state) },
      graph,
    );
  if (specs.system !== undefined) {
    // In simulate's order (cli/commands/simulate.ts), so the first problem reported is the CLI's.
    const system = resolveSystem(specs.system, sets.target);
    const graph = graphOf(specs, sets, graphs);
    const result = simulateSystem(graph, system, data.simulate, loop(graph));
    return {
      latencyMs: result.latencyMs,
      periodMs: result.periodMs,
      energyMj: result.energyMj,
      areaMm2: result.areaMm2,
      macUtilization: result.macUtilization,
      averagePowerW: result.averagePowerW,
      ...(result.control === undefined ? {} : { control: result.control }),
      units: result.units.map((u) => ({
        name: u.name,
        result: u.result,
        busyMs: u.busyMs,
        criticalPathShare: u.criticalPathShare,
      })),
      system: { result, system },
    };
  }
  const target = resolveTarget(specs.targets[chosenTarget(data, state)]!, sets.target);
  const graph = graphOf(specs, sets, graphs);
  const control = loop(graph);
  const result = simulate(graph, target, data.simulate);
  return {
    latencyMs: result.latencyMs,
    periodMs: result.latencyMs,
    energyMj: result.energyMj,
    areaMm2: result.areaMm2,
    macUtilization: result.utilization,
    averagePowerW: result.averagePowerW,
    ...(control === undefined ? {} : { control: controlVerdict(control, result.latencyMs, result.latencyMs) }),
    units: [{ name: result.target.name, result, busyMs: result.latencyMs }],
  };
}

/**
 * The page's --mode as the CLI takes it: async is the default its select shows, so only sync is passed on (and,
 * like the CLI's, refused without --control-hz); anything else in a hand-edited hash is refused.
 */
function modeOf(state: ExplorerState): { mode?: LoopMode } {
  const mode = state.get("--mode");
  if (mode === undefined || mode === "" || mode === "async") return {};
  if (mode === "sync") return { mode };
  throw new InputError(`--mode ${mode}: expected sync or async`);
}
