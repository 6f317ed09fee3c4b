import { MACS_HEADERS } from "../views/macs-view.js";
/**
 * What a report says, section by section, as format-neutral blocks. All rounding goes through format.ts,
 * so the Markdown and the HTML print the same digits.
 */
import type { MacsSummary } from "../../graph/summary.js";
import { TRAFFIC_ALIGN, TRAFFIC_HEADERS, trafficRows } from "../views/traffic-view.js";
import type { SimulationResult } from "../../simulate/types.js";
import {
  formatColumn,
  formatFixed,
  formatGiga,
  formatGrouped,
  formatInteger,
  formatKiB,
  formatPercent,
  formatSignificant,
} from "../views/format.js";
import { code, heading, image, list, paragraph, table, type Block } from "./report-document.js";
import { CHARTS, peakMacsPerSecond, rooflineOps, type Report, type TargetRun } from "./report-model.js";
import { costLines, formatShares } from "../views/cost-view.js";
import { FPGA_AREA, formatRatio, isFpga } from "./report-charts.js";
import {
  COMPONENT_ALIGN,
  COMPONENT_HEADERS,
  componentRows,
  componentTotalRow,
  costModelLabel,
  describeTarget,
  formatBoundMix,
  precisionLabel,
  TOP_OP_ALIGN,
  TOP_OP_HEADERS,
  topOpGroups,
  topOpRow,
} from "../views/simulate-view.js";

export function reportBlocks(report: Report): Block[] {
  return [
    ...header(report),
    ...comparison(report),
    ...modelSection(report.macs),
    ...report.targets.flatMap(targetSection),
    ...notes(),
  ];
}

/** `2025-01-31 14:05 UTC` from an ISO timestamp. */
export function displayDate(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** The cost models of a report's targets: one name, or "systolic + GPU kernel" when the targets mix kinds. */
function costModelName(report: Report): string {
  const names = [...new Set(report.targets.map((t) => costModelLabel(t.result).replace(" model", "")))];
  return names.length === 0 ? "systolic" : names.join(" + ");
}

function header(report: Report): Block[] {
  const { inputs } = report;
  const n = report.targets.length;
  const targets = inputs.targetFiles.map((f) => `\`${f}\``).join(", ");
  return [
    heading(1, `Latency report: ${report.model}`),
    paragraph(
      `Generated ${displayDate(inputs.generatedAt)} by accel-sizer ${inputs.toolVersion} from \`${inputs.modelFile}\` on ${n} target${n === 1 ? "" : "s"} ` +
        `(${costModelName(report)} cost model). Regenerate it with:`,
    ),
    code(report.command, "sh"),
    heading(2, "Inputs", "inputs"),
    table({
      headers: ["Input", "Value"],
      rows: [
        ["Model file", `\`${inputs.modelFile}\``],
        [
          "Target files",
          inputs.allTargets ? `${targets} (\`--all-targets\`: every \`*.yaml\` in \`hardware/\`)` : targets,
        ],
        ["Overrides", inputs.sets.length === 0 ? "none" : inputs.sets.map((s) => `\`--set ${s}\``).join(" ")],
        ["Cost model", costModelName(report)],
        ["Tool", `accel-sizer ${inputs.toolVersion}`],
        ["Generated", displayDate(inputs.generatedAt)],
      ],
      align: ["left", "left"],
    }),
  ];
}

function comparison(report: Report): Block[] {
  const runs = report.targets;
  const components = runs[0]?.result.components.map((c) => c.name) ?? [];
  const fastest = Math.min(...runs.map((t) => t.result.latencyMs));
  const column = (of: (r: SimulationResult) => number, digits = 3) =>
    formatColumn(
      runs.map((t) => of(t.result)),
      digits,
    );
  const [clock, peak, dram] = [
    column((r) => r.target.clockMhz),
    column((r) => peakMacsPerSecond(r) / 1e12),
    column((r) => r.target.dramBandwidthGBps),
  ];
  const hardware = runs.map(({ file, result }, i) => {
    const t = result.target;
    return [
      t.name,
      `\`${file}\``,
      `${t.arrays > 1 ? `${t.arrays} × ` : ""}${t.rows}×${t.cols} ${t.dataflow}`,
      precisionLabel(t),
      clock[i]!,
      peak[i]!,
      formatKiB(t.sramKiB),
      dram[i]!,
    ];
  });
  const [energy, area, power, peakPower, topsPerWatt] = [
    column((r) => r.energyMj),
    column((r) => r.areaMm2),
    column((r) => r.averagePowerW),
    column((r) => r.peakPowerW),
    column((r) => r.topsPerWatt),
  ];
  const latency = runs.map(({ result }) => [
    result.target.name,
    formatGrouped(result.latencyMs, 3),
    formatGrouped(result.inferencesPerSecond, 2),
    formatPercent(result.utilization),
    formatBoundMix(result.boundMix),
    ...components.map((name) =>
      formatGrouped(result.components.find((c) => c.name === name)?.latencyMs ?? Number.NaN, 3),
    ),
    formatRatio(result.latencyMs / fastest),
  ]);
  return [
    heading(2, "Comparison across targets", "comparison"),
    table({
      headers: ["Target", "File", "Array", "Precision", "Clock MHz", "Peak TMAC/s", "SRAM KiB", "DRAM GB/s"],
      rows: hardware,
      align: ["left", "left", "left", "left", "right", "right", "right", "right"],
    }),
    paragraph("Latency of one inference (all diffusion steps included), per target and per component:"),
    table({
      headers: [
        "Target",
        "Latency ms",
        "Inferences/s",
        "Utilisation",
        "Bound mix",
        ...components.map((c) => `${c} ms`),
        "vs fastest",
      ],
      rows: latency,
      align: ["left", "right", "right", "right", "left", ...components.map(() => "right" as const), "right"],
    }),
    image(CHARTS.latency, "Latency per inference per target (ms, log scale; totals and × the fastest on the bars)"),
    image(CHARTS.latencyShare, "Share of latency per component per target (%; totals on the bars)"),
    paragraph("Energy of one inference, silicon area and power (back to back) per target:"),
    table({
      headers: ["Target", "Energy mJ", "Area mm²", "Power W", "Peak W", "TOPS/W", "Energy by part", "Area by block"],
      rows: runs.map((run, i) => [
        run.result.target.name,
        energy[i]!,
        isFpga(run) ? "—" : area[i]!,
        power[i]!,
        peakPower[i]!,
        topsPerWatt[i]!,
        formatShares({ ...run.result.energyBreakdown }),
        isFpga(run) ? FPGA_AREA : formatShares({ ...run.result.areaBreakdown }),
      ]),
      align: ["left", "right", "right", "right", "right", "right", "left", "left"],
    }),
    image(CHARTS.energy, "Energy per inference by part per target (mJ; totals and the largest part on the bars)"),
    image(CHARTS.area, "Silicon area by block per target (mm²; totals and the largest block on the bars)"),
  ];
}

function modelSection(macs: MacsSummary): Block[] {
  const rows = macs.components.map((c) => [
    c.name,
    String(c.layers),
    String(c.instances),
    formatGiga(c.staticMacs),
    c.dynamicMacs > 0 ? formatGiga(c.perStepMacs, 3) : "",
    c.dynamicMacs > 0 ? String(c.steps) : "",
    formatGiga(c.dynamicMacs),
    formatGiga(c.macs),
    formatSignificant(c.params / 1e6, 4),
  ]);
  const totalOf = (key: "staticMacs" | "dynamicMacs") => macs.components.reduce((s, c) => s + c[key], 0);
  return [
    heading(2, "Model: MACs per component", "model"),
    paragraph(
      `**${formatInteger(macs.totalMacs)} MACs per inference** (${formatGiga(macs.totalMacs)} G-MACs), ${formatSignificant(macs.totalParams / 1e6, 4)} M parameters. ` +
        "Static MACs run once per inference; per-step MACs run once per diffusion step, and dynamic = per-step × steps × runs.",
    ),
    table({
      headers: [...MACS_HEADERS],
      rows,
      footer: [
        [
          "Total",
          "",
          "",
          formatGiga(totalOf("staticMacs")),
          "",
          "",
          formatGiga(totalOf("dynamicMacs")),
          formatGiga(macs.totalMacs),
          formatSignificant(macs.totalParams / 1e6, 4),
        ],
      ],
    }),
    image(CHARTS.macs, "MACs per component, static and dynamic (G-MACs per inference)"),
  ];
}

/** The sentence the tests read the total latency from. */
export function latencyLine(result: SimulationResult): string {
  return (
    `**Latency per inference: ${formatFixed(result.latencyMs, 3)} ms** · ${formatFixed(result.inferencesPerSecond, 2)} inferences/s · ` +
    `${formatGiga(result.macs)} G-MACs · utilisation ${formatPercent(result.utilization)} · bound mix ${formatBoundMix(result.boundMix)}`
  );
}

function targetSection({ file, slug, result }: TargetRun): Block[] {
  const clockHz = result.target.clockMhz * 1e6;
  const top = topOpGroups(result).map((g) => [
    ...topOpRow(g, result.latencyMs),
    formatSignificant(g.dramBytes / 1e6, 3),
  ]);
  return [
    heading(2, `Target: ${result.target.name}`, `target-${slug}`),
    paragraph(`\`${file}\`: ${describeTarget(result)}.`),
    paragraph(latencyLine(result)),
    ...costLines(result, result.target).map(paragraph),
    heading(3, "Latency per component"),
    table({
      headers: COMPONENT_HEADERS,
      rows: componentRows(result.components, clockHz),
      footer: [componentTotalRow(result)],
      align: COMPONENT_ALIGN,
    }),
    heading(3, "Ten most expensive ops"),
    paragraph(
      "Ops that differ only in their layer are added up; each counts all its runs in one inference (a per-step op runs once per diffusion step).",
    ),
    table({
      headers: [...TOP_OP_HEADERS, "DRAM MB"],
      rows: top,
      align: [...TOP_OP_ALIGN, "right"],
    }),
    heading(3, "DRAM traffic against the compulsory traffic"),
    paragraph(
      'Bytes each component moves per inference under the tiling chosen per op, against each operand not on chip moved once (docs/cost-model.md, "DRAM traffic").',
    ),
    table({
      headers: TRAFFIC_HEADERS,
      rows: trafficRows(result).slice(0, -1),
      footer: [trafficRows(result).at(-1)!],
      align: TRAFFIC_ALIGN,
    }),
    image(CHARTS.boundMix(slug), `What bounds each component on ${result.target.name} (% of its time)`),
    image(
      CHARTS.opTime(slug),
      `Time per kind of op and component on ${result.target.name} (ms per inference; share of the latency on the bars)`,
    ),
    image(
      CHARTS.utilisation(slug),
      `Array utilisation per kind of matmul and component on ${result.target.name} (%, fixed 0–100 axis)`,
    ),
    image(
      CHARTS.roofline(slug),
      `Roofline of ${result.target.name}: matmul ops by kind, attained MAC/s vs operational intensity`,
    ),
    ...rooflineNote(result),
  ];
}

function rooflineNote(result: SimulationResult): Block[] {
  const { matmuls, onChip } = rooflineOps(result);
  return onChip === 0
    ? []
    : [
        paragraph(
          `${onChip} of ${matmuls} matmul ops move no DRAM bytes (all operands on chip) and have no point on the roofline.`,
        ),
      ];
}

function notes(): Block[] {
  return [
    heading(2, "How to read this report", "notes"),
    list([
      "**Latency** is one inference: the vision encoder per camera, the VLM backbone once and the action expert for every diffusion step. **Static ms** runs once per inference, **per-step ms** once per diffusion step.",
      "**Utilisation** = MACs / (cycles × peak MACs per cycle); vector-unit cycles (softmax, norms, activations) count as time with no MACs.",
      "**Bound mix** is the share of cycles each op spent limited by the array (compute), SRAM ports, DRAM bandwidth or the vector unit, or (GPU targets) by the fixed per-kernel overhead (launch).",
      "**Order**: targets fastest first in every table, chart and section.",
      "**Energy and area** are drawn in mJ and mm², stacked by part, each bar labelled with its total and its largest part; an FPGA's area is its device's, not an ASIC's, and is not modelled.",
      "**Roofline**: one point per distinct matmul op, coloured and shaped by its kind (projections, attention, MLP, other). On a GPU, kernels held back by their fixed launch cost are drawn apart (`launch-bound`, the cost per kernel named): their ceiling is their MACs over that cost, not a roof. x = the op's operational intensity (the `intensity` of ops.csv): MACs of all its runs ÷ its compulsory DRAM bytes, " +
        "under the same on-chip rule as the simulation (an activation that fits a third of the SRAM stays on chip; weights once per run, or once per inference when resident; every operand once per kernel on a GPU); " +
        "y = the MAC rate the simulation attains (MACs of all runs ÷ simulated latency), not the ideal min(roof). " +
        "The roof is min(peak MAC/s, DRAM bandwidth × intensity), peak = MACs per cycle × clock; every point lies on or below it, and the gap is mapping, fill/drain, re-reads and stalls. Ops whose operands all stay on chip have no finite intensity and no point.",
      "**Op kinds**: q/k/v/o projections (self- and cross-attention), attention (scores and values, per head), MLP, other matmuls (patch embedding, projectors, heads) and vector ops (norms, softmax, activations, residual adds, on the vector unit). **Utilisation per kind** adds the MACs and cycles of every op of that kind in a component (all layers, all diffusion steps).",
      "`result.json` holds every number unrounded (the same per-target record as `simulate -f json`); `summary.csv` has one row per target, `ops.csv` one row per op per target.",
    ]),
  ];
}
