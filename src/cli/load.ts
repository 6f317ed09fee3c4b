import { InputError } from "../common/errors.js";
import { isTargetKey, type TargetOverride } from "../hardware/target.js";
import type { Graph } from "../graph/types.js";
import { buildGraph } from "../graph/build.js";
import { loadModel, loadTopology } from "../load/load.js";
import { parseAssignment } from "../model/params.js";
import type { Override } from "../model/resolve.js";

/** `--set key=value` flags as overrides, each key given once. */
export function parseSets(sets: readonly string[] | undefined): Override[] {
  const overrides = (sets ?? []).map(parseAssignment);
  const seen = new Set<string>();
  for (const { key } of overrides) {
    if (seen.has(key)) throw new InputError(`--set ${key} is given twice; give each key once`);
    seen.add(key);
  }
  return overrides;
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
    return loadTopology(options.workload);
  }
  return buildGraph(loadModel(options.model!, overrides));
}
