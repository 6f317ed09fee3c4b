/**
 * The data of a latency report, format-neutral and pure: the inputs it was made from, the model's MACs
 * summary and one simulation per target. The Markdown, HTML, CSV, JSON and chart writers all read this.
 */
import { createHash } from "node:crypto";
import type { MacsSummary } from "../../graph/summary.js";
import type { SimulateOptions, SimulationResult } from "../../simulate/types.js";
import { shellQuote } from "../../common/shell.js";
import { simulationRecord } from "../views/simulate-view.js";

/** What a report was computed from, enough to regenerate it. */
export interface ReportInputs {
  readonly modelFile: string;
  /** The target files actually used (resolved from `--all-targets` when given). */
  readonly targetFiles: readonly string[];
  /** Whether the targets came from `--all-targets` rather than `-t`. */
  readonly allTargets: boolean;
  /** The `--set key=value` overrides, as typed; each applies to the model and to every target. */
  readonly sets: readonly string[];
  /** How the targets were costed (absent: the systolic model with its memory limits). */
  readonly simulateOptions?: SimulateOptions;
  /** The output folder as given with `-o`. */
  readonly output: string;
  readonly toolVersion: string;
  /** ISO 8601 timestamp. */
  readonly generatedAt: string;
}

export interface TargetRun {
  readonly file: string;
  /** File-name-safe, unique within the report: names the per-target charts and HTML anchors. */
  readonly slug: string;
  readonly result: SimulationResult;
}

export interface Report {
  readonly inputs: ReportInputs;
  /** The command line that regenerates the report. */
  readonly command: string;
  readonly model: string;
  readonly macs: MacsSummary;
  readonly targets: readonly TargetRun[];
}

export const CHARTS = {
  latency: "charts/latency.png",
  latencyShare: "charts/latency-share.png",
  macs: "charts/macs.png",
  energy: "charts/energy.png",
  area: "charts/area.png",
  boundMix: (slug: string) => `charts/bound-mix-${slug}.png`,
  opTime: (slug: string) => `charts/op-time-${slug}.png`,
  roofline: (slug: string) => `charts/roofline-${slug}.png`,
  utilisation: (slug: string) => `charts/utilisation-${slug}.png`,
} as const;

export function buildReport(
  inputs: ReportInputs,
  macs: MacsSummary,
  runs: readonly { file: string; result: SimulationResult }[],
): Report {
  const used = new Set<string>();
  // One order for the whole page, fastest first (ties keep the order given): tables, charts and sections.
  const fastestFirst = [...runs].sort((a, b) => a.result.latencyMs - b.result.latencyMs);
  const targets = fastestFirst.map(({ file, result }) => {
    const base = slugify(result.target.name) || "target";
    let slug = base;
    for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
    used.add(slug);
    return { file, slug, result };
  });
  return { inputs, command: regenerateCommand(inputs), model: macs.model, macs, targets };
}

/** Slugs longer than this are cut and end in a hash: a chart's file name must fit any file system's limit. */
export const MAX_SLUG = 48;

export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= MAX_SLUG) return slug;
  return `${slug.slice(0, MAX_SLUG - 9).replace(/-+$/, "")}-${createHash("sha256").update(text).digest("hex").slice(0, 8)}`;
}

export { shellQuote };
export {
  dramBytesPerSecond,
  peakMacsPerSecond,
  rooflineOps,
  type RooflineOp,
  type RooflineOps,
} from "./roofline-ops.js";

/** The `npx accel-sizer report …` command line that reproduces these inputs, as the README writes commands. */
export function regenerateCommand(inputs: ReportInputs): string {
  const args = ["npx", "accel-sizer", "report", "-m", inputs.modelFile];
  if (inputs.allTargets) args.push("--all-targets");
  else for (const file of inputs.targetFiles) args.push("-t", file);
  for (const set of inputs.sets) args.push("--set", set);
  if (inputs.simulateOptions?.costModel === "roofline") args.push("--cost-model", "roofline");
  if (inputs.simulateOptions?.idealMemory === true) args.push("--ideal-memory");
  args.push("-o", inputs.output);
  return args.map(shellQuote).join(" ");
}

/** result.json: everything the report shows, unrounded, with the full stable simulation record of each target. */
export function reportRecord(report: Report) {
  return {
    tool: { name: "accel-sizer", version: report.inputs.toolVersion },
    generatedAt: report.inputs.generatedAt,
    command: report.command,
    inputs: {
      model: report.inputs.modelFile,
      targets: report.inputs.targetFiles,
      allTargets: report.inputs.allTargets,
      sets: report.inputs.sets,
    },
    model: report.model,
    macs: report.macs,
    targets: report.targets.map((t) => ({ file: t.file, ...simulationRecord(t.result) })),
  };
}

export function reportJson(report: Report): string {
  return `${JSON.stringify(reportRecord(report), null, 2)}\n`;
}
