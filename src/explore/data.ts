/** The page's embedded files, parsed once with the library's own parse functions. */
import { InputError } from "../common/errors.js";
import { targetSpecOfText, type TargetSpec } from "../hardware/target.js";
import { parseModelSpec, type ModelSpec } from "../model/resolve.js";
import type { ExplorerData } from "../load/explorer-data.js";
import { parseSystemSpec, type SystemSpec } from "../hardware/system-spec.js";

export interface ExplorerSpecs {
  readonly model: ModelSpec;
  readonly targets: readonly TargetSpec[];
  readonly system?: SystemSpec;
}

/** Parses every embedded file: the same checks `simulate` runs on the files. */
export function parseSpecs(data: ExplorerData): ExplorerSpecs {
  const system = data.system;
  return {
    model: parseModelSpec(data.model.text, data.model.path),
    targets: data.targets.map((t) => targetSpecOfText(t.text, t.path)),
    ...(system === undefined
      ? {}
      : {
          system: parseSystemSpec(system.file.text, system.file.path, (target) => {
            const unit = Object.hasOwn(system.units, target) ? system.units[target] : undefined;
            if (unit === undefined) throw new InputError(`${target}: not embedded in the explorer page`);
            return targetSpecOfText(unit.text, unit.path);
          }),
        }),
  };
}
