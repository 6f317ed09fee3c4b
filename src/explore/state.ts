/**
 * The explorer's state: the values the user gave, by control name (a `--set` key or a flag), nothing else.
 * It round-trips through the URL hash (a shareable link) and prints as the `simulate` command that computes
 * the same result.
 */
import { shellQuote } from "../common/shell.js";
import type { ExplorerData } from "../load/explorer-data.js";
import { CONTROL_FLAGS } from "./controls.js";

/** Control name → the text given, for the controls that differ from what the files say. */
export type ExplorerState = ReadonlyMap<string, string>;

/** The state the page opens with: the command line's `--set`s and control-loop flags. */
export function initialState(data: ExplorerData): ExplorerState {
  return new Map(data.start);
}

export function stateToHash(state: ExplorerState): string {
  return new URLSearchParams([...state].filter(([name]) => name !== REPEATED)).toString();
}

/**
 * Keys a hand-edited hash gave more than once (`#cameras=2&cameras=3`), kept under this name so that the page
 * refuses them as the CLI refuses a repeated --set; never written back to the address.
 */
export const REPEATED = "\u0000repeated";

/** A hash's state; an empty hash is undefined, so the page keeps its initial state. */
export function stateFromHash(hash: string): ExplorerState | undefined {
  const text = hash.replace(/^#/, "");
  if (text === "") return undefined;
  const state = new Map<string, string>();
  const repeated = new Set<string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (state.has(name)) repeated.add(name);
    else state.set(name, value);
  }
  if (repeated.size > 0) state.set(REPEATED, [...repeated].join(" "));
  return state;
}

/** The target file a state picks (a report's page offers several), by `-t`; the first when none. */
export function chosenTarget(data: ExplorerData, state: ExplorerState): number {
  return Math.max(
    0,
    data.targets.findIndex((t) => t.path === state.get("-t")),
  );
}

/** `--set key=value` arguments of a state (flags are not sets). */
export function setsOf(state: ExplorerState): string[] {
  return [...state]
    .filter(([name]) => !name.startsWith("-") && name !== REPEATED)
    .map(([name, value]) => `${name}=${value}`);
}

const APPLIED_FLAGS: ReadonlySet<string> = new Set(CONTROL_FLAGS);

/** The `npx accel-sizer simulate …` command that computes what the page shows. */
export function cliCommand(data: ExplorerData, state: ExplorerState): string {
  const args = ["npx", "accel-sizer", "simulate", "-m", data.model.path];
  if (data.system !== undefined) args.push("--system", data.system.file.path);
  else args.push("-t", data.targets[chosenTarget(data, state)]!.path);
  for (const set of setsOf(state)) args.push("--set", set);
  // Only the flags the page applies (the control loop's): a hash may carry others, which it would copy as
  // a command that prints another number or is refused.
  for (const [name, value] of state) {
    if (APPLIED_FLAGS.has(name) && value !== "") args.push(name, value);
  }
  if (data.simulate.costModel === "roofline") args.push("--cost-model", "roofline");
  if (data.simulate.idealMemory) args.push("--ideal-memory");
  return args.map(shellQuote).join(" ");
}
