import { Command } from "commander";
import { InputError } from "../../common/errors.js";
import { formatFixed, formatInteger, formatPercent, formatSignificant, renderTable } from "../../report/format.js";
import { budgetOf, InfeasibleBudgetError, sizeDesign, type SizedDesign, type Sizing } from "../../sweep/size.js";
import { addFormatOption } from "../options.js";
import { addSpaceOptions, runSpace, VALUE_SYNTAX, type SpaceCliOptions } from "./sweep.js";

interface SizeCliOptions extends SpaceCliOptions {
  budgetMs?: string;
  rateHz?: string;
  format: "table" | "json";
}

/** The documented JSON of one design (the answer or a neighbour). */
function designRecord(d: SizedDesign) {
  return {
    design: d.design,
    latencyMs: d.latencyMs,
    marginMs: d.marginMs,
    peakMacsPerCycle: d.peakMacsPerCycle,
    clockMhz: d.clockMhz,
    sramKiB: d.sramKiB,
    utilization: d.utilization,
  };
}

export function sizingJson(sizing: Sizing): string {
  const { design, latencyMs, marginMs, peakMacsPerCycle, clockMhz, sramKiB, utilization } = designRecord(sizing);
  return JSON.stringify(
    { design, latencyMs, marginMs, budgetMs: sizing.budgetMs, peakMacsPerCycle, clockMhz, sramKiB, utilization, points: sizing.points, neighbours: sizing.neighbours.map(designRecord) },
    null,
    2,
  );
}

export function sizingTable(sizing: Sizing, model: string, target: string): string {
  const paths = Object.keys(sizing.design);
  // Clock and SRAM are shown as cost columns unless they are varied (then their column already says it).
  const clock = !paths.includes("clock_mhz");
  const sram = !paths.includes("sram.size_kib");
  const headers = [...paths, "MACs/cycle", ...(clock ? ["Clock MHz"] : []), ...(sram ? ["SRAM KiB"] : []), "Latency ms", "Margin ms", "Utilisation", "Budget"];
  const row = (d: SizedDesign, note: string) => [
    ...paths.map((p) => String(d.design[p])),
    formatInteger(d.peakMacsPerCycle),
    ...(clock ? [formatSignificant(d.clockMhz, 4)] : []),
    ...(sram ? [formatInteger(d.sramKiB)] : []),
    formatFixed(d.latencyMs, 3),
    formatFixed(d.marginMs, 3),
    formatPercent(d.utilization),
    note,
  ];
  const rows = [...[...sizing.neighbours].reverse().map((d) => row(d, "misses")), row(sizing, "← smallest that meets the budget")];
  const align = headers.map((_, i) => (i === headers.length - 1 ? "left" : "right") as "left" | "right");
  const budget = `${formatSignificant(sizing.budgetMs, 4)} ms per inference (${formatSignificant(1000 / sizing.budgetMs, 4)} inferences/s)`;
  const summary = Object.entries(sizing.design).map(([k, v]) => `${k}=${v}`).join(", ");
  return [
    `Smallest design for ${model} on ${target} meeting ${budget}, of ${formatInteger(sizing.points)} designs`,
    `ordered by peak MACs/cycle, then clock, then SRAM:`,
    "",
    `  ${summary}: ${formatFixed(sizing.latencyMs, 3)} ms, margin ${formatFixed(sizing.marginMs, 3)} ms (${formatPercent(sizing.marginMs / sizing.budgetMs)} of the budget)`,
    "",
    renderTable(headers, rows, align),
    "",
  ].join("\n");
}

export function sizeCommand(): Command {
  const command = new Command("size")
    .description("the smallest design of a space (fewest peak MACs/cycle, then lowest clock, then least SRAM) that meets a latency budget")
    .option("--budget-ms <ms>", "latency budget per inference in milliseconds")
    .option("--rate-hz <hz>", "required inferences per second (budget = 1000 / rate ms)")
    .addHelpText(
      "after",
      [
        "",
        VALUE_SYNTAX,
        "",
        "Prints the design with its margin (budget − latency) and the next-cheaper designs, which miss.",
        "Exit code 3 when no design in the space meets the budget.",
        "",
        "Examples:",
        "  accel-sizer size -m models/smolvla.yaml -t hardware/xattn-unit.yaml --rate-hz 2 \\",
        "      --vary mac_array.rows=8,16,32,64,128 --tie mac_array.cols=mac_array.rows --vary clock_mhz=200:1000:100",
        "  accel-sizer size -m models/smolvla.yaml -t hardware/edge-npu.yaml --budget-ms 200 --vary mac_array.rows=8..256x2 \\",
        "      --tie mac_array.cols=mac_array.rows --vary sram.size_kib=256..8192x2 -f json",
      ].join("\n"),
    );
  addSpaceOptions(command);
  addFormatOption(command, ["table", "json"], "table");
  return command.action(async (options: SizeCliOptions) => {
    const budgetMs = budgetOf(options);
    const result = await runSpace(options, "size", ({ space }) => {
      const model = space.columns.find((c) => c.domain === "model");
      if (model !== undefined) {
        throw new InputError(`--${model.kind} ${model.path}: size varies the hardware for one workload; fix model parameters with --set ${model.path}=<value>`);
      }
    });
    let sizing: ReturnType<typeof sizeDesign>;
    try {
      sizing = sizeDesign(result, budgetMs);
    } catch (error) {
      // JSON consumers get a record on standard output even when nothing fits; the exit code is still 3.
      if (error instanceof InfeasibleBudgetError && options.format === "json") process.stdout.write(`${JSON.stringify(error.record, null, 2)}\n`);
      throw error;
    }
    const out = options.format === "json" ? sizingJson(sizing) : sizingTable(sizing, result.model, result.target);
    process.stdout.write(out.endsWith("\n") ? out : `${out}\n`);
  });
}
