import { z } from "zod";
import { strictObject } from "../common/schema-errors.js";
import { DRAM_TYPE_NAMES } from "./dram-types.js";
import { NODE_RANGE_NM } from "./technology.js";

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

const nonNegative = z.number().min(0, "expected a number ≥ 0").max(1e9, "expected at most 1e9");

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
    type: z.enum(DRAM_TYPE_NAMES).optional().describe("DRAM kind; fixes energy per byte and PHY area (default ddr4)"),
  }),
  vector: strictObject({
    lanes: positiveInt.max(1e9).describe("vector-unit element operations per cycle (softmax, norms, activations)"),
  }),
  technology: strictObject({
    node_nm: within(NODE_RANGE_NM.min, NODE_RANGE_NM.max, "nm").describe("process node in nm; scales energy and area from the 45 nm tables (default 28)"),
  })
    .optional()
    .describe("the process the design is built in"),
  energy: strictObject({
    mac_pj: nonNegative.optional().describe("energy of one MAC in pJ (default: by precision and node)"),
    array_pj_per_mac: nonNegative.optional().describe("register and movement energy inside the array per MAC, pJ"),
    sram_pj_per_byte: nonNegative.optional().describe("SRAM energy per byte read or written, pJ (default: by capacity and node)"),
    dram_pj_per_byte: nonNegative.optional().describe("DRAM energy per byte moved, pJ (default: by dram.type)"),
    vector_pj_per_op: nonNegative.optional().describe("vector-unit energy per element operation, pJ"),
    static_mw_per_mm2: nonNegative.optional().describe("leakage power per mm² of the design, mW"),
  })
    .optional()
    .describe("overrides of the technology table's energy figures"),
  area: strictObject({
    mac_um2: nonNegative.optional().describe("area of one MAC cell, µm² (default: by precision and node)"),
    array_um2_per_pe: nonNegative.optional().describe("pipeline-register area per PE, µm²"),
    sram_mm2_per_mib: nonNegative.optional().describe("SRAM macro area per MiB, mm² (default: by node)"),
    vector_um2_per_lane: nonNegative.optional().describe("vector-lane area, µm²"),
    phy_mm2: nonNegative.optional().describe("DRAM PHY area in all, mm² (default: whole interfaces of dram.type)"),
    control_fraction: z.number().min(0).max(10).optional().describe("control and clocking as a share of compute and SRAM area (default 0.1)"),
  })
    .optional()
    .describe("overrides of the technology table's area figures"),
});

export type TargetFile = z.infer<typeof targetSchema>;
