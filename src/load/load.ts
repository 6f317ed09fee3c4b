/**
 * Reading input files from disk into checked specs and resolved models and targets: the only place the
 * library touches files besides the report writer. Errors name the file, the line and column, and the key.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../common/errors.js";
import { parseScaleSimTopology } from "../graph/topology.js";
import type { Graph } from "../graph/types.js";
import { parseTargetSpec, resolveTarget, targetSpecOfText, type TargetSpec } from "../hardware/target.js";
import type { Target } from "../hardware/types.js";
import type { Expr } from "../model/expr.js";
import { parseModelSpec, resolveModel, type ModelSpec } from "../model/resolve.js";
import { type Override } from "../common/override.js";
import type { Model } from "../model/types.js";
import { readInputFile } from "./read-input.js";

/**
 * Parameter or field overrides: a plain object (`{ cameras: 3, "action_expert.steps": 5 }`) or a list of
 * `{ key, value }`. A value is a number or an expression over the model's parameters (`"2 * cameras"`).
 */
export type Overrides = Readonly<Record<string, Expr>> | readonly Override[];

export function overrideList(overrides: Overrides | undefined): Override[] {
  if (overrides === undefined) return [];
  if (Array.isArray(overrides)) return [...(overrides as readonly Override[])];
  return Object.entries(overrides).map(([key, value]) => ({ key, value }));
}

/** A model file checked against the schema, its parameters not yet evaluated (overrides apply later). */
export function loadModelSpec(path: string): ModelSpec {
  return parseModelSpec(readInputFile(path), path);
}

/**
 * A model file with its parameters and dimensions evaluated, overrides applied.
 * @example
 * const model = loadModel("models/smolvla.yaml", { cameras: 3 });
 */
export function loadModel(path: string, overrides?: Overrides): Model {
  return resolveModel(loadModelSpec(path), overrideList(overrides));
}

/** A model from YAML text already in memory; `fileName` names it in error messages. */
export function parseModel(text: string, fileName: string, overrides?: Overrides): Model {
  return resolveModel(parseModelSpec(text, fileName), overrideList(overrides));
}

/** A target from a YAML file, or from a SCALE-Sim `.cfg` (which takes the same override keys). */
export function loadTargetSpec(path: string): TargetSpec {
  return targetSpecOfText(readInputFile(path), path);
}

/**
 * A target with units converted (Hz, bytes, bytes per second), overrides such as `{ "mac_array.rows": 32 }` applied.
 * @example
 * const target = loadTarget("hardware/xattn-unit.yaml");
 */
export function loadTarget(path: string, overrides?: Overrides): Target {
  return resolveTarget(loadTargetSpec(path), overrideList(overrides));
}

/** A target from YAML text already in memory; `fileName` names it in error messages. */
export function parseTarget(text: string, fileName: string, overrides?: Overrides): Target {
  return resolveTarget(parseTargetSpec(text, fileName), overrideList(overrides));
}

/** The target YAML files in a folder, sorted (schema.json and other non-YAML files are not targets). */
export function targetFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new InputError(`${dir}: cannot list the folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return names
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/** A SCALE-Sim GEMM topology CSV (`Layer, M, N, K,`) as a graph of static matmuls. */
export function loadTopology(path: string): Graph {
  return parseScaleSimTopology(readInputFile(path), path);
}
