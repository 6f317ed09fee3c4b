import { InputError } from "../common/errors.js";
import { isTargetKey, type TargetOverride } from "../hardware/target.js";
import type { Override } from "../common/override.js";

/**
 * `--set key=value` text as overrides. No files and no CLI library here: the explorer page builds its
 * overrides with these same functions, so a bad value reads the same in the page as on the command line.
 */
/** Parses one `--set key=value` into an override whose errors name the flag: a number, or an expression. */
export function parseAssignment(text: string): Override {
  const eq = text.indexOf("=");
  if (eq <= 0 || eq === text.length - 1) {
    throw new InputError(`--set '${text}': expected key=value, e.g. --set cameras=3`);
  }
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  if (!/^[A-Za-z_$][\w.]*$/.test(key)) {
    throw new InputError(`--set '${text}': '${key}' is not a parameter path (e.g. cameras or action_expert.steps)`);
  }
  const asNumber = Number(raw);
  return { key, value: raw !== "" && Number.isFinite(asNumber) ? asNumber : raw, source: `--set ${key}` };
}

/** `--set key=value` flags as overrides, each key given once. */
export function parseSets(sets: readonly string[] | undefined): Override[] {
  const overrides = (sets ?? []).map(parseAssignment);
  const seen = new Set<string>();
  for (const { key } of overrides) {
    if (seen.has(key)) throw new InputError(`--set ${key} is given twice; give each key once`);
    seen.add(key);
  }
  return overrides;
}

/**
 * Splits `--set` overrides into hardware fields (mac_array.rows, clock_mhz, …; with a system,
 * units.<unit>.<field> and links.<unit>.<unit>.<field>) and model parameters.
 */
export function splitSets(
  sets: readonly string[] | undefined,
  options: { system?: boolean } = {},
): { model: Override[]; target: TargetOverride[] } {
  const model: Override[] = [];
  const target: TargetOverride[] = [];
  const isHardware = (key: string) => (options.system === true ? /^(units|links)\./.test(key) : isTargetKey(key));
  for (const o of parseSets(sets)) (isHardware(o.key) ? target : model).push(o);
  return { model, target };
}
