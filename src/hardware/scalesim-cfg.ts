import { InputError } from "../common/errors.js";
import { formatPath, type KeyPath, type YamlSource } from "../common/yaml-source.js";
import type { TargetFile } from "./schema.js";

/**
 * SCALE-Sim's architecture `.cfg` (INI): ArrayHeight, ArrayWidth, Ifmap/Filter/OfmapSramSzkB, Dataflow,
 * Bandwidth (words per cycle). SCALE-Sim counts cycles, not seconds, and has no clock, precision or vector
 * unit; we fill those in with stated conventions: 1 GHz, int8 (one byte per word), SRAM ports of R + 2C
 * words per cycle (one row of ifmap in, a row of filter and of ofmap per cycle), a 64-lane vector unit.
 */
export const SCALESIM_CLOCK_MHZ = 1000;

type CfgValues = ReadonlyMap<string, { key: string; value: string; line: number }>;

/** Target fields a `.cfg` sets, by the cfg keys the user wrote (for messages that name those, not our paths). */
const CFG_KEYS: readonly [path: string, keys: readonly string[], how?: string][] = [
  ["mac_array.rows", ["ArrayHeight"]],
  ["mac_array.cols", ["ArrayWidth"]],
  ["mac_array.dataflow", ["Dataflow"]],
  ["sram.size_kib", ["IfmapSramSzkB", "FilterSramSzkB", "OfmapSramSzkB"], "their sum"],
  [
    "sram.bandwidth_bytes_per_cycle",
    ["ArrayHeight", "ArrayWidth"],
    "SRAM ports of ArrayHeight + 2 × ArrayWidth bytes per cycle",
  ],
  ["dram.bandwidth_gbps", ["Bandwidth"], `words per cycle × ${SCALESIM_CLOCK_MHZ} MHz`],
];

/**
 * A `.cfg` as a source the target schema can check: problems point at the cfg line and name the cfg key the
 * user wrote (`x.cfg:13:1: Bandwidth: …`), never an internal key path such as `dram.bandwidth_gbps`.
 */
export function scaleSimCfgSource(text: string, fileName: string): YamlSource {
  const values = readCfg(text, fileName);
  const fieldOf = (path: KeyPath) => CFG_KEYS.find(([field]) => formatPath(path).startsWith(field));
  const entryOf = (path: KeyPath) => {
    const keys = fieldOf(path)?.[1] ?? [];
    return keys.map((k) => values.get(k.toLowerCase())).find((e) => e !== undefined);
  };
  return {
    fileName,
    data: targetOfCfg(values, fileName),
    locate: (path) => {
      const entry = entryOf(path);
      return entry === undefined ? fileName : `${fileName}:${entry.line}:1`;
    },
    describePath: (path) => {
      const field = fieldOf(path);
      if (field === undefined) return `${formatPath(path)} (a fixed convention of .cfg targets)`;
      const [, keys, how] = field;
      return how === undefined ? keys.join(" + ") : `${keys.join(", ")} (${how})`;
    },
  };
}

export function parseScaleSimCfg(text: string, fileName: string): TargetFile {
  return targetOfCfg(readCfg(text, fileName), fileName);
}

/** The cfg's keys (lower case, spaces removed) with their values and lines; a key given twice is refused. */
function readCfg(text: string, fileName: string): CfgValues {
  const values = new Map<string, { key: string; value: string; line: number }>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/[#;].*$/, "").trim();
    if (line === "" || line.startsWith("[")) return;
    const match = /^([A-Za-z_][\w ]*?)\s*[:=]\s*(.*)$/.exec(line);
    if (!match) throw new InputError(`${fileName}:${i + 1}:1: expected 'Key : value', found '${raw.trim()}'`);
    const name = match[1]!.toLowerCase().replace(/\s+/g, "");
    const first = values.get(name);
    // SCALE-Sim's configparser refuses a repeated key too; taking either value silently would be a guess.
    if (first !== undefined)
      problems.push(`${fileName}:${i + 1}:1: ${match[1]}: duplicate key (first set on line ${first.line})`);
    else values.set(name, { key: match[1]!, value: match[2]!.trim(), line: i + 1 });
  });
  if (problems.length > 0) throw new InputError(problems);
  return values;
}

function targetOfCfg(values: CfgValues, fileName: string): TargetFile {
  const problems: string[] = [];
  const integer = (key: string): number => {
    const entry = values.get(key.toLowerCase());
    if (entry === undefined) {
      problems.push(`${fileName}: missing '${key}'`);
      return 1;
    }
    const n = Number(entry.value);
    if (!Number.isSafeInteger(n) || n <= 0) {
      problems.push(`${fileName}:${entry.line}:1: ${key} must be a positive integer, found '${entry.value}'`);
      return 1;
    }
    return n;
  };
  const rows = integer("ArrayHeight");
  const cols = integer("ArrayWidth");
  const sramKiB = integer("IfmapSramSzkB") + integer("FilterSramSzkB") + integer("OfmapSramSzkB");
  const dataflowEntry = values.get("dataflow");
  const dataflow = dataflowEntry?.value.toLowerCase();
  if (dataflow !== "os" && dataflow !== "ws" && dataflow !== "is") {
    problems.push(
      `${fileName}${dataflowEntry ? `:${dataflowEntry.line}:1` : ""}: Dataflow must be os, ws or is, found '${dataflowEntry?.value ?? "(missing)"}'`,
    );
  }
  const bandwidthEntry = values.get("bandwidth");
  const bandwidthWords = bandwidthEntry === undefined ? 10 : Number(bandwidthEntry.value);
  if (!Number.isFinite(bandwidthWords) || bandwidthWords <= 0) {
    problems.push(
      `${fileName}:${bandwidthEntry?.line}:1: Bandwidth must be a positive number of words per cycle, found '${bandwidthEntry?.value}'`,
    );
  }
  if (problems.length > 0) throw new InputError(problems);
  const runName = values.get("run_name")?.value;
  return {
    name: runName ? `SCALE-Sim ${runName}` : `SCALE-Sim ${rows}×${cols} ${dataflow}`,
    description: `from ${fileName}`,
    clock_mhz: SCALESIM_CLOCK_MHZ,
    precision: "int8",
    mac_array: { rows, cols, dataflow: dataflow as "os" | "ws" | "is", count: 1 },
    sram: { size_kib: sramKiB, bandwidth_bytes_per_cycle: rows + 2 * cols },
    dram: { bandwidth_gbps: (bandwidthWords * SCALESIM_CLOCK_MHZ * 1e6) / 1e9 },
    vector: { lanes: 64 },
  };
}
