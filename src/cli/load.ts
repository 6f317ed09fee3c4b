import { InputError } from "../common/errors.js";
import { isTargetKey, type TargetOverride } from "../hardware/target.js";
import type { Graph } from "../graph/types.js";
import { buildGraph } from "../graph/build.js";
import { loadModel, loadTopology } from "../load/load.js";
import type { Override } from "../model/resolve.js";

/** Parses one `--set key=value` into an override whose errors name the flag: a number, or an expression. */
export function parseAssignment(text: string): Override {
  const eq = text.indexOf("=");
  if (eq <= 0 || eq === text.length - 1) {
    throw new InputError(`--set '${text}': expected key=value, e.g. --set cameras=3`);
  }
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  if (!/^[A-Za-z_$][\w.]*$/.test(key)) {
    throw new InputError(`--set '${text}': '${key}' is not a parameter path (e.g. cameras or action_expert.steps)`);
  }
  const asNumber = Number(raw);
  return { key, value: raw !== "" && Number.isFinite(asNumber) ? asNumber : raw, source: `--set ${key}` };
}

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

/**
 * Splits `--set` overrides into hardware fields (mac_array.rows, clock_mhz, …; with a system,
 * units.<unit>.<field>) and model parameters.
 */
export function splitSets(sets: readonly string[] | undefined, options: { system?: boolean } = {}): { model: Override[]; target: TargetOverride[] } {
  const model: Override[] = [];
  const target: TargetOverride[] = [];
  const isHardware = (key: string) => (options.system === true ? key.startsWith("units.") : isTargetKey(key));
  for (const o of parseSets(sets)) (isHardware(o.key) ? target : model).push(o);
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
