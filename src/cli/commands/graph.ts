import { Command, Option } from "commander";
import { BYTES_PER_ELEMENT, type Precision } from "../../hardware/precision.js";
import { graphCsv, graphJson, graphScaleSim } from "../../report/views/graph-view.js";
import { buildGraph } from "../../graph/build.js";
import { loadModel } from "../../load/load.js";
import { modelFile, parseSets } from "../load.js";
import { addFormatOption, addSetOption } from "../options.js";
import { printResult, type CliContext } from "../context.js";

interface GraphOptions {
  model: string;
  set?: string[];
  format: "json" | "csv" | "scalesim";
  precision: Precision;
}

export function graphCommand(ctx: CliContext): Command {
  const command = new Command("graph")
    .description("the whole operation graph: every matmul and vector op of every layer")
    .requiredOption("-m, --model <file>", "model YAML file, or a name in models/ (smolvla)", modelFile)
    .addOption(
      new Option("-p, --precision <precision>", "element precision for the byte columns")
        .choices(Object.keys(BYTES_PER_ELEMENT))
        .default("int8"),
    )
    .addHelpText(
      "after",
      "\nExamples:\n  npx accel-sizer graph -m smolvla --format csv > reports/smolvla-ops.csv\n  npx accel-sizer graph -m models/smolvla.yaml --format scalesim > reports/smolvla-gemm.csv",
    );
  addSetOption(command);
  addFormatOption(command, ["json", "csv", "scalesim"], "json");
  return command.action((options: GraphOptions) => {
    const graph = buildGraph(loadModel(options.model, parseSets(options.set)));
    const precisions = { precision: options.precision, weightPrecision: options.precision };
    const out =
      options.format === "csv"
        ? graphCsv(graph, precisions)
        : options.format === "scalesim"
          ? graphScaleSim(graph)
          : graphJson(graph, precisions);
    printResult(ctx, out);
  });
}
