import { Command } from "commander";
import { InputError } from "../../common/errors.js";
import { buildGraph } from "../../graph/build.js";
import { summarizeMacs, type MacsSummary } from "../../graph/summary.js";
import { unknownKeyMessage } from "../../model/params.js";
import { resolveModel, type ModelSpec } from "../../model/resolve.js";
import { overridableKeys } from "../../model/overrides.js";
import { overrideSource, type Override } from "../../common/override.js";
import {
  compareCsv,
  compareJson,
  compareMacs,
  compareTable,
  type ComparedLatency,
} from "../../report/views/compare-view.js";
import { simulate } from "../../simulate/simulate.js";
import type { SimulationResult } from "../../simulate/types.js";
import { formatPercent, formatSignificant } from "../../report/views/format.js";
import { loadModelSpec, loadTarget } from "../../load/load.js";
import { collectModels, splitSets, targetFile } from "../load.js";
import { addFormatOption, addSetOption } from "../options.js";
import { printResult, type CliContext } from "../context.js";

interface CompareOptions {
  model: string[];
  target?: string;
  set?: string[];
  format: "table" | "json" | "csv";
}

/**
 * Sends each `--set` to every model that has the key (so `cameras=2` reaches both, `image_size=384` only
 * the model that declares it); a key neither model has is an error.
 */
export function splitOverrides(specs: readonly ModelSpec[], overrides: readonly Override[]): Override[][] {
  const keys = specs.map((spec) => new Set(overridableKeys(spec)));
  const perModel = specs.map((): Override[] => []);
  for (const override of overrides) {
    const takers = keys.flatMap((known, i) => (known.has(override.key) ? [i] : []));
    if (takers.length === 0)
      throw new InputError(
        unknownKeyMessage(overrideSource(override), override.key, new Set(keys.flatMap((k) => [...k]))),
      );
    for (const i of takers) perModel[i]!.push(override);
  }
  return perModel;
}

function describeSource(path: string, overrides: readonly Override[]): string {
  return [path, ...overrides.map((o) => `--set ${o.key}=${o.value}`)].join(" ");
}

/** Energy per inference and power of both models on the target (its area is the same for both). */
function compareCost(a: SimulationResult, b: SimulationResult): { table: string; json: object } {
  const mj = (r: SimulationResult) => `${formatSignificant(r.energyMj, 4)} mJ`;
  const change =
    a.energyMj > 0 ? ` (${b.energyMj >= a.energyMj ? "+" : ""}${formatPercent(b.energyMj / a.energyMj - 1)})` : "";
  return {
    table:
      `Energy per inference on ${a.target.name} (${formatSignificant(a.areaMm2, 4)} mm²): A ${mj(a)}, B ${mj(b)}${change}; ` +
      `${formatSignificant(a.averagePowerW, 3)} W and ${formatSignificant(b.averagePowerW, 3)} W back to back, ${formatSignificant(a.topsPerWatt, 3)} and ${formatSignificant(b.topsPerWatt, 3)} TOPS/W.`,
    json: {
      target: a.target.name,
      areaMm2: a.areaMm2,
      aEnergyMj: a.energyMj,
      bEnergyMj: b.energyMj,
      aPowerW: a.averagePowerW,
      bPowerW: b.averagePowerW,
      aTopsPerWatt: a.topsPerWatt,
      bTopsPerWatt: b.topsPerWatt,
    },
  };
}

export function compareCommand(ctx: CliContext): Command {
  const command = new Command("compare")
    .description("MACs per component of two models side by side, with the difference (B − A)")
    .requiredOption("-m, --model <file>", "model YAML file or name in models/; give two: -m <a> -m <b>", collectModels)
    .option(
      "-t, --target <file>",
      "also compare latency per component on this target (YAML, name in hardware/, or SCALE-Sim .cfg)",
      targetFile,
    )
    .addHelpText(
      "after",
      [
        "",
        "Components are matched by name; a component only one model has is listed too.",
        "Each --set goes to every model that has the parameter.",
        "",
        "Examples:",
        "  npx accel-sizer compare -m models/smolvla.yaml -m models/smolvla-lerobot.yaml",
        "  npx accel-sizer compare -m models/smolvla.yaml -m models/smolvla-lerobot.yaml --set cameras=2 --format csv",
        "  npx accel-sizer compare -m models/smolvla.yaml -m models/smolvla-lerobot.yaml -t hardware/xattn-unit.yaml",
      ].join("\n"),
    );
  addSetOption(command, "a parameter of either model");
  addFormatOption(command, ["table", "json", "csv"], "table");
  return command.action((options: CompareOptions) => {
    if (options.model.length !== 2) {
      throw new InputError(`compare takes exactly two models (-m <a> -m <b>), got ${options.model.length}`);
    }
    const specs = options.model.map(loadModelSpec);
    const sets = splitSets(options.set);
    const overrides = splitOverrides(specs, sets.model);
    const graphs = specs.map((spec, i) => buildGraph(resolveModel(spec, overrides[i])));
    const [a, b] = graphs.map((graph): MacsSummary => summarizeMacs(graph));
    let latency: ComparedLatency | undefined;
    let cost: { table: string; json: object } | undefined;
    if (options.target !== undefined) {
      const target = loadTarget(options.target, sets.target);
      const [ra, rb] = graphs.map((graph) => simulate(graph, target));
      latency = {
        a: new Map(ra!.components.map((c) => [c.name, c.latencyMs])),
        b: new Map(rb!.components.map((c) => [c.name, c.latencyMs])),
      };
      cost = compareCost(ra!, rb!);
    } else if (sets.target.length > 0) {
      throw new InputError(`--set ${sets.target[0]!.key}: a target field needs a target (-t <file>)`);
    }
    const comparison = compareMacs(a!, b!, latency);
    const sources = {
      a: describeSource(options.model[0]!, overrides[0]!),
      b: describeSource(options.model[1]!, overrides[1]!),
    };
    const out =
      options.format === "json"
        ? compareJson(comparison, sources)
        : options.format === "csv"
          ? compareCsv(comparison)
          : compareTable(comparison, sources);
    if (cost === undefined || options.format === "csv") printResult(ctx, out);
    else if (options.format === "json")
      printResult(ctx, JSON.stringify({ ...(JSON.parse(out) as object), energy: cost.json }, null, 2));
    else printResult(ctx, `${out.trimEnd()}\n${cost.table}`);
  });
}
