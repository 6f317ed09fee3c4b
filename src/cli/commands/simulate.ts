import { Command } from "commander";
import { InputError, withContext } from "../../common/errors.js";
import { formatFixed, formatSignificant } from "../../report/views/format.js";
import { simulationCsv, simulationJson, simulationTable, type PowerAtRate } from "../../report/views/simulate-view.js";
import { powerAtRateW, targetPowerParts } from "../../simulate/energy-totals.js";
import type { SimulationResult } from "../../simulate/types.js";
import { simulate } from "../../simulate/simulate.js";
import { loadTarget } from "../../load/load.js";
import { collectTargets, loadWorkload, modelFile, splitSets, systemFile } from "../load.js";
import {
  addCostModelOptions,
  addFormatOption,
  addSetOption,
  simulateOptionsOf,
  type CostModelCliOptions,
} from "../options.js";
import { printResult, type CliContext } from "../context.js";
import { addControlOptions, controlOptionsOf, type ControlCliOptions } from "../control-options.js";
import { loadSystem, systemOfTarget } from "../../load/system.js";
import { writeFileAtomic } from "../../report/output/report-write.js";
import { chromeTrace, TRACE_GENERATOR } from "../../report/views/trace.js";
import { systemBaseline } from "../../system/baseline.js";
import { checkOwnFile, toolVersion } from "../own-file.js";
import { controlLine, systemJson, systemTable } from "../../report/views/system-view.js";
import { controlVerdict, type ControlVerdict } from "../../system/control.js";
import { simulateSystem } from "../../system/simulate-system.js";

interface SimulateCliOptions extends CostModelCliOptions, ControlCliOptions {
  model?: string;
  workload?: string;
  /** Repeatable: one result per target, in the order given. */
  target?: string[];
  system?: string;
  component?: string;
  set?: string[];
  format: "table" | "json" | "csv";
  rateHz?: string;
  trace?: string;
  force?: boolean;
}

/** The power at `--rate-hz`, which must be a rate the design can sustain. */
function powerAtRate(result: SimulationResult, text: string): PowerAtRate {
  const rateHz = Number(text);
  if (text.trim() === "" || !Number.isFinite(rateHz) || rateHz <= 0)
    throw new InputError(`--rate-hz ${text}: expected a positive number of inferences per second`);
  if (rateHz > result.inferencesPerSecond) {
    throw new InputError(
      `--rate-hz ${text}: the design runs at most ${formatSignificant(result.inferencesPerSecond, 4)} inferences/s (${formatFixed(result.latencyMs, 3)} ms each); give a lower rate`,
    );
  }
  return { rateHz, powerW: powerAtRateW(targetPowerParts(result), rateHz) };
}

/** The model or topology file the command was given, for messages. */
function workloadFile(options: SimulateCliOptions): string {
  return options.model ?? options.workload ?? "the model";
}

function withControl(json: string, verdict: ControlVerdict | undefined): string {
  return verdict === undefined ? json : JSON.stringify({ ...(JSON.parse(json) as object), control: verdict }, null, 2);
}

function simulateOnSystem(ctx: CliContext, options: SimulateCliOptions, file: string): void {
  if (options.component !== undefined)
    throw new InputError(
      "--component scopes a single target; a system maps each component to its units with map rules",
    );
  if (options.rateHz !== undefined)
    throw new InputError("--rate-hz applies to one target; a system reports its energy per inference");
  if (options.format === "csv")
    throw new InputError("--format csv lists one target's ops; with --system give table or json");
  const sets = splitSets(options.set, { system: true });
  const system = loadSystem(file, sets.target);
  const graph = loadWorkload(options, sets.model);
  if (options.trace !== undefined)
    checkOwnFile(options.trace, TRACE_GENERATOR, "--trace", "a trace", options.force === true);
  const result = withContext(`${workloadFile(options)} on ${file}`, () =>
    simulateSystem(graph, system, simulateOptionsOf(options), controlOptionsOf(options, graph), {
      pipelined: options.trace !== undefined,
    }),
  );
  const baseline = systemBaseline(graph, system, result.latencyMs, result.periodMs, simulateOptionsOf(options));
  if (options.trace !== undefined) writeTrace(ctx, options.trace, chromeTrace(system, result, toolVersion));
  printResult(
    ctx,
    options.format === "json" ? systemJson(result, system, baseline) : systemTable(result, system, baseline),
  );
}

/** The trace, written whole or not at all; a note on stderr says where (stdout stays the result). */
function writeTrace(ctx: CliContext, path: string, text: string): void {
  writeFileAtomic(path, text);
  ctx.io.stderr.write(`Trace written to ${path}: open it in https://ui.perfetto.dev or chrome://tracing\n`);
}

/**
 * Several targets' results as one output: tables one after another, CSV under one header (its rows name their
 * target), JSON as an array. One target prints exactly what it always has.
 */
export function joinResults(outputs: readonly string[], format: SimulateCliOptions["format"]): string {
  if (outputs.length === 1) return outputs[0]!;
  if (format === "json") return `[\n${outputs.map((o) => o.trimEnd()).join(",\n")}\n]\n`;
  if (format === "csv") {
    const header = outputs[0]!.slice(0, outputs[0]!.indexOf("\n") + 1);
    return (
      outputs[0]! +
      outputs
        .slice(1)
        .map((o) => (o.startsWith(header) ? o.slice(header.length) : o))
        .join("")
    );
  }
  return outputs.map((o) => o.trimEnd()).join("\n\n") + "\n";
}

export function simulateCommand(ctx: CliContext): Command {
  const command = new Command("simulate")
    .description(
      "latency, cycles, utilisation, energy and bounds of a model (or SCALE-Sim topology) on a target or a system of units",
    )
    .option("-m, --model <file>", "model YAML file, or a name in models/ (smolvla)", modelFile)
    .option("-w, --workload <file>", "SCALE-Sim GEMM topology CSV (Layer, M, N, K,) instead of a model")
    .option(
      "-t, --target <file>",
      "target YAML file, name in hardware/ (tpu-v1) or SCALE-Sim .cfg; repeat for one result per target",
      collectTargets,
    )
    .option(
      "-S, --system <file>",
      "system YAML file (hardware/systems/): units, links and which ops run where; instead of -t",
      systemFile,
    )
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  npx accel-sizer simulate -m smolvla -t xattn-unit",
        "  npx accel-sizer simulate -m models/smolvla.yaml -t tpu-v1 -t edge-npu",
        "  npx accel-sizer simulate -m models/smolvla.yaml -t hardware/tpu-v1.yaml --set cameras=2 --set mac_array.rows=128 -f json",
        "  npx accel-sizer simulate -m models/smolvla.yaml -t hardware/jetson-orin.yaml --rate-hz 3",
        "  npx accel-sizer simulate -m models/smolvla.yaml --system hardware/systems/xattn-only.yaml --control-hz 50 --horizon 25",
        "  npx accel-sizer simulate -m smolvla -S orin-plus-xattn --trace reports/orin-plus-xattn.trace.json",
        "  npx accel-sizer simulate -w test/fixtures/scalesim/gemms.csv -t test/fixtures/scalesim/array16_ws.cfg --ideal-memory -f csv",
      ].join("\n"),
    );
  command.option("--rate-hz <hz>", "also give the average power when an inference starts this many times a second");
  command.option(
    "--trace <file>",
    "also write the schedule (with --system: the pipelined inferences) as a Chrome trace for Perfetto or chrome://tracing",
  );
  command.option("--force", "let --trace replace a file accel-sizer did not write");
  command.option(
    "--component <name>",
    "only this component of the model (e.g. action_expert): its latency, energy and ops",
  );
  addControlOptions(command);
  addCostModelOptions(command);
  addSetOption(command, "a model parameter or target field");
  addFormatOption(command, ["table", "json", "csv"], "table");
  return command.action((options: SimulateCliOptions) => {
    if ((options.target === undefined) === (options.system === undefined))
      throw new InputError("give exactly one of -t <target.yaml> and --system <system.yaml>");
    if (options.system !== undefined) return simulateOnSystem(ctx, options, options.system);
    const sets = splitSets(options.set);
    const files = options.target!;
    const duplicate = files.find((t, i) => files.indexOf(t) !== i);
    if (duplicate !== undefined) throw new InputError(`-t ${duplicate} is given twice; give each target once`);
    const targets = files.map((file) => loadTarget(file, sets.target));
    const graph = loadWorkload(options, sets.model);
    const control = controlOptionsOf(options, graph);
    if (options.trace !== undefined) {
      if (targets.length > 1) throw new InputError("--trace writes one schedule: give one -t");
      checkOwnFile(options.trace, TRACE_GENERATOR, "--trace", "a trace", options.force === true);
      const system = systemOfTarget(targets[0]!, files[0]!);
      writeTrace(
        ctx,
        options.trace,
        chromeTrace(
          system,
          simulateSystem(graph, system, simulateOptionsOf(options), undefined, { pipelined: true }),
          toolVersion,
        ),
      );
    }
    const outputs = targets.map((target, i) => {
      const result = withContext(`${workloadFile(options)} on ${files[i]!}`, () =>
        simulate(graph, target, simulateOptionsOf(options)),
      );
      const rate = options.rateHz === undefined ? undefined : powerAtRate(result, options.rateHz);
      const verdict = control === undefined ? undefined : controlVerdict(control, result.latencyMs, result.latencyMs);
      if (options.format === "json") return withControl(simulationJson(result, rate), verdict);
      if (options.format === "csv") return simulationCsv(result);
      return simulationTable(result, rate) + (verdict === undefined ? "" : `\nControl loop: ${controlLine(verdict)}\n`);
    });
    printResult(ctx, joinResults(outputs, options.format));
  });
}
