import type { TargetFile } from "../hardware/schema.js";
import { toTarget } from "../hardware/target.js";
import type { Target } from "../hardware/types.js";

/**
 * The target of each point: the base target data (file plus --set) with every target column's value of the
 * point written in. Each distinct column value has been checked against the schema already (the schema
 * checks fields one by one), so toTarget() here builds exactly what resolveTarget() would.
 */
export interface PointTargets {
  readonly base: Readonly<Record<string, unknown>>;
  readonly columns: readonly TargetColumn[];
}

export interface TargetColumn {
  readonly path: string;
  /** The path's keys, split once. */
  readonly keys: readonly string[];
  /** Each point's value as the file would hold it (a switch's true or false, not its text). */
  readonly values: readonly unknown[];
}

export function targetColumn(path: string, values: readonly unknown[]): TargetColumn {
  return { path, keys: path.split("."), values };
}

/** A plain data object with the field at a dotted path replaced; only the objects on the path are copied. */
export function withField(
  data: Readonly<Record<string, unknown>>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const dot = path.indexOf(".");
  if (dot < 0) return { ...data, [path]: value };
  const head = path.slice(0, dot);
  const inner = data[head];
  const nested = typeof inner === "object" && inner !== null ? (inner as Record<string, unknown>) : {};
  return { ...data, [head]: withField(nested, path.slice(dot + 1), value) };
}

export function targetOfPoint(targets: PointTargets, index: number): Target {
  // One copy of the base, and of each object on a column's path the first time a path reaches it (withField
  // column by column would copy the top level once per column: this runs per sweep point).
  const data: Record<string, unknown> = { ...targets.base };
  const copied: unknown[] = [data];
  for (const column of targets.columns) {
    const keys = column.keys;
    let at = data;
    for (let k = 0; k < keys.length - 1; k++) {
      const inner = at[keys[k]!];
      let next = typeof inner === "object" && inner !== null ? (inner as Record<string, unknown>) : {};
      if (!copied.includes(next)) {
        next = { ...next };
        copied.push(next);
        at[keys[k]!] = next;
      }
      at = next;
    }
    at[keys[keys.length - 1]!] = column.values[index];
  }
  return toTarget(data as TargetFile);
}
