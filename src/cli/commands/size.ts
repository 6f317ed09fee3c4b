import { Command } from "commander";
import { InputError } from "../../common/errors.js";
import { sizingJson, sizingTable } from "../../report/views/size-view.js";
import { InfeasibleBudgetError, MINIMISE, sizeDesign, type SizingGoal } from "../../sweep/size.js";
import { addFormatOption } from "../options.js";
import { controlOptionsOf } from "../control-options.js";
import { loadWorkload, splitSets } from "../load.js";
import type { ControlOptions } from "../../system/control.js";
import { addSpaceOptions, runSpace, VALUE_SYNTAX, type SpaceCliOptions } from "./sweep.js";
import { printResult, type CliContext } from "../context.js";

interface SizeCliOptions extends SpaceCliOptions {
  budgetMs?: string;
  rateHz?: string;
  periodMs?: string;
  minimise: string;
  maxPowerW?: string;
  maxAreaMm2?: string;
  format: "table" | "json";
}

/** Budgets beyond this (11.6 days per inference) say nothing a sizing can use, and lose the figures to rounding. */
const MAX_BUDGET_MS = 1e9;

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0)
    throw new InputError(`${flag} ${text}: expected a positive number`);
  return value;
}

function budgetMsOf(flag: string, text: string): number {
  const value = positiveNumber(flag, text);
  if (value > MAX_BUDGET_MS)
    throw new InputError(
      `${flag} ${text}: expected at most ${MAX_BUDGET_MS.toExponential()} ms (11.6 days per inference)`,
    );
  return value;
}

/** A budget in ms from exactly one of --budget-ms and --rate-hz. */
export function budgetOf(options: { budgetMs?: string; rateHz?: string }): number {
  if ((options.budgetMs === undefined) === (options.rateHz === undefined)) {
    throw new InputError(
      "give exactly one of --budget-ms <ms> (latency per inference) and --rate-hz <hz> (inferences per second)",
    );
  }
  const [flag, text] =
    options.budgetMs !== undefined ? ["--budget-ms", options.budgetMs] : ["--rate-hz", options.rateHz!];
  const value = flag === "--budget-ms" ? budgetMsOf(flag, text) : positiveNumber(flag, text);
  const budgetMs = flag === "--budget-ms" ? value : 1000 / value;
  if (budgetMs > MAX_BUDGET_MS)
    throw new InputError(
      `${flag} ${text}: gives a budget of ${budgetMs.toExponential(3)} ms; expected at most ${MAX_BUDGET_MS.toExponential()} ms (11.6 days per inference)`,
    );
  if (!Number.isFinite(budgetMs))
    throw new InputError(`${flag} ${text}: gives a budget of ${budgetMs} ms; expected a finite budget`);
  return budgetMs;
}

/**
 * What must fit: the latency (--budget-ms, --rate-hz), the period (--period-ms), or, with --control-hz, the
 * control loop (async: latency and period within horizon / hz). Exactly one of them.
 */
function budgetGoal(
  options: SizeCliOptions,
  control: ControlOptions | undefined,
): Pick<SizingGoal, "budgetMs" | "latencyBudgetMs" | "on"> {
  const given = [options.budgetMs, options.rateHz, options.periodMs, options.controlHz].filter(
    (o) => o !== undefined,
  ).length;
  if (given !== 1)
    throw new InputError(
      "give exactly one budget: --budget-ms <ms> or --rate-hz <hz> (latency), --period-ms <ms> (time between inferences), or --control-hz <hz> (the control loop)",
    );
  if (options.unit !== undefined && options.budgetMs === undefined) {
    throw new InputError(
      `--unit ${options.unit}: budgets the unit's busy time per inference, given with --budget-ms <ms>; it does not apply to ${["--rate-hz", "--period-ms", "--control-hz"].find((_, i) => [options.rateHz, options.periodMs, options.controlHz][i] !== undefined)}`,
    );
  }
  if (control !== undefined) {
    if (control.mode === "sync")
      throw new InputError(
        "--mode sync: the robot stands still for every inference, so no design holds the rate; size with --mode async or a --budget-ms",
      );
    // A chunk every s/F (throughput, on the period) and d + s ≤ C (freshness, on the latency): docs/systems.md, "The control loop".
    return {
      budgetMs: (control.horizon / control.hz) * 1e3,
      latencyBudgetMs: ((control.chunk - control.horizon) / control.hz) * 1e3,
      on: "loop",
    };
  }
  if (options.periodMs !== undefined) return { budgetMs: budgetMsOf("--period-ms", options.periodMs), on: "period" };
  if (options.unit !== undefined) {
    if (options.system === undefined)
      throw new InputError("--unit budgets one unit of a system: give --system <system.yaml>");
    if (options.budgetMs === undefined)
      throw new InputError(
        `--unit ${options.unit}: give its budget with --budget-ms <ms> (its busy time per inference)`,
      );
    return { budgetMs: budgetOf(options), on: "unit" };
  }
  return { budgetMs: budgetOf(options), on: "latency" };
}

/** The goal from the options: a budget, what to minimise, and the caps. */
function goalOf(options: SizeCliOptions, control: ControlOptions | undefined): SizingGoal {
  const minimise = MINIMISE.find((m) => m === options.minimise);
  if (minimise === undefined)
    throw new InputError(`--minimise ${options.minimise}: expected one of ${MINIMISE.join(", ")}`);
  const maxPowerW = options.maxPowerW === undefined ? undefined : positiveNumber("--max-power-w", options.maxPowerW);
  const maxAreaMm2 =
    options.maxAreaMm2 === undefined ? undefined : positiveNumber("--max-area-mm2", options.maxAreaMm2);
  return {
    ...budgetGoal(options, control),
    minimise,
    ...(maxPowerW !== undefined && { maxPowerW }),
    ...(maxAreaMm2 !== undefined && { maxAreaMm2 }),
  };
}

export function sizeCommand(ctx: CliContext): Command {
  const command = new Command("size")
    .description("the cheapest design of a space (least area, energy or power) that meets a latency budget")
    .option("--budget-ms <ms>", "latency budget per inference in milliseconds")
    .option("--rate-hz <hz>", "required inferences per second (budget = 1000 / rate ms)")
    .option("--period-ms <ms>", "budget on the time between inferences back to back (a system's busiest unit or link)")
    .option(
      "--unit <name>",
      "with --system and --budget-ms: budget this unit's busy time per inference instead of the latency",
    )
    .option(
      "--minimise <cost>",
      "what the answer has least of: area (mm²), energy (mJ per inference) or power (W at the budget's rate)",
      "area",
    )
    .option("--max-power-w <w>", "refuse designs drawing more than this at the budget's rate")
    .option("--max-area-mm2 <mm2>", "refuse designs larger than this")
    .addHelpText(
      "after",
      [
        "",
        VALUE_SYNTAX,
        "",
        "Prints the design with its margin (budget − latency) and the next-cheaper designs, which miss. Designs are",
        "ordered by the --minimise cost (at equal area, energy), then latency; power is the average at the budget's rate (idle power included).",
        "With --control-hz (and --horizon, --mode async) the budget is the control loop: latency and period within",
        "horizon / hz. Exit code 3 when no design in the space meets the budget.",
        "",
        "Examples:",
        "  npx accel-sizer size -m models/smolvla.yaml -t hardware/xattn-unit.yaml --rate-hz 2 \\",
        "      --vary mac_array.rows=8,16,32,64,128 --tie mac_array.cols=mac_array.rows --vary clock_mhz=200:1000:100",
        "  npx accel-sizer size -m models/smolvla.yaml -t hardware/edge-npu.yaml --budget-ms 200 --vary mac_array.rows=8..256x2 \\",
        "      --tie mac_array.cols=mac_array.rows --vary sram.size_kib=256..8192x2 -f json",
        "  npx accel-sizer size -m models/smolvla.yaml -t hardware/edge-npu.yaml --rate-hz 2 --minimise energy --max-power-w 2 \\",
        "      --vary mac_array.rows=16..256x2 --tie mac_array.cols=mac_array.rows --vary clock_mhz=200:1000:200",
        "  npx accel-sizer size -m models/smolvla.yaml --system hardware/systems/orin-plus-xattn.yaml --vary units.xattn.mac_array.rows=8:128:8 \\",
        "      --tie units.xattn.mac_array.cols=units.xattn.mac_array.rows --control-hz 50 --horizon 25 --mode async",
      ].join("\n"),
    );
  addSpaceOptions(command);
  addFormatOption(command, ["table", "json"], "table");
  return command.action(async (options: SizeCliOptions) => {
    const graph = loadWorkload(options, splitSets(options.set, { system: options.system !== undefined }).model);
    const goal = goalOf(options, controlOptionsOf(options, graph));
    const result = await runSpace(ctx, options, "size", ({ space }) => {
      const model = space.columns.find((c) => c.domain === "model");
      if (model !== undefined) {
        throw new InputError(
          `--${model.kind} ${model.path}: size varies the hardware for one workload; fix model parameters with --set ${model.path}=<value>`,
        );
      }
    });
    let sizing: ReturnType<typeof sizeDesign>;
    try {
      sizing = sizeDesign(result, goal);
    } catch (error) {
      // JSON consumers get a record on standard output even when nothing fits; the exit code is still 3.
      if (error instanceof InfeasibleBudgetError && options.format === "json")
        ctx.io.stdout.write(`${JSON.stringify(error.record, null, 2)}\n`);
      throw error;
    }
    const out =
      options.format === "json"
        ? sizingJson(sizing)
        : sizingTable(sizing, result.model, result.target, options.system !== undefined);
    printResult(ctx, out);
  });
}
