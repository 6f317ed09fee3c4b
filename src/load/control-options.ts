import { InputError } from "../common/errors.js";
import type { Graph } from "../graph/types.js";
import type { ControlOptions, LoopMode } from "../system/control.js";

/**
 * The robot's control-loop options as given on the command line (or in the explorer page), shared by
 * simulate, report, sweep, size and the explorer; checked here, with the flag's name in each message.
 */
export interface ControlCliOptions {
  controlHz?: string;
  chunk?: string;
  horizon?: string;
  /** async unless given; given without --control-hz it is refused like --chunk. */
  mode?: LoopMode;
}

/**
 * Physically sensible bounds, so that every figure derived from them (margins in ms, the highest rate that
 * holds, delay steps) is a finite number: a control rate from 0.001 Hz to 1 MHz, chunks and horizons of at
 * most a million actions (whole numbers: beyond 2^53 they would round silently).
 */
const LIMITS = { hz: { min: 1e-3, max: 1e6 }, actions: { min: 1, max: 1e6 } } as const;

const DECIMAL = /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function positive(flag: string, text: string, integer: boolean): number {
  const value = Number(text);
  // Decimal only: Number() also reads 0x10 and 0b101, which a rate in Hz never means.
  const ok = DECIMAL.test(text.trim()) && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!ok) throw new InputError(`${flag} ${text}: expected a positive ${integer ? "whole number" : "number"}`);
  const { min, max } = integer ? LIMITS.actions : LIMITS.hz;
  if (value < min || value > max)
    throw new InputError(
      `${flag} ${text}: expected ${integer ? "a whole number of actions" : "a rate in Hz"} from ${min} to ${max.toLocaleString("en-US")}`,
    );
  return value;
}

/** The first loop flag given besides --control-hz (each describes the loop and means nothing without it). */
export function loopDetailGiven(options: ControlCliOptions): string | undefined {
  return options.chunk !== undefined
    ? "--chunk"
    : options.horizon !== undefined
      ? "--horizon"
      : options.mode !== undefined
        ? "--mode"
        : undefined;
}

/** The loop to check, or undefined without --control-hz (--chunk, --horizon alone are refused). */
export function controlOptionsOf(options: ControlCliOptions, graph: Graph): ControlOptions | undefined {
  if (options.controlHz === undefined) {
    const stray = loopDetailGiven(options);
    if (stray !== undefined)
      throw new InputError(`${stray} describes the control loop: give --control-hz <hz> with it`);
    return undefined;
  }
  const hz = positive("--control-hz", options.controlHz, false);
  const chunk = options.chunk !== undefined ? positive("--chunk", options.chunk, true) : graph.chunkActions;
  if (chunk === undefined)
    throw new InputError(`--control-hz: ${graph.model} gives no chunk_actions; give --chunk <actions per inference>`);
  // Half the chunk by default, as SmolVLA's asynchronous inference and Real-Time Chunking run: the other half
  // covers the inference delay.
  const horizon =
    options.horizon === undefined ? Math.max(1, Math.floor(chunk / 2)) : positive("--horizon", options.horizon, true);
  if (horizon > chunk)
    throw new InputError(
      `--horizon ${horizon}: at most the chunk (${chunk}) — the robot cannot execute actions it was not given`,
    );
  return { hz, chunk, horizon, mode: options.mode ?? "async" };
}
