import { Command } from "commander";
import { simulationCsv, simulationJson, simulationTable } from "../../report/simulate-view.js";
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
        "  accel-sizer simulate -w gemm.csv -t scalesim.cfg --ideal-memory -f csv",
      ].join("\n"),
    );
  addCostModelOptions(command);
  addSetOption(command, "a model parameter or target field");
  addFormatOption(command, ["table", "json", "csv"], "table");
  return command.action((options: SimulateCliOptions) => {
    const sets = splitSets(options.set);
    const target = loadTarget(options.target, sets.target);
    const graph = loadWorkload(options, sets.model);
    const result = simulate(graph, target, simulateOptionsOf(options));
    const out = options.format === "json" ? simulationJson(result) : options.format === "csv" ? simulationCsv(result) : simulationTable(result);
    printResult(ctx, out);
  });
}
