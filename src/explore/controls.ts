/**
 * The explorer's controls, as data: one per `--set` key a user would reach for (every numeric target field,
 * every model parameter, each unit's fields), plus the control-loop flags. The page renders them; a control's
 * `name` is the key (or flag) it drives, which is the page's stable contract with tests and scripts.
 */
import { DRAM_TYPE_NAMES } from "../hardware/dram-types.js";
import { dataflowSchema, precisionSchema, weightPrecisionSchema } from "../hardware/schema.js";
import { resolveTarget, type TargetSpec } from "../hardware/target.js";
import { overridableKeys } from "../model/overrides.js";
import { summarizeTarget } from "../simulate/simulate.js";
import type { TargetSummary } from "../simulate/types.js";
import type { ExplorerData } from "../load/explorer-data.js";
import type { ExplorerSpecs } from "./data.js";

export interface ControlSpec {
  /** The `--set` key (`mac_array.rows`, `cameras`, `units.xattn.clock_mhz`) or the flag (`--control-hz`). */
  readonly name: string;
  readonly label: string;
  readonly group: string;
  /** A select offers only the values the schema allows; a text control takes what `--set` takes. */
  readonly options?: readonly string[];
  /** What the files say (or the default they leave in force): the value that overrides nothing. */
  readonly value: string;
  /** Whether a slider beside it makes sense (the value is a plain number); whole numbers step by one. */
  readonly slider?: "integer" | "real";
  readonly placeholder?: string;
}

/** The target fields the explorer offers, with the summary field that holds the value a file leaves in force. */
const TARGET_FIELDS: readonly {
  key: string;
  slider?: "integer" | "real";
  options?: readonly string[];
  summary: keyof TargetSummary;
}[] = [
  { key: "mac_array.rows", slider: "integer", summary: "rows" },
  { key: "mac_array.cols", slider: "integer", summary: "cols" },
  { key: "mac_array.count", slider: "integer", summary: "arrays" },
  { key: "mac_array.dataflow", options: dataflowSchema.options, summary: "dataflow" },
  { key: "mac_array.weight_buffering", options: ["single", "double"], summary: "weightBuffering" },
  { key: "clock_mhz", slider: "real", summary: "clockMhz" },
  { key: "precision", options: precisionSchema.options, summary: "precision" },
  { key: "weight_precision", options: weightPrecisionSchema.options, summary: "weightPrecision" },
  { key: "sram.size_kib", slider: "real", summary: "sramKiB" },
  { key: "sram.bandwidth_bytes_per_cycle", slider: "real", summary: "sramBandwidthBytesPerCycle" },
  { key: "dram.bandwidth_gbps", slider: "real", summary: "dramBandwidthGBps" },
  { key: "dram.type", options: DRAM_TYPE_NAMES, summary: "dramType" },
  { key: "vector.lanes", slider: "integer", summary: "vectorLanes" },
  { key: "technology.node_nm", slider: "real", summary: "nodeNm" },
];

/** A GPU's launch mode and per-kernel costs: offered on `kind: gpu` targets only. */
const GPU_FIELDS: readonly {
  key: string;
  slider?: "real";
  options?: readonly string[];
  summary: "graphs" | "kernelOverheadUs" | "graphKernelUs";
}[] = [
  { key: "gpu.graphs", options: ["false", "true"], summary: "graphs" },
  { key: "gpu.kernel_overhead_us", slider: "real", summary: "kernelOverheadUs" },
  { key: "gpu.graph_kernel_us", slider: "real", summary: "graphKernelUs" },
];

/** The control-loop flags, as simulate takes them; empty means not given. */
export const CONTROL_FLAGS = ["--control-hz", "--chunk", "--horizon", "--mode"] as const;

function at(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const part of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A target's fields, valued as its file (then `unitSets`, a system unit's own `set`) writes them, else as resolved. */
function targetControls(
  spec: TargetSpec,
  prefix: string,
  group: string,
  unitSets: Readonly<Record<string, unknown>> = {},
): ControlSpec[] {
  const summary = summarizeTarget(
    resolveTarget(
      spec,
      Object.entries(unitSets).map(([key, value]) => ({ key, value: value as string | number })),
    ),
  );
  const gpu = summary.gpu;
  const fields = [
    ...TARGET_FIELDS.map((field) => ({ ...field, resolved: summary[field.summary] })),
    ...(gpu === undefined ? [] : GPU_FIELDS.map((field) => ({ ...field, resolved: gpu[field.summary] }))),
  ];
  return fields.map((field) => {
    const given = unitSets[field.key] ?? at(spec.source.data, field.key.split("."));
    const value =
      typeof given === "number" || typeof given === "string" || typeof given === "boolean"
        ? String(given)
        : String(field.resolved);
    return {
      name: prefix + field.key,
      label: field.key,
      group,
      value,
      ...(field.options ? { options: field.options } : {}),
      ...(field.slider ? { slider: field.slider } : {}),
    };
  });
}

const PRECISION_MENUS: Readonly<Record<string, readonly string[]>> = {
  precision: precisionSchema.options,
  weight_precision: weightPrecisionSchema.options,
};

function modelControls(specs: ExplorerSpecs): ControlSpec[] {
  const file = specs.model.file;
  return overridableKeys(specs.model).map((key): ControlSpec => {
    const [head, tail] = key.split(".") as [string, string | undefined];
    const component = file.components.find((c) => c.name === head);
    const given =
      tail === undefined || component === undefined
        ? (file.params?.[key] ?? (key === "batch" ? (file.batch ?? 1) : undefined))
        : (component.params?.[tail] ?? (tail === "steps" || tail === "instances" ? component[tail] : undefined));
    // A component's precisions are the target's unless the model says: a menu whose first entry keeps them so.
    const menu = tail !== undefined && Object.hasOwn(PRECISION_MENUS, tail) ? PRECISION_MENUS[tail] : undefined;
    if (component !== undefined && menu !== undefined && component.params?.[tail!] === undefined) {
      const stated = (component as Record<string, unknown>)[tail!];
      return { name: key, label: key, group: "model", value: String(stated ?? ""), options: ["", ...menu] };
    }
    const value = String(given ?? "");
    return {
      name: key,
      label: key,
      group: "model",
      value,
      ...(/^\d+(\.\d+)?$/.test(value) ? { slider: Number.isInteger(Number(value)) ? "integer" : "real" } : {}),
    };
  });
}

function loopControls(specs: ExplorerSpecs): ControlSpec[] {
  const chunk = specs.model.file.chunk_actions;
  return [
    { name: "--control-hz", label: "--control-hz", group: "control loop", value: "", placeholder: "off" },
    {
      name: "--chunk",
      label: "--chunk",
      group: "control loop",
      value: "",
      placeholder: chunk === undefined ? "" : `model: ${chunk}`,
    },
    { name: "--horizon", label: "--horizon", group: "control loop", value: "", placeholder: "the chunk" },
    { name: "--mode", label: "--mode", group: "control loop", value: "async", options: ["async", "sync"] },
  ];
}

/** Every control of the page, in the order shown. */
export function explorerControls(data: ExplorerData, specs: ExplorerSpecs, target: number): ControlSpec[] {
  const hardware: ControlSpec[] = [];
  if (specs.system !== undefined) {
    for (const [unit, spec] of specs.system.units)
      hardware.push(
        ...targetControls(spec, `units.${unit}.`, `unit ${unit}`, specs.system.file.units[unit]?.set ?? {}),
      );
    for (const link of specs.system.file.links ?? []) {
      for (const field of ["bandwidth_gbps", "latency_us"] as const) {
        const name = `links.${link.between.join(".")}.${field}`;
        hardware.push({ name, label: name, group: "links", value: String(link[field]), slider: "real" });
      }
    }
  } else {
    if (data.targets.length > 1)
      hardware.push({
        name: "-t",
        label: "-t",
        group: "target",
        value: data.targets[0]!.path,
        options: data.targets.map((t) => t.path),
      });
    hardware.push(...targetControls(specs.targets[target]!, "", "target"));
  }
  return [...hardware, ...modelControls(specs), ...loopControls(specs)];
}
