import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../common/errors.js";
import { closest } from "../common/suggest.js";
import type { Graph } from "../graph/types.js";
import { buildGraph } from "../graph/build.js";
import { scopeGraph } from "../graph/scope.js";
import { loadModel, loadTopology } from "../load/load.js";
import type { Override } from "../common/override.js";

export { parseAssignment, parseSets, splitSets } from "../load/sets.js";

/** The workload: a model file (`-m`) or a SCALE-Sim GEMM topology (`-w`), exactly one of them. */
export function loadWorkload(
  options: { model?: string; workload?: string; component?: string },
  overrides: readonly Override[],
): Graph {
  const graph = loadWhole(options, overrides);
  return options.component === undefined ? graph : scopeGraph(graph, options.component);
}

function loadWhole(options: { model?: string; workload?: string }, overrides: readonly Override[]): Graph {
  if ((options.model === undefined) === (options.workload === undefined)) {
    throw new InputError("give exactly one workload: -m <model.yaml> or -w <scalesim-topology.csv>");
  }
  if (options.workload !== undefined) {
    if (overrides.length > 0)
      throw new InputError(`--set ${overrides[0]!.key}: a SCALE-Sim topology has no parameters`);
    return loadTopology(options.workload);
  }
  return buildGraph(loadModel(options.model!, overrides));
}

/** Where a bare name is looked up: `-m smolvla` is models/smolvla.yaml, `-t tpu-v1` is hardware/tpu-v1.yaml. */
const NAMED_FOLDERS = { model: "models", target: "hardware", system: "hardware/systems" } as const;
/** The package's own folders, for a name not found in the working folder (an installed accel-sizer). */
const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const INPUT_FILE = /\.(ya?ml|cfg)$/i;

/**
 * A model or target argument as a file: an existing path as given; else a bare name (no folder, no
 * extension needed) in ./models or ./hardware, then in the package's own. A miss names the closest files.
 */
export function inputPath(arg: string, kind: keyof typeof NAMED_FOLDERS): string {
  if (existsSync(arg)) return arg;
  const folder = NAMED_FOLDERS[kind];
  const bare = !/[\\/]/.test(arg);
  if (bare) {
    for (const root of [".", PACKAGE_ROOT]) {
      for (const name of [arg, `${arg}.yaml`]) {
        const candidate = join(root, folder, name);
        if (isFile(candidate)) return root === "." ? join(folder, name) : candidate;
      }
    }
  }
  if (bare) refuseOtherKind(arg, kind);
  const where = bare ? folder : dirname(arg);
  const names = filesIn(where).filter((f) => INPUT_FILE.test(f) && f !== "schema.json");
  const wanted = basename(arg);
  const near =
    closest(wanted, names) ??
    closest(
      wanted.replace(INPUT_FILE, ""),
      names.map((n) => n.replace(INPUT_FILE, "")),
    );
  const flag = { model: "-m", target: "-t", system: "--system" }[kind];
  const hint =
    near !== undefined
      ? `; did you mean ${join(
          where,
          names.find((n) => n === near || n.replace(INPUT_FILE, "") === near)!,
        )}?`
      : names.length > 0
        ? `; ${where}/ has ${names.join(", ")}`
        : bare
          ? ` (a bare name is looked up as ${folder}/<name>.yaml)`
          : "";
  throw new InputError(`${flag} ${arg}: no such file${hint}`);
}

/** A bare name that is a system given as a target (`-t xattn-only`), or a target given as a system: say which flag. */
function refuseOtherKind(arg: string, kind: keyof typeof NAMED_FOLDERS): void {
  const other = kind === "target" ? "system" : kind === "system" ? "target" : undefined;
  if (other === undefined) return;
  for (const root of [".", PACKAGE_ROOT]) {
    for (const name of [arg, `${arg}.yaml`]) {
      const candidate = join(root, NAMED_FOLDERS[other], name);
      if (!isFile(candidate)) continue;
      const shown = root === "." ? join(NAMED_FOLDERS[other], name) : candidate;
      const [flag, use] = kind === "target" ? ["-t", "-S"] : ["--system", "-t"];
      throw new InputError(`${flag} ${arg}: ${arg} is a ${other} (${shown}); give it with ${use} ${arg}`);
    }
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function filesIn(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}

/** Commander parsers: `-m`/`-t` values resolved as files when parsed (single, or collected when repeatable). */
export const modelFile = (value: string): string => inputPath(value, "model");
export const targetFile = (value: string): string => inputPath(value, "target");
export const systemFile = (value: string): string => inputPath(value, "system");
export const collectModels = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  modelFile(value),
];
export const collectTargets = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  targetFile(value),
];
