import { z } from "zod";
import { strictObject } from "../common/schema-errors.js";

/**
 * The target file format: one declaration from which the types, the validation and the JSON Schema
 * (`hardware/schema.json`) come. Units are in the key names; they are converted once, in target.ts.
 */
const positive = z.number().positive().refine(Number.isFinite, "expected a finite number");
const positiveInt = z.number().int("expected an integer").positive();

export const dataflowSchema = z.enum(["os", "ws", "is"]).describe("os: output stationary, ws: weight stationary, is: input stationary");
export const precisionSchema = z.enum(["int8", "fp16", "bf16", "fp32"]).describe("element precision; fixes the bytes per element");

export const targetSchema = strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  clock_mhz: positive.describe("clock frequency in MHz"),
  precision: precisionSchema,
  mac_array: strictObject({
    rows: positiveInt.describe("MAC rows (R)"),
    cols: positiveInt.describe("MAC columns (C)"),
    dataflow: dataflowSchema,
    count: positiveInt.optional().describe("identical arrays working in parallel (default 1)"),
  }),
  sram: strictObject({
    size_kib: positive.describe("on-chip buffer capacity in KiB (1 KiB = 1024 bytes)"),
    bandwidth_bytes_per_cycle: positive.describe("SRAM bandwidth to the arrays, bytes per cycle, all arrays together"),
  }),
  dram: strictObject({
    bandwidth_gbps: positive.describe("off-chip bandwidth in GB/s (1 GB/s = 10^9 bytes/s)"),
  }),
  vector: strictObject({
    lanes: positiveInt.describe("vector-unit element operations per cycle (softmax, norms, activations)"),
  }),
});

export type TargetFile = z.infer<typeof targetSchema>;
