import { InputError } from "../common/errors.js";
import { checkFileKind } from "../common/file-kind.js";
import { parseWithSchema } from "../common/schema-errors.js";
import { didYouMean } from "../common/suggest.js";
import { parseYamlSource, withOverrides, type YamlSource } from "../common/yaml-source.js";
import {
  BYTES_PER_ELEMENT,
  WEIGHT_BYTES_PER_ELEMENT,
  weightPrecisionProblem,
  type Precision,
  type Precisions,
} from "./precision.js";
import { overrideSource, type Override } from "../common/override.js";
import { scaleSimCfgSource } from "./scalesim-cfg.js";
import { fileMacsPerCycle, targetSchema, type TargetFile } from "./schema.js";
import { technologyFigures } from "./technology-figures.js";
import type { FpgaSpec, GpuSpec, Target } from "./types.js";

/** A target file parsed to plain data, overridable (`mac_array.rows` = 32) before it is checked. */
export interface TargetSpec {
  readonly fileName: string;
  readonly source: YamlSource;
}

/** A target field set from outside the file, e.g. `{ key: "mac_array.rows", value: 32 }`. */
export type TargetOverride = Override;

/** A target's text as a spec: a SCALE-Sim `.cfg` (which takes the same override keys) or YAML. */
export function targetSpecOfText(text: string, fileName: string): TargetSpec {
  if (fileName.toLowerCase().endsWith(".cfg")) return { fileName, source: scaleSimCfgSource(text, fileName) };
  return parseTargetSpec(text, fileName);
}

export function parseTargetSpec(text: string, fileName: string): TargetSpec {
  const source = parseYamlSource(text, fileName);
  checkFileKind(source, "hardware target");
  parseWithSchema(targetSchema, source);
  return { fileName, source };
}

/** The dotted keys a target accepts, e.g. `mac_array.rows`, `clock_mhz`. */
export function targetKeys(): string[] {
  const keys: string[] = [];
  for (const [key, field] of Object.entries(targetSchema.shape)) {
    // Optional sections (technology, energy, area) wrap their object; their keys are settable all the same.
    const value = "unwrap" in field && typeof field.unwrap === "function" ? (field.unwrap() as unknown) : field;
    const inner = value as { shape?: Record<string, unknown> };
    if (inner.shape !== undefined) for (const sub of Object.keys(inner.shape)) keys.push(`${key}.${sub}`);
    else if (key !== "$schema") keys.push(key);
  }
  return keys;
}

export function isTargetKey(key: string): boolean {
  const top = key.split(".")[0]!;
  return targetKeys().some((k) => k === key || k.split(".")[0] === top);
}

/** Applies overrides to the raw data, then checks it against the schema and converts units. */
export function resolveTarget(spec: TargetSpec, overrides: readonly TargetOverride[] = []): Target {
  let source = spec.source;
  if (overrides.length > 0) {
    const known = targetKeys();
    for (const o of overrides)
      if (!known.includes(o.key))
        throw new InputError(`${overrideSource(o)}: no such target field${didYouMean(o.key, known)}`);
    source = withOverrides(
      spec.source,
      overrides.map((o) => ({
        path: o.key.split("."),
        value: targetFieldValue(o.key, o.value),
        where: overrideSource(o),
      })),
    );
  }
  return toTarget(parseWithSchema(targetSchema, source));
}

/** Fields that take true or false: `--set gpu.graphs=true` arrives as text. */
const SWITCHES: ReadonlySet<string> = new Set(["gpu.graphs"]);

/** An override's value as the file would hold it: `true` and `false` for a switch, the value itself otherwise. */
export function targetFieldValue(key: string, value: unknown): unknown {
  if (SWITCHES.has(key) && (value === "true" || value === "false")) return value === "true";
  return value;
}

function supportedPrecisions(file: TargetFile): Precision[] {
  return file.mac_array.precisions === undefined
    ? [file.precision]
    : (Object.keys(file.mac_array.precisions) as Precision[]);
}

export function toTarget(file: TargetFile): Target {
  return {
    name: file.name,
    file,
    description: file.description ?? "",
    clockHz: file.clock_mhz * 1e6,
    precision: file.precision,
    bytesPerElement: BYTES_PER_ELEMENT[file.precision],
    weightPrecision: file.weight_precision ?? file.precision,
    weightBytesPerElement: WEIGHT_BYTES_PER_ELEMENT[file.weight_precision ?? file.precision],
    array: {
      rows: file.mac_array.rows,
      cols: file.mac_array.cols,
      dataflow: file.mac_array.dataflow,
      count: file.mac_array.count ?? 1,
      rate: file.mac_array.precisions?.[file.precision] ?? 1,
      precisions: supportedPrecisions(file),
      weightBuffering: file.mac_array.weight_buffering ?? "single",
    },
    sramBytes: file.sram.size_kib * 1024,
    sramBytesPerCycle: file.sram.bandwidth_bytes_per_cycle,
    dramBytesPerSecond: file.dram.bandwidth_gbps * 1e9,
    ...(file.dram.capacity_gib === undefined
      ? {}
      : { dramCapacityBytes: Math.round(file.dram.capacity_gib * 2 ** 30) }),
    vectorLanes: file.vector.lanes,
    ...technologyFigures(file, file.precision, supportedPrecisions(file)),
    ...(file.gpu === undefined ? {} : { gpu: toGpu(file.gpu) }),
    ...(file.fpga === undefined ? {} : { fpga: toFpga(file, file.fpga) }),
  };
}

/**
 * The same target computing in another precision it supports (mac_array.precisions) and storing weights in
 * `weightPrecision`: that precision's rate, bytes per element and energies; area and everything else as built.
 * A component with its own precisions runs on it.
 */
export function atPrecision(target: Target, at: Precisions, who: string): Target {
  const { precision, weightPrecision } = at;
  if (precision === target.precision && weightPrecision === target.weightPrecision) return target;
  if (!target.array.precisions.includes(precision)) {
    throw new InputError(
      `${who} computes in ${precision}, which ${target.name} does not run (its mac_array.precisions: ${target.array.precisions.join(", ")}): give mac_array.precisions a ${precision} rate, or the component a precision the target runs`,
    );
  }
  const problem = weightPrecisionProblem(precision, weightPrecision);
  if (problem !== undefined) throw new InputError(`${who}: ${problem}`);
  return toTarget({ ...target.file, precision, weight_precision: weightPrecision });
}

function toFpga(file: TargetFile, fpga: NonNullable<TargetFile["fpga"]>): FpgaSpec {
  const macsPerCycle = fileMacsPerCycle(file);
  return {
    device: fpga.device ?? file.name,
    dspSlices: fpga.dsp_slices,
    // The schema has checked that the precision has a rate and that the DSPs suffice.
    dspsUsed: Math.ceil(macsPerCycle / (fpga.macs_per_dsp[file.precision] ?? 1)),
    onChipBytes: (fpga.bram_kib + (fpga.uram_kib ?? 0)) * 1024,
    maxClockHz: fpga.max_clock_mhz * 1e6,
  };
}

/** Per-kernel cost in a replayed CUDA graph: 0.5–1 µs per node (chips-as-built §9, CUDA.jl's 80-kernel graph: 0.9 µs). */
export const DEFAULT_GRAPH_KERNEL_US = 1;

function toGpu(gpu: NonNullable<TargetFile["gpu"]>): GpuSpec {
  return {
    sms: gpu.sms,
    tile: { m: gpu.tile_m, n: gpu.tile_n, k: gpu.tile_k },
    kernelOverheadUs: gpu.kernel_overhead_us,
    computeEfficiency: gpu.compute_efficiency,
    dramEfficiency: gpu.dram_efficiency,
    graphs: gpu.graphs ?? false,
    graphKernelUs: gpu.graph_kernel_us ?? DEFAULT_GRAPH_KERNEL_US,
  };
}
