import { Command } from "commander";
import { join } from "node:path";
import { inContext, InputError } from "../../common/errors.js";
import { shellQuote } from "../../report/document/report-model.js";
import { prepareSweep, runSweep, type PreparedSweep, type SweepInputs, type SweepResult } from "../../sweep/run.js";
import { checkEstimate, estimateSweep, estimateSystemSweep, MAX_ESTIMATED_SECONDS } from "../../sweep/estimate.js";
import { prepareSystemSweep, type SystemSweepInputs } from "../../sweep/system-sweep.js";
import { loadSystemSpec } from "../../load/system.js";
import { buildGraph } from "../../graph/build.js";
import { resolveModel } from "../../model/resolve.js";
import { addControlOptions, controlOptionsOf, refuseLoopFlags, type ControlCliOptions } from "../control-options.js";
import { DEFAULT_MAX_POINTS, MAX_POINTS_CEILING } from "../../sweep/space.js";
import {
  sweepCsv,
  sweepJson,
  sweepHeadline,
  sweepReportFiles,
  sweepTable,
} from "../../report/document/sweep-report.js";
import { designFront } from "../../sweep/pareto.js";
import { planOutputFolder, writeOutputFolder } from "../../report/output/output-folder.js";
import { loadModelSpec, loadTargetSpec } from "../../load/load.js";
import { modelFile, splitSets, targetFile, systemFile } from "../load.js";
import {
  addCostModelOptions,
  addFormatOption,
  addQuietOption,
  addSetOption,
  collect,
  simulateOptionsOf,
  type CostModelCliOptions,
} from "../options.js";
import { createProgress } from "../progress.js";
import { printResult, type CliContext } from "../context.js";

/** Options `sweep` and `size` share: the model, the base target and the space. */
export interface SpaceCliOptions extends CostModelCliOptions, ControlCliOptions {
  model: string;
  target?: string;
  system?: string;
  component?: string;
  /** size --unit: budget one unit's busy time (set by the size command). */
  unit?: string;
  vary?: string[];
  tie?: string[];
  set?: string[];
  maxPoints: string;
  yes?: boolean;
  quiet?: boolean;
}

export const VALUE_SYNTAX = [
  "Values of --vary: a list 8,16,32 (or names: os,ws,is), a range start:stop:step (200:1000:200, stop",
  "included), or powers start..stop x factor (64..4096x2). Several --vary make the cartesian product.",
  "A path is a target field (mac_array.rows, clock_mhz, sram.size_kib, …) or a model parameter (cameras,",
  "action_expert.steps). --tie sets a path from the varied ones: mac_array.cols=mac_array.rows keeps arrays square.",
  "With --system, hardware paths name a unit: units.xattn.mac_array.rows=8:128:8.",
].join("\n");

export function addSpaceOptions(command: Command): Command {
  command
    .requiredOption("-m, --model <file>", "model YAML file, or a name in models/ (smolvla)", modelFile)
    .option(
      "-t, --target <file>",
      "base target YAML file, name in hardware/ (or SCALE-Sim .cfg) the varied fields override",
      targetFile,
    )
    .option(
      "-S, --system <file>",
      "base system YAML file (hardware/systems/) whose units.<unit>.<field> are varied; instead of -t",
      systemFile,
    )
    .option(
      "--component <name>",
      "sweep one component of the model alone (e.g. action_expert): its latency is the one budgeted",
    )
    .option("--vary <path=values>", "a target field or model parameter and its values (repeatable)", collect)
    .option(
      "--tie <path=expression>",
      "a path computed from varied ones, e.g. mac_array.cols=mac_array.rows (repeatable)",
      collect,
    )
    .option(
      "--max-points <n>",
      `refuse spaces with more points than this (at most ${MAX_POINTS_CEILING.toLocaleString("en-US")})`,
      String(DEFAULT_MAX_POINTS),
    )
    .option(
      "-y, --yes",
      `run even when the sweep is estimated to take more than ${MAX_ESTIMATED_SECONDS / 60} minutes`,
    );
  addCostModelOptions(command);
  addSetOption(command, "a fixed model parameter or target field");
  addControlOptions(command);
  return addQuietOption(command);
}

function count(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new InputError(`${flag} ${text}: expected an integer ≥ ${min}`);
  return value;
}

/** Loads the inputs, checks the space and evaluates every point, with a progress bar on a terminal. */
export async function runSpace(
  ctx: CliContext,
  options: SpaceCliOptions,
  label: string,
  check: (prepared: PreparedSweep) => void = () => {},
): Promise<SweepResult> {
  const maxPoints = count("--max-points", options.maxPoints, 1)!;
  if ((options.target === undefined) === (options.system === undefined))
    throw new InputError("give exactly one of -t <target.yaml> and --system <system.yaml>");
  // Only --yes runs a sweep estimated to take too long: --max-points raises the point limit, not the time limit.
  const confirmed = options.yes === true;
  let prepared: PreparedSweep;
  if (options.system !== undefined) {
    if (options.component !== undefined)
      throw new InputError(
        "--component scopes a single target; a system maps each component to its units with map rules",
      );
    const sets = splitSets(options.set, { system: true });
    const modelSpec = loadModelSpec(options.model);
    const control = controlOptionsOf(options, buildGraph(resolveModel(modelSpec, sets.model)));
    const inputs: SystemSweepInputs = {
      modelSpec,
      systemSpec: loadSystemSpec(options.system),
      sets,
      vary: options.vary ?? [],
      tie: options.tie ?? [],
      maxPoints,
      options: simulateOptionsOf(options),
      ...(control === undefined ? {} : { control }),
      ...(options.unit === undefined ? {} : { unit: options.unit }),
    };
    checkEstimate(estimateSystemSweep(inputs), confirmed);
    prepared = prepareSystemSweep(inputs);
  } else {
    const inputs: SweepInputs = {
      modelSpec: loadModelSpec(options.model),
      targetSpec: loadTargetSpec(options.target!),
      sets: splitSets(options.set),
      vary: options.vary ?? [],
      tie: options.tie ?? [],
      maxPoints,
      options: simulateOptionsOf(options),
      ...(options.component === undefined ? {} : { component: options.component }),
    };
    // Measured before any work: a sweep that would run for many minutes needs the user's word for it.
    checkEstimate(estimateSweep(inputs), confirmed);
    prepared = prepareSweep(inputs);
  }
  check(prepared);
  const progress = createProgress(ctx.io, prepared.space.count, label, { quiet: options.quiet });
  const result = await runSweep(prepared, { onProgress: (done) => progress.tick(done) }).catch((error: unknown) => {
    throw inContext(`${options.model} on ${options.target ?? options.system ?? "the target"}`, error);
  });
  progress.done();
  return result;
}

interface SweepCliOptions extends SpaceCliOptions {
  output?: string;
  force?: boolean;
  format: "table" | "json" | "csv";
}

export function sweepCommand(ctx: CliContext): Command {
  const command = new Command("sweep")
    .description(
      "latency, utilisation and bounds over a design space (cartesian product of --vary), with its Pareto front",
    )
    .option(
      "-o, --output <folder>",
      "write sweep.csv, pareto.csv, summary.md, index.html and charts into this folder (replaced as a whole; only a folder accel-sizer wrote)",
    )
    .option(
      "--force",
      "with -o: write into an existing folder accel-sizer did not write, replacing only its own file names",
    )
    .addHelpText(
      "after",
      [
        "",
        VALUE_SYNTAX,
        "",
        "Without -o the table lists every design (or the Pareto front when there are more than 100);",
        "--format csv or json gives all of them. With -o a two-line summary goes to standard output.",
        "",
        "Examples:",
        "  npx accel-sizer sweep -m models/smolvla.yaml -t hardware/xattn-unit.yaml --vary mac_array.rows=8..128x2 --tie mac_array.cols=mac_array.rows",
        "  npx accel-sizer sweep -m models/smolvla.yaml -t hardware/xattn-unit.yaml --vary mac_array.rows=8,16,32,64,128 \\",
        "      --tie mac_array.cols=mac_array.rows --vary clock_mhz=200:1000:200 --vary sram.size_kib=64..4096x2 -o reports/sweep",
        "  npx accel-sizer sweep -m models/smolvla.yaml -t hardware/tpu-v1.yaml --vary cameras=1,2,3 --vary action_expert.steps=5,10,20 -f csv",
      ].join("\n"),
    );
  addSpaceOptions(command);
  addFormatOption(command, ["table", "json", "csv"], "table");
  return command.action(async (options: SweepCliOptions) => {
    // A bad -o is the user's to fix, and is found before any work; the folder is then written all or nothing.
    if (options.output !== undefined && options.format !== "table") {
      throw new InputError(
        `--format ${options.format} prints to standard output; with -o the sweep writes sweep.csv and summary files instead — give one of them`,
      );
    }
    const output =
      options.output === undefined
        ? undefined
        : planOutputFolder(options.output, { command: "sweep", force: options.force === true });
    // A sweep over one target has no control-loop column: a loop flag would be accepted and change nothing.
    if (options.target !== undefined)
      refuseLoopFlags(
        options,
        "sweep -t reports no control loop; check one design with simulate -t … --control-hz, or size the loop with size -t … --control-hz",
      );
    const result = await runSpace(ctx, options, "sweep");
    const front = designFront(result);
    if (output !== undefined) {
      const command = ["npx", "accel-sizer", ...ctx.argv].map(shellQuote).join(" ");
      const files = await sweepReportFiles(result, front, command);
      writeOutputFolder(output, files);
      ctx.io.stdout.write(
        `${sweepHeadline(result, front)}\nWrote ${[...files.keys()].map((f) => join(output.dir, f)).join(", ")}\n`,
      );
      return;
    }
    const out =
      options.format === "json"
        ? sweepJson(result, front)
        : options.format === "csv"
          ? sweepCsv(result, front)
          : sweepTable(result, front);
    printResult(ctx, out);
  });
}
