import { Command } from "commander";
import { layerBreakdown } from "../../graph/breakdown.js";
import { summarizeMacs } from "../../graph/summary.js";
import { macsCsv, macsJson, macsTable } from "../../report/views/macs-view.js";
import { buildGraph } from "../../graph/build.js";
import { loadModel } from "../../load/load.js";
import { modelFile, parseSets } from "../load.js";
import { addFormatOption, addSetOption } from "../options.js";
import { printResult, type CliContext } from "../context.js";

interface MacsOptions {
  model: string;
  set?: string[];
  format: "table" | "json" | "csv";
}

export function macsCommand(ctx: CliContext): Command {
  const command = new Command("macs")
    .description("MACs per component (static and per diffusion step) and per layer")
    .requiredOption("-m, --model <file>", "model YAML file, or a name in models/ (smolvla)", modelFile)
    .addHelpText(
      "after",
      "\nExamples:\n  npx accel-sizer macs -m models/smolvla.yaml\n  npx accel-sizer macs -m models/smolvla.yaml --set cameras=3 --format json",
    );
  addSetOption(command);
  addFormatOption(command, ["table", "json", "csv"], "table");
  return command.action((options: MacsOptions) => {
    const graph = buildGraph(loadModel(options.model, parseSets(options.set)));
    const summary = summarizeMacs(graph);
    const out =
      options.format === "json"
        ? macsJson(summary)
        : options.format === "csv"
          ? macsCsv(summary)
          : macsTable(summary, layerBreakdown(graph));
    printResult(ctx, out);
  });
}
