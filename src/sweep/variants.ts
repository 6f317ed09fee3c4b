import { inContext, InputError } from "../common/errors.js";
import { describePoint, type Space, type Value } from "./space.js";

/**
 * The model variants of a space: one per distinct combination of its varied model parameters, built once
 * however many points share it (a sweep of 100,000 clock rates builds one graph). `build` gets the variant's
 * overrides; a problem it raises is named with the point it came from.
 */
export function modelVariants<T>(
  space: Space,
  values: readonly (readonly Value[])[],
  build: (overrides: { key: string; value: Value }[]) => T,
): { variants: T[]; variantOfPoint: Int32Array } {
  const modelColumns = space.columns.flatMap((column, c) => (column.domain === "model" ? [c] : []));
  const variants: T[] = [];
  const index = new Map<string, number>();
  const variantOfPoint = new Int32Array(space.count);
  for (let p = 0; p < space.count; p++) {
    const key = modelColumns.map((c) => String(values[c]![p])).join("\u0000");
    let v = index.get(key);
    if (v === undefined) {
      const overrides = modelColumns.map((c) => ({ key: space.columns[c]!.path, value: values[c]![p]! }));
      v = variants.push(withContext(overrides, () => build(overrides))) - 1;
      index.set(key, v);
    }
    variantOfPoint[p] = v;
  }
  return { variants, variantOfPoint };
}

function withContext<T>(overrides: readonly { key: string; value: Value }[], run: () => T): T {
  try {
    return run();
  } catch (error) {
    // With no varied model parameter the problem is the file's alone: no "at <point>" to name.
    if (!(error instanceof InputError) || overrides.length === 0) throw error;
    const where = describePoint(
      overrides.map((o) => ({ path: o.key })),
      overrides.map((o) => o.value),
    );
    throw inContext(`at ${where}`, error, { always: true });
  }
}
