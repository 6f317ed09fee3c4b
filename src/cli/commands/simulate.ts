import { Command } from "commander";
import { InputError } from "../../common/errors.js";
import { formatFixed, formatSignificant } from "../../report/format.js";
import { simulationCsv, simulationJson, simulationTable, type PowerAtRate } from "../../report/simulate-view.js";
import { powerAtRateW } from "../../simulate/energy-totals.js";
import type { SimulationResult } from "../../simulate/types.js";
import { simulate } from "../../simulate/simulate.js";
import { loadTarget } from "../../load/load.js";
import { loadWorkload, splitSets } from "../load.js";
import { addCostModelOptions, addFormatOption, addSetOption, simulateOptionsOf, type CostModelCliOptions } from "../options.js";
import { printResult, type CliContext } from "../context.js";

interface SimulateCliOptions extends CostModelCliOptions {
  model?: string;
  workload?: string;
  target: string;
  set?: string[];
  format: "table" | "json" | "csv";
  rateHz?: string;
}

/** The power at `--rate-hz`, which must be a rate the design can sustain. */
function powerAtRate(result: SimulationResult, text: string): PowerAtRate {
  const rateHz = Number(text);
  if (text.trim() === "" || !Number.isFinite(rateHz) || rateHz <= 0) throw new InputError(`--rate-hz ${text}: expected a positive number of inferences per second`);
  if (rateHz > result.inferencesPerSecond) {
    throw new InputError(`--rate-hz ${text}: the design runs at most ${formatSignificant(result.inferencesPerSecond, 4)} inferences/s (${formatFixed(result.latencyMs, 3)} ms each); give a lower rate`);
  }
  return { rateHz, powerW: powerAtRateW(result, rateHz) };
}

export function simulateCommand(ctx: CliContext): Command {
  const command = new Command("simulate")
    .description("latency, cycles, utilisation and bounds of a model (or SCALE-Sim topology) on a target")
    .option("-m, --model <file>", "model YAML file")
    .option("-w, --workload <file>", "SCALE-Sim GEMM topology CSV (Layer, M, N, K,) instead of a model")
    .requiredOption("-t, --target <file>", "target YAML file, or a SCALE-Sim .cfg")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  accel-sizer simulate -m models/smolvla.yaml -t hardware/xattn-unit.yaml",
        "  accel-sizer simulate -m models/smolvla.yaml -t hardware/tpu-v1.yaml --set cameras=2 --set mac_array.rows=128 -f json",
        "  accel-sizer simulate -m models/smolvla.yaml -t hardware/jetson-orin.yaml --rate-hz 30",
        "  accel-sizer simulate -w gemm.csv -t scalesim.cfg --ideal-memory -f csv",
      ].join("\n"),
    );
  command.option("--rate-hz <hz>", "also give the average power when an inference starts this many times a second");
  addCostModelOptions(command);
  addSetOption(command, "a model parameter or target field");
  addFormatOption(command, ["table", "json", "csv"], "table");
  return command.action((options: SimulateCliOptions) => {
    const sets = splitSets(options.set);
    const target = loadTarget(options.target, sets.target);
    const graph = loadWorkload(options, sets.model);
    const result = simulate(graph, target, simulateOptionsOf(options));
    const rate = options.rateHz === undefined ? undefined : powerAtRate(result, options.rateHz);
    const out = options.format === "json" ? simulationJson(result, rate) : options.format === "csv" ? simulationCsv(result) : simulationTable(result, rate);
    printResult(ctx, out);
  });
}
