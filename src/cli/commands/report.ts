import { Command } from "commander";
import { createRequire } from "node:module";
import { join } from "node:path";
import { InputError, type Problem } from "../../common/errors.js";
import { summarizeMacs } from "../../graph/summary.js";
import { reportCharts } from "../../report/document/report-charts.js";
import { NARROW_WIDTH } from "../../report/chart/charts.js";
import { opsCsv, summaryCsv } from "../../report/document/report-csv.js";
import { explorerData } from "../../load/explorer-data.js";
import { reportHtml } from "../../report/document/report-html.js";
import { reportMarkdown } from "../../report/document/report-markdown.js";
import { buildReport, reportJson, type ReportInputs } from "../../report/document/report-model.js";
import { planOutputFolder, writeOutputFolder } from "../../report/output/output-folder.js";
import { simulate } from "../../simulate/simulate.js";
import { buildGraph } from "../../graph/build.js";
import type { Target } from "../../hardware/types.js";
import { loadModel, loadTarget, targetFilesIn } from "../../load/load.js";
import { collectTargets, modelFile, splitSets, systemFile } from "../load.js";
import {
  addCostModelOptions,
  addQuietOption,
  addSetOption,
  simulateOptionsOf,
  type CostModelCliOptions,
} from "../options.js";
import { createProgress } from "../progress.js";
import type { CliContext } from "../context.js";
import { explorerPage, explorerStart } from "./explore.js";
import { addControlOptions, controlOptionsOf, refuseLoopFlags, type ControlCliOptions } from "../control-options.js";
import { loadSystem } from "../../load/system.js";
import { systemBaseline } from "../../system/baseline.js";
import { shellQuote } from "../../report/document/report-model.js";
import { systemReportFiles } from "../../report/document/system-report.js";
import { simulateSystem } from "../../system/simulate-system.js";

interface ReportCliOptions extends CostModelCliOptions, ControlCliOptions {
  model: string;
  target?: string[];
  system?: string;
  allTargets?: boolean;
  set?: string[];
  output: string;
  force?: boolean;
  quiet?: boolean;
}

/** The folder `--all-targets` reads, relative to the working folder. */
export const HARDWARE_DIR = "hardware";

const toolVersion = (createRequire(import.meta.url)("../../../package.json") as { version: string }).version;

/** Every target YAML in `dir`, sorted. */
export function hardwareTargets(dir = HARDWARE_DIR): string[] {
  let files: string[];
  try {
    files = targetFilesIn(dir);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`--all-targets: no ${dir}/ folder here; run from the project folder or give targets with -t`);
  }
  if (files.length === 0) throw new InputError(`--all-targets: no *.yaml target in ${dir}/`);
  return files;
}

/** Loads every target before any simulation, reporting all the bad ones together. */
function loadTargets(
  files: readonly string[],
  overrides: ReturnType<typeof splitSets>["target"],
): { path: string; target: Target }[] {
  const loaded: { path: string; target: Target }[] = [];
  const problems: (string | Problem)[] = [];
  for (const file of files) {
    try {
      loaded.push({ path: file, target: loadTarget(file, overrides) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.details);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return loaded;
}

/** SOURCE_DATE_EPOCH (seconds), when set, pins the date for reproducible reports. */
function generatedAt(env: CliContext["io"]["env"]): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const date = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString();
}

export function reportCommand(ctx: CliContext): Command {
  const command = new Command("report")
    .description(
      "latency report of a model on one or more targets: report.md, index.html, CSV, JSON and charts in one folder",
    )
    .requiredOption("-m, --model <file>", "model YAML file, or a name in models/ (smolvla)", modelFile)
    .option("-t, --target <file>", "target YAML file or name in hardware/ (repeatable)", collectTargets)
    .option("--all-targets", `every *.yaml target in ./${HARDWARE_DIR}`)
    .option(
      "-S, --system <file>",
      "a system YAML file (hardware/systems/) instead of targets: units, transfers, timelines, the control loop",
      systemFile,
    )
    .requiredOption(
      "-o, --output <folder>",
      "report folder, e.g. reports/smolvla (replaced as a whole; only a folder accel-sizer wrote)",
    )
    .option("--force", "write into an existing folder accel-sizer did not write, replacing only its own file names")
    .addHelpText(
      "after",
      [
        "",
        "Writes report.md, index.html (self-contained), explorer.html (the design, live), summary.csv, ops.csv, result.json and charts/*.png.",
        "The folder is replaced only when everything succeeded; each --set applies to the model and to every target.",
        "",
        "Examples:",
        "  npx accel-sizer report -m models/smolvla.yaml --all-targets -o reports/smolvla",
        "  npx accel-sizer report -m smolvla -t xattn-unit -t tpu-v1 --set cameras=2 -o reports/two-cameras",
        "  npx accel-sizer report -m smolvla --system hardware/systems/xattn-only.yaml --control-hz 50 --horizon 25 -o reports/xattn-only",
      ].join("\n"),
    );
  addCostModelOptions(command);
  addSetOption(command, "a model parameter or target field");
  addControlOptions(command);
  addQuietOption(command);
  return command.action(async (options: ReportCliOptions) => {
    const output = planOutputFolder(options.output, { command: "report", force: options.force === true });
    if (options.system !== undefined) {
      if (options.target !== undefined || options.allTargets === true)
        throw new InputError("give targets (-t, --all-targets) or --system, not both");
      const sets = splitSets(options.set, { system: true });
      const graph = buildGraph(loadModel(options.model, sets.model));
      const system = loadSystem(options.system, sets.target);
      const result = simulateSystem(graph, system, simulateOptionsOf(options), controlOptionsOf(options, graph), {
        pipelined: true,
      });
      const baseline = systemBaseline(graph, system, result.latencyMs, result.periodMs, simulateOptionsOf(options));
      const files = await systemReportFiles(
        system,
        result,
        ["npx", "accel-sizer", ...ctx.argv].map(shellQuote).join(" "),
        baseline,
      );
      const explorer = explorerData({
        model: options.model,
        targets: [],
        system: options.system,
        start: explorerStart(options),
        simulate: simulateOptionsOf(options),
        toolVersion,
      });
      writeOutputFolder(output, new Map([...files, ["explorer.html", explorerPage(explorer).html]]));
      ctx.io.stdout.write(
        `Report written to ${join(options.output, "report.md")} (and index.html, explorer.html, result.json, charts/)\n`,
      );
      return;
    }
    if (options.allTargets === true && options.target !== undefined)
      throw new InputError("give targets with -t or --all-targets, not both");
    refuseLoopFlags(
      options,
      "a report over targets shows no control loop; check a target's loop with simulate -t … --control-hz, or report a system (-S) with it",
    );
    const files = options.allTargets === true ? hardwareTargets() : (options.target ?? []);
    if (files.length === 0)
      throw new InputError("give at least one target: -t <target.yaml> (repeatable) or --all-targets");
    const duplicate = files.find((f, i) => files.indexOf(f) !== i);
    if (duplicate !== undefined) throw new InputError(`-t ${duplicate} is given twice; give each target once`);
    const sets = splitSets(options.set);
    const graph = buildGraph(loadModel(options.model, sets.model));
    const targets = loadTargets(files, sets.target);

    // Simulating each target, then drawing its charts wide and for phones.
    const progress = createProgress(ctx.io, 3 * targets.length, "report", { quiet: options.quiet === true });
    const runs = targets.map(({ path, target }, i) => {
      const result = simulate(graph, target, simulateOptionsOf(options));
      progress.tick(i + 1);
      return { file: path, result };
    });
    const inputs: ReportInputs = {
      modelFile: options.model,
      targetFiles: files,
      allTargets: options.allTargets === true,
      sets: options.set ?? [],
      simulateOptions: simulateOptionsOf(options),
      output: options.output,
      toolVersion,
      generatedAt: generatedAt(ctx.io.env),
    };
    const report = buildReport(inputs, summarizeMacs(graph), runs);
    // Both sizes drawn before either is awaited: their PNGs encode on the thread pool meanwhile.
    const [charts, narrow] = await Promise.all([
      reportCharts(report, (done) => progress.tick(targets.length + done)),
      reportCharts(report, (done) => progress.tick(2 * targets.length + done), NARROW_WIDTH),
    ]);
    const outputs = new Map<string, string | Uint8Array>([
      ["report.md", reportMarkdown(report)],
      ["index.html", reportHtml(report, charts, narrow)],
      // The same model and targets in the explorer, which starts from the report's --set values on the
      // fastest target (the page's menu offers the others).
      [
        "explorer.html",
        explorerPage(
          explorerData({
            model: options.model,
            targets: files,
            start: [...explorerStart(options), ...fastestStart(runs)],
            simulate: simulateOptionsOf(options),
            toolVersion,
          }),
        ).html,
      ],
      ["summary.csv", summaryCsv(report)],
      ["ops.csv", opsCsv(report)],
      ["result.json", reportJson(report)],
      ...charts,
    ]);
    writeOutputFolder(output, outputs);
    progress.done();
    ctx.io.stdout.write(
      `Report written to ${join(options.output, "report.md")} (and index.html, explorer.html, summary.csv, ops.csv, result.json, charts/)\n`,
    );
  });
}

/** The explorer's `-t` on the fastest of several targets; nothing for one (the page has no menu then). */
function fastestStart(runs: readonly { file: string; result: { latencyMs: number } }[]): [string, string][] {
  if (runs.length < 2) return [];
  const fastest = runs.reduce((best, run) => (run.result.latencyMs < best.result.latencyMs ? run : best));
  return [["-t", fastest.file]];
}
