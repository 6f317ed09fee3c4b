import { Option, type Command } from "commander";
import { InputError } from "../common/errors.js";
import type { Graph } from "../graph/types.js";
import type { ControlOptions, LoopMode } from "../system/control.js";

/** The robot's control-loop options, shared by simulate, report, sweep and size. */
export interface ControlCliOptions {
  controlHz?: string;
  chunk?: string;
  horizon?: string;
  mode: LoopMode;
}

export function addControlOptions(command: Command): Command {
  return command
    .option("--control-hz <hz>", "the robot's control rate: checks that the loop holds it")
    .option("--chunk <n>", "actions one inference yields (default: the model's chunk_actions)")
    .option("--horizon <n>", "actions executed before the next chunk is needed (default: the chunk)")
    .addOption(new Option("--mode <mode>", "sync: the robot waits for each inference; async: the next one starts while actions run").choices(["sync", "async"]).default("async"));
}

function positive(flag: string, text: string, integer: boolean): number {
  const value = Number(text);
  const ok = text.trim() !== "" && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!ok) throw new InputError(`${flag} ${text}: expected a positive ${integer ? "whole number" : "number"}`);
  return value;
}

/** The loop to check, or undefined without --control-hz (--chunk, --horizon alone are refused). */
export function controlOptionsOf(options: ControlCliOptions, graph: Graph): ControlOptions | undefined {
  if (options.controlHz === undefined) {
    const stray = options.chunk !== undefined ? "--chunk" : options.horizon !== undefined ? "--horizon" : undefined;
    if (stray !== undefined) throw new InputError(`${stray} describes the control loop: give --control-hz <hz> with it`);
    return undefined;
  }
  const hz = positive("--control-hz", options.controlHz, false);
  const chunk = options.chunk !== undefined ? positive("--chunk", options.chunk, true) : graph.chunkActions;
  if (chunk === undefined) throw new InputError(`--control-hz: ${graph.model} gives no chunk_actions; give --chunk <actions per inference>`);
  const horizon = options.horizon === undefined ? chunk : positive("--horizon", options.horizon, true);
  if (horizon > chunk) throw new InputError(`--horizon ${horizon}: at most the chunk (${chunk}) — the robot cannot execute actions it was not given`);
  return { hz, chunk, horizon, mode: options.mode };
}
