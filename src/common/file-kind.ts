import { InputError } from "./errors.js";
import type { YamlSource } from "./yaml-source.js";

/** The top-level key only a file of each kind has (validate reads a file's kind the same way). */
export const KIND_MARKERS = { model: "components", "hardware target": "mac_array", system: "units" } as const;

export type FileKind = keyof typeof KIND_MARKERS;

/**
 * Refuses, in one line, a file of the other kind: a model given where a target goes (or the reverse) would
 * otherwise get a screenful of "missing key" and "unknown key" problems.
 */
export function checkFileKind(source: YamlSource, expected: FileKind): void {
  const data = source.data;
  if (typeof data !== "object" || data === null || Array.isArray(data) || Object.hasOwn(data, KIND_MARKERS[expected]))
    return;
  for (const [kind, marker] of Object.entries(KIND_MARKERS)) {
    if (kind !== expected && Object.hasOwn(data, marker)) {
      throw new InputError(`${source.fileName}: this is a ${kind} file (it has '${marker}'), not a ${expected}`);
    }
  }
}

/** A SCALE-Sim .cfg where a model goes: YAML would read its `[section]` lines as lists. */
export function refuseCfgAsModel(fileName: string): void {
  if (fileName.toLowerCase().endsWith(".cfg"))
    throw new InputError(`${fileName}: this is a SCALE-Sim .cfg (a hardware target), not a model`);
}
