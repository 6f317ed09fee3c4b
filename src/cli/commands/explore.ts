import { Command } from "commander";
import { InputError } from "../../common/errors.js";
import { parseSpecs } from "../../explore/data.js";
import { evaluate } from "../../explore/evaluate.js";
import { initialState } from "../../explore/state.js";
import { formatFixed } from "../../report/views/format.js";
import { explorerData, type ExplorerData } from "../../load/explorer-data.js";
import { explorerHtml } from "../../report/document/explorer-html.js";
import { writeFileAtomic } from "../../report/output/report-write.js";
import { collectTargets, modelFile, parseSets, systemFile } from "../load.js";
import { addControlOptions, type ControlCliOptions } from "../control-options.js";
import { addCostModelOptions, addSetOption, simulateOptionsOf, type CostModelCliOptions } from "../options.js";
import type { CliContext } from "../context.js";
import { checkOwnFile, toolVersion } from "../own-file.js";

interface ExploreCliOptions extends CostModelCliOptions, ControlCliOptions {
  model: string;
  target?: string[];
  system?: string;
  set?: string[];
  output: string;
  force?: boolean;
}

/** The page's title, which tells an explorer file from any other: only ours is overwritten without --force. */
const OURS = "<title>accel-sizer explorer";

/** The page's starting state: the `--set`s and the control-loop flags given (explore's, or report's). */
export function explorerStart(options: ControlCliOptions & { set?: string[] }): [string, string][] {
  const start: [string, string][] = parseSets(options.set).map((o) => [o.key, String(o.value)]);
  const flags = { "--control-hz": options.controlHz, "--chunk": options.chunk, "--horizon": options.horizon };
  for (const [flag, value] of Object.entries(flags)) if (value !== undefined) start.push([flag, value]);
  if (options.mode !== undefined && options.mode !== "async") start.push(["--mode", options.mode]);
  return start;
}

/** The page, its first state evaluated here first: a file that would open on an error is never written. */
export function explorerPage(data: ExplorerData): { html: string; latencyMs: number } {
  const evaluation = evaluate(data, parseSpecs(data), initialState(data));
  if (!evaluation.ok) throw new InputError(evaluation.problems);
  return { html: explorerHtml(data), latencyMs: evaluation.outcome.latencyMs };
}

export function exploreCommand(ctx: CliContext): Command {
  const command = new Command("explore")
    .description(
      "write explorer.html: one self-contained page that re-simulates the design as you change any field (works offline, from file://)",
    )
    .requiredOption("-m, --model <file>", "model YAML file, or a name in models/ (smolvla)", modelFile)
    .option(
      "-t, --target <file>",
      "target YAML file or name in hardware/; repeat to choose between them in the page",
      collectTargets,
    )
    .option(
      "-S, --system <file>",
      "system YAML file or name in hardware/systems/: units, links and which ops run where; instead of -t",
      systemFile,
    )
    .option("-o, --output <file>", "the page to write", "explorer.html")
    .option("--force", "replace an existing file that is not an explorer page")
    .addHelpText(
      "after",
      [
        "",
        "The page opens with the design the options describe; its link (#…) holds every change, and its",
        "'Copy as CLI' button gives the simulate command that computes what it shows.",
        "",
        "Examples:",
        "  npx accel-sizer explore -m smolvla -t xattn-unit -o reports/explorer.html",
        "  npx accel-sizer explore -m smolvla -S orin-plus-xattn --control-hz 50 -o reports/orin-plus-xattn.html",
      ].join("\n"),
    );
  addControlOptions(command);
  addCostModelOptions(command);
  addSetOption(command, "a model parameter or target field the page starts from");
  return command.action((options: ExploreCliOptions) => {
    if ((options.target === undefined) === (options.system === undefined))
      throw new InputError("give exactly one of -t <target.yaml> and --system <system.yaml>");
    const targets = options.target ?? [];
    const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
    if (duplicate !== undefined) throw new InputError(`-t ${duplicate} is given twice; give each target once`);
    // A browser opens a page of another name as text (file:// has no content type but the name's).
    if (!/\.html?$/i.test(options.output) && !options.output.startsWith("/dev/"))
      throw new InputError(
        `-o ${options.output}: name the page .html (a browser shows a file of another name as text)`,
      );
    checkOwnFile(options.output, OURS, "-o", "an explorer page", options.force === true);
    const data = explorerData({
      model: options.model,
      targets,
      ...(options.system === undefined ? {} : { system: options.system }),
      start: explorerStart(options),
      simulate: simulateOptionsOf(options),
      toolVersion,
    });
    const { html, latencyMs } = explorerPage(data);
    writeFileAtomic(options.output, html);
    ctx.io.stdout.write(
      `Explorer written to ${options.output} (opens at ${formatFixed(latencyMs, 3)} ms per inference)\n`,
    );
  });
}
