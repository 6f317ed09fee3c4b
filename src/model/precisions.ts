import { InputError } from "../common/errors.js";
import type { KeyPath } from "../common/yaml-source.js";
import { weightPrecisionProblem, type Precision, type WeightPrecision } from "../hardware/precision.js";
import { precisionSchema, weightPrecisionSchema } from "../hardware/schema.js";
import type { ComponentFile } from "./schema.js";
import type { Component } from "./types.js";

/** A component's own precisions (`precision`, `weight_precision`), from its file or an override. */

/** A component's precision as given (the file's is checked by the schema; an override's arrives as text). */
export function componentPrecision(value: unknown, where: () => string): Precision {
  return oneOf(precisionSchema.options, "precision", value, where);
}

/** A component's weight precision as given, checked as componentPrecision is. */
export function componentWeightPrecision(value: unknown, where: () => string): WeightPrecision {
  return oneOf(weightPrecisionSchema.options, "weight_precision", value, where);
}

function oneOf<T extends string>(known: readonly T[], field: string, value: unknown, where: () => string): T {
  if (typeof value === "string" && (known as readonly string[]).includes(value)) return value as T;
  throw new InputError(`${where()}: ${field} '${String(value)}' is not one of ${known.join(", ")}`);
}

/**
 * A component's own precisions, checked as far as the model alone allows (weights no wider than the compute
 * precision it states), and where they are given, for the target's refusal of them.
 */
export function componentPrecisions(
  c: ComponentFile,
  at: (path: KeyPath) => string,
): Pick<Component, "precision" | "weightPrecision" | "precisionWhere"> {
  const precision = c.precision === undefined ? undefined : componentPrecision(c.precision, () => at(["precision"]));
  const weightPrecision =
    c.weight_precision === undefined
      ? undefined
      : componentWeightPrecision(c.weight_precision, () => at(["weight_precision"]));
  const problem =
    precision === undefined || weightPrecision === undefined
      ? undefined
      : weightPrecisionProblem(precision, weightPrecision);
  if (problem !== undefined) throw new InputError(`${at(["weight_precision"])}: ${problem}`);
  const where =
    weightPrecision !== undefined ? at(["weight_precision"]) : precision !== undefined ? at(["precision"]) : undefined;
  return {
    ...(precision !== undefined && { precision }),
    ...(weightPrecision !== undefined && { weightPrecision }),
    ...(where !== undefined && { precisionWhere: where }),
  };
}
