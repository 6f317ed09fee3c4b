import { InputError } from "../common/errors.js";
import { closest, didYouMean } from "../common/suggest.js";
import type { KeyPath } from "../common/yaml-source.js";
import type { BlockFile } from "./schema.js";

/**
 * Cross-attention names its K/V source: `kv_source` or `kv_cache` must be a component of the model, and `kv_input` — a
 * width — must not be a component's name (the mix-up a suggestion fixes; "unknown parameter" would not).
 */
export function checkKvNames(
  b: BlockFile,
  at: (path: KeyPath) => string,
  components: ReadonlySet<string>,
  scope: ReadonlyMap<string, number>,
): void {
  if (b.type !== "attention") return;
  const list = [...components].join(", ");
  for (const key of ["kv_source", "kv_cache"] as const) {
    const name = b[key];
    if (name !== undefined && !components.has(name))
      throw new InputError(
        `${at([key])}: no component '${name}'${didYouMean(name, components)}; the model's components: ${list}`,
      );
  }
  if (b.kv_source !== undefined && b.kv_cache !== undefined) {
    throw new InputError(
      `${at(["kv_cache"])}: give kv_source (K/V projected from a component's output) or kv_cache (its layers' K/V), not both`,
    );
  }
  const input = typeof b.kv_input === "string" ? b.kv_input.trim() : undefined;
  if (input !== undefined && components.has(input)) {
    throw new InputError(
      `${at(["kv_input"])}: '${input}' is a component; kv_input is the width K/V are projected from (a number or a parameter such as its hidden size), and kv_source names the component`,
    );
  }
  const unknown = input !== undefined && /^[A-Za-z_]\w*$/.test(input) && !scope.has(input);
  const near = unknown ? closest(input, components) : undefined;
  if (near !== undefined) {
    throw new InputError(
      `${at(["kv_input"])}: '${input}' is not a parameter; did you mean the component '${near}'? Give it as kv_source, and its width as kv_input`,
    );
  }
}
