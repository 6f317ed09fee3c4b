import { z } from "zod";
import { strictObject } from "../common/schema-errors.js";

/**
 * The target file format: one declaration from which the types, the validation and the JSON Schema
 * (`hardware/schema.json`) come. Units are in the key names; they are converted once, in target.ts.
 */
const positiveInt = z.number().int("expected an integer").positive("expected a positive integer");

/**
 * A positive number within physically sensible bounds. The bounds keep every derived quantity (cycles,
 * latency, bytes per cycle) finite and exact: a 5e-324 MHz clock would otherwise print an infinite latency.
 */
const within = (min: number, max: number, unit: string) =>
  z.number().min(min, `expected at least ${min} ${unit}`).max(max, `expected at most ${max} ${unit}`);

export const dataflowSchema = z.enum(["os", "ws", "is"]).describe("os: output stationary, ws: weight stationary, is: input stationary");
export const precisionSchema = z.enum(["int8", "fp16", "bf16", "fp32"]).describe("element precision; fixes the bytes per element");

export const targetSchema = strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  clock_mhz: within(0.001, 100_000, "MHz").describe("clock frequency in MHz (1 kHz to 100 GHz)"),
  precision: precisionSchema,
  mac_array: strictObject({
    rows: positiveInt.max(1_000_000).describe("MAC rows (R)"),
    cols: positiveInt.max(1_000_000).describe("MAC columns (C)"),
    dataflow: dataflowSchema,
    count: positiveInt.max(1_000_000).optional().describe("identical arrays working in parallel (default 1)"),
  }),
  sram: strictObject({
    size_kib: within(1 / 1024, 2 ** 40, "KiB").describe("on-chip buffer capacity in KiB (1 KiB = 1024 bytes)"),
    bandwidth_bytes_per_cycle: within(0.001, 1e9, "bytes per cycle").describe("SRAM bandwidth to the arrays, bytes per cycle, all arrays together"),
  }),
  dram: strictObject({
    bandwidth_gbps: within(0.001, 1e6, "GB/s").describe("off-chip bandwidth in GB/s (1 GB/s = 10^9 bytes/s)"),
  }),
  vector: strictObject({
    lanes: positiveInt.max(1e9).describe("vector-unit element operations per cycle (softmax, norms, activations)"),
  }),
});

export type TargetFile = z.infer<typeof targetSchema>;
