import { InputError } from "../common/errors.js";
import { buildGraph } from "../graph/build.js";
import { parseScaleSimTopology } from "../graph/topology.js";
import { parseScaleSimCfg } from "../hardware/scalesim-cfg.js";
import { isTargetKey, parseTargetSpec, resolveTarget, type TargetOverride, type TargetSpec } from "../hardware/target.js";
import type { Target } from "../hardware/types.js";
import type { Graph } from "../graph/types.js";
import { parseAssignment } from "../model/params.js";
import { parseModelSpec, resolveModel, type ModelSpec, type Override } from "../model/resolve.js";
import type { Model } from "../model/types.js";
import { readInputFile } from "./io.js";

export interface LoadedModel {
  readonly path: string;
  readonly spec: ModelSpec;
  readonly model: Model;
  readonly graph: Graph;
}

export function loadModelSpec(path: string): ModelSpec {
  return parseModelSpec(readInputFile(path), path);
}

export function loadModel(path: string, overrides: readonly Override[]): LoadedModel {
  const spec = loadModelSpec(path);
  const model = resolveModel(spec, overrides);
  return { path, spec, model, graph: buildGraph(model) };
}

export function parseSets(sets: readonly string[] | undefined): Override[] {
  const overrides = (sets ?? []).map(parseAssignment);
  const seen = new Set<string>();
  for (const { key } of overrides) {
    if (seen.has(key)) throw new InputError(`--set ${key} is given twice; give each key once`);
    seen.add(key);
  }
  return overrides;
}

export interface LoadedTarget {
  readonly path: string;
  readonly target: Target;
}

/** A target from a YAML file, or from a SCALE-Sim `.cfg` (which takes no overrides but the same keys). */
export function loadTargetSpec(path: string): TargetSpec {
  const text = readInputFile(path);
  if (path.toLowerCase().endsWith(".cfg")) {
    const file = parseScaleSimCfg(text, path);
    return { fileName: path, source: { fileName: path, data: file, locate: () => path } };
  }
  return parseTargetSpec(text, path);
}

export function loadTarget(path: string, overrides: readonly TargetOverride[]): LoadedTarget {
  return { path, target: resolveTarget(loadTargetSpec(path), overrides) };
}

/** Splits `--set` overrides into target fields (mac_array.rows, clock_mhz, …) and model parameters. */
export function splitSets(sets: readonly string[] | undefined): { model: Override[]; target: TargetOverride[] } {
  const model: Override[] = [];
  const target: TargetOverride[] = [];
  for (const o of parseSets(sets)) (isTargetKey(o.key) ? target : model).push(o);
  return { model, target };
}

/** The workload: a model file (`-m`) or a SCALE-Sim GEMM topology (`-w`), exactly one of them. */
export function loadWorkload(options: { model?: string; workload?: string }, overrides: readonly Override[]): Graph {
  if ((options.model === undefined) === (options.workload === undefined)) {
    throw new InputError("give exactly one workload: -m <model.yaml> or -w <scalesim-topology.csv>");
  }
  if (options.workload !== undefined) {
    if (overrides.length > 0) throw new InputError(`--set ${overrides[0]!.key}: a SCALE-Sim topology has no parameters`);
    return parseScaleSimTopology(readInputFile(options.workload), options.workload);
  }
  return loadModel(options.model!, overrides).graph;
}
