/**
 * What the explorer page carries: the input files' text (the page has no file system) and the command line's
 * choices. Read here; the page parses the text with the library's own parse functions (explore/data.ts).
 */
import { parseSystemSpec } from "../hardware/system-spec.js";
import { targetSpecOfText } from "../hardware/target.js";
import type { SimulateOptions } from "../simulate/types.js";
import { readInputFile } from "./read-input.js";
import { unitTargetPath } from "./system.js";

/** A file as the user named it on the command line, and its text. */
export interface EmbeddedFile {
  readonly path: string;
  readonly text: string;
}

/** What the page carries: the input files' text (it has no file system) and the command line's choices. */
export interface ExplorerData {
  readonly model: EmbeddedFile;
  /** One target, or several (a report's) to choose from; empty with a system. */
  readonly targets: readonly EmbeddedFile[];
  /** A system file and its units' target files, keyed by `target` as the system file writes it. */
  readonly system?: { readonly file: EmbeddedFile; readonly units: Readonly<Record<string, EmbeddedFile>> };
  /** The page's starting state: `--set` keys and control-loop flags (`--control-hz`) with their values. */
  readonly start: readonly (readonly [string, string])[];
  readonly simulate: SimulateOptions;
  readonly toolVersion: string;
}

export interface ExplorerInputs {
  readonly model: string;
  readonly targets: readonly string[];
  readonly system?: string;
  readonly start: readonly (readonly [string, string])[];
  readonly simulate: SimulateOptions;
  readonly toolVersion: string;
}

const embed = (path: string): EmbeddedFile => ({ path, text: readInputFile(path) });

/** Reads the files the page embeds; a system's units are read relative to it, as loadSystemSpec reads them. */
export function explorerData(inputs: ExplorerInputs): ExplorerData {
  let system: ExplorerData["system"];
  if (inputs.system !== undefined) {
    const file = embed(inputs.system);
    // No prototype: a unit whose target file is named __proto__ must be a key like any other.
    const units: Record<string, EmbeddedFile> = Object.create(null) as Record<string, EmbeddedFile>;
    // Parsed here as the page will parse it, which finds (and checks) the unit files to embed.
    parseSystemSpec(file.text, file.path, (target) => {
      units[target] = embed(unitTargetPath(file.path, target));
      return targetSpecOfText(units[target].text, units[target].path);
    });
    system = { file, units };
  }
  return {
    model: embed(inputs.model),
    targets: inputs.targets.map(embed),
    ...(system === undefined ? {} : { system }),
    start: inputs.start,
    simulate: inputs.simulate,
    toolVersion: inputs.toolVersion,
  };
}
