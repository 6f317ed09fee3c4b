import { InputError } from "../common/errors.js";
import type { TargetFile } from "./schema.js";

/**
 * SCALE-Sim's architecture `.cfg` (INI): ArrayHeight, ArrayWidth, Ifmap/Filter/OfmapSramSzkB, Dataflow,
 * Bandwidth (words per cycle). SCALE-Sim counts cycles, not seconds, and has no clock, precision or vector
 * unit; we fill those in with stated conventions: 1 GHz, int8 (one byte per word), SRAM ports of R + 2C
 * words per cycle (one row of ifmap in, a row of filter and of ofmap per cycle), a 64-lane vector unit.
 */
export const SCALESIM_CLOCK_MHZ = 1000;

export function parseScaleSimCfg(text: string, fileName: string): TargetFile {
  const values = new Map<string, { value: string; line: number }>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/[#;].*$/, "").trim();
    if (line === "" || line.startsWith("[")) return;
    const match = /^([A-Za-z_][\w ]*?)\s*[:=]\s*(.*)$/.exec(line);
    if (!match) throw new InputError(`${fileName}:${i + 1}:1: expected 'Key : value', found '${raw.trim()}'`);
    values.set(match[1]!.toLowerCase().replace(/\s+/g, ""), { value: match[2]!.trim(), line: i + 1 });
  });
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
    problems.push(`${fileName}${dataflowEntry ? `:${dataflowEntry.line}:1` : ""}: Dataflow must be os, ws or is, found '${dataflowEntry?.value ?? "(missing)"}'`);
  }
  const bandwidthEntry = values.get("bandwidth");
  const bandwidthWords = bandwidthEntry === undefined ? 10 : Number(bandwidthEntry.value);
  if (!Number.isFinite(bandwidthWords) || bandwidthWords <= 0) {
    problems.push(`${fileName}:${bandwidthEntry?.line}:1: Bandwidth must be a positive number of words per cycle`);
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
