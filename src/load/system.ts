import { dirname, isAbsolute, join } from "node:path";
import { parseSystemSpec, resolveSystem, type SystemSpec } from "../hardware/system-spec.js";
import type { System } from "../hardware/system.js";
import type { TargetOverride } from "../hardware/target.js";
import { loadTargetSpec } from "./load.js";
import { readInputFile } from "./read-input.js";

export { resolveSystem, systemKeys, systemOfTarget, type SystemSpec } from "../hardware/system-spec.js";

/**
 * A system file with every unit's target loaded (paths relative to the system file) and overridden: first by
 * the unit's own `set`, then by overrides given as `units.<unit>.<field>`.
 */
export function loadSystem(path: string, overrides: readonly TargetOverride[] = []): System {
  return resolveSystem(loadSystemSpec(path), overrides);
}

/** A system file checked and its units' target files read, not yet resolved (overrides apply later). */
export function loadSystemSpec(path: string): SystemSpec {
  return parseSystemSpec(readInputFile(path), path, (target) => loadTargetSpec(unitTargetPath(path, target)));
}

/**
 * Where a unit's target file is: relative to the system file, or absolute as written. The one resolver of
 * every command that reads systems (simulate, report, sweep, size, explore, validate).
 */
export function unitTargetPath(systemPath: string, target: string): string {
  return isAbsolute(target) ? target : join(dirname(systemPath), target);
}
