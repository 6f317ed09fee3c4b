import { InputError } from "../common/errors.js";
import { overrideSource, type Override } from "../common/override.js";
import { formatPath } from "../common/yaml-source.js";
import { unknownKeyMessage } from "./params.js";
import type { ModelSpec } from "./resolve.js";
import type { ModelFile } from "./schema.js";

/** What `--set` and `--vary` may change in a model, and how an override is written into its file. */

/** Sequences one batch may serve: far beyond any deployment, and small enough that token counts stay exact. */
export const MAX_BATCH = 1_000_000;

/**
 * Every key an override may set in this model: global parameters, `<component>.<parameter>`, a component's
 * steps, instances and precision, and the built-in `batch`.
 */
export function overridableKeys(spec: ModelSpec): string[] {
  const keys = Object.keys(spec.file.params ?? {});
  // The built-in batch size (a parameter of that name is refused where the model resolves).
  if (!keys.includes("batch")) keys.push("batch");
  for (const c of spec.file.components) {
    for (const p of Object.keys(c.params ?? {})) keys.push(`${c.name}.${p}`);
    for (const field of ["steps", "instances"] as const) {
      if (c[field] !== undefined && c.params?.[field] === undefined) keys.push(`${c.name}.${field}`);
    }
    for (const field of PRECISION_FIELDS) if (c.params?.[field] === undefined) keys.push(`${c.name}.${field}`);
  }
  return keys;
}

/** The file with the overrides written in, and the source of each overridden key path. */
export function applyOverrides(
  spec: ModelSpec,
  overrides: readonly Override[],
): { file: ModelFile; sources: Map<string, string> } {
  const sources = new Map<string, string>();
  if (overrides.length === 0) return { file: spec.file, sources };
  const file: ModelFile = structuredClone(spec.file);
  const known = overridableKeys(spec);
  for (const override of overrides) {
    const { key, value } = override;
    const dot = key.indexOf(".");
    // Object.hasOwn, not `in`: an override of `constructor` must not match Object.prototype's members.
    if (dot < 0 && file.params !== undefined && Object.hasOwn(file.params, key)) {
      file.params[key] = value;
      sources.set(formatPath(["params", key]), overrideSource(override));
      continue;
    }
    if (key === "batch") {
      file.batch = value;
      sources.set(formatPath(["batch"]), overrideSource(override));
      continue;
    }
    const ci = dot < 0 ? -1 : file.components.findIndex((c) => c.name === key.slice(0, dot));
    const component = file.components[ci];
    const field = key.slice(dot + 1);
    if (component?.params !== undefined && Object.hasOwn(component.params, field)) {
      component.params[field] = value;
      sources.set(formatPath(["components", ci, "params", field]), overrideSource(override));
    } else if (
      component !== undefined &&
      (field === "steps" || field === "instances") &&
      component[field] !== undefined
    ) {
      component[field] = value;
      sources.set(formatPath(["components", ci, field]), overrideSource(override));
    } else if (component !== undefined && (PRECISION_FIELDS as readonly string[]).includes(field)) {
      // Checked where the component resolves, located at the flag.
      (component as Record<string, unknown>)[field] = value;
      sources.set(formatPath(["components", ci, field]), overrideSource(override));
    } else {
      throw new InputError(unknownKeyMessage(overrideSource(override), key, known));
    }
  }
  return { file, sources };
}

/** The component fields an override may set besides parameters, steps and instances. */
const PRECISION_FIELDS = ["precision", "weight_precision"] as const;
