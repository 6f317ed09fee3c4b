import { buildGraph } from "../graph/build.js";
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
  return (sets ?? []).map(parseAssignment);
}
