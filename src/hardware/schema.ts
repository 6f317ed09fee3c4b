import { displayText } from "../common/text-schema.js";
import { z } from "zod";
import { strictObject } from "../common/schema-errors.js";
import { weightPrecisionProblem, type Precision } from "./precision.js";
import { DRAM_TYPE_NAMES } from "./dram-types.js";
import { DEFAULT_NODE_NM, NODE_RANGE_NM } from "./technology.js";
import { MIN_VOLTAGE_V, operatingPoint } from "./voltage.js";

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

export const dataflowSchema = z
  .enum(["os", "ws", "is"])
  .describe("os: output stationary, ws: weight stationary, is: input stationary");
export const precisionSchema = z
  .enum(["int8", "fp16", "bf16", "fp32"])
  .describe("element precision; fixes the bytes per element");
export const weightPrecisionSchema = z
  .enum(["int4", "int8", "fp16", "bf16", "fp32"])
  .describe(
    "weight storage precision: int4 packs two weights to a byte, widened to the compute precision in the array",
  );

/**
 * A GPU's kernel-level figures (`kind: gpu`): the tensor cores stay described as `mac_array` (so peak MACs per
 * cycle means the same on every target) and `sram` is the L2; these add what a kernel on SMs needs. See
 * docs/cost-model.md, "GPU targets".
 */
export const gpuSchema = strictObject({
  sms: positiveInt
    .max(100_000)
    .describe("streaming multiprocessors: the tensor cores (mac_array.count) are spread evenly over them"),
  tile_m: positiveInt.max(65_536).describe("thread-block tile rows (output rows one SM computes at a time)"),
  tile_n: positiveInt.max(65_536).describe("thread-block tile columns"),
  tile_k: positiveInt
    .max(65_536)
    .describe("K elements per main-loop step of a tile (the K loop runs ⌈K / tile_k⌉ steps)"),
  kernel_overhead_us: within(0, 1e6, "µs").describe("fixed time per kernel: launch, dispatch and completion, in µs"),
  compute_efficiency: within(0.01, 1, "(a fraction)").describe(
    "achievable fraction of peak tensor-core throughput inside a tile's K loop",
  ),
  dram_efficiency: within(0.01, 1, "(a fraction)").describe("achievable fraction of the DRAM bandwidth"),
  graphs: z
    .boolean()
    .optional()
    .describe(
      "kernels replayed as a CUDA graph, each paying graph_kernel_us instead of kernel_overhead_us (default false: eager launches)",
    ),
  graph_kernel_us: within(0, 1e6, "µs")
    .optional()
    .describe("per-kernel cost inside a replayed CUDA graph, µs (default 1)"),
  die_mm2: within(0.01, 1e5, "mm²")
    .optional()
    .describe("published die area, mm²: the modelled blocks plus the rest of the die"),
  tdp_w: within(0.001, 1e6, "W")
    .optional()
    .describe("board or module power while a saturated GEMM runs (the TDP): calibrates energy per MAC; needs idle_w"),
  idle_w: within(0, 1e6, "W")
    .optional()
    .describe("power with a context held and nothing running (loaded idle), W: drawn the whole time; needs tdp_w"),
}).superRefine((gpu, ctx) => {
  if ((gpu.tdp_w === undefined) !== (gpu.idle_w === undefined))
    ctx.addIssue({
      code: "custom",
      path: [gpu.tdp_w === undefined ? "tdp_w" : "idle_w"],
      message: "tdp_w and idle_w go together: give both or neither",
    });
  if (gpu.tdp_w !== undefined && gpu.idle_w !== undefined && gpu.idle_w >= gpu.tdp_w)
    ctx.addIssue({ code: "custom", path: ["idle_w"], message: `expected idle_w below tdp_w (${gpu.tdp_w} W)` });
});

/**
 * An FPGA device (`kind: fpga`): the array is built from DSP slices and the buffer from block and ultra RAM, at
 * a clock the fabric achieves; the board draws its static power all the time. See docs/energy-area.md, "FPGA targets".
 */
export const fpgaSchema = strictObject({
  device: z.string().min(1).optional().describe("the device, e.g. xcu280"),
  dsp_slices: positiveInt.max(1e7).describe("DSP slices on the device"),
  macs_per_dsp: z
    .partialRecord(precisionSchema, within(1 / 64, 64, "MACs per DSP per cycle"))
    .describe(
      "MACs one DSP slice performs per cycle at each precision it supports, e.g. { int8: 2 } (DSP48E2 with operand packing)",
    ),
  bram_kib: within(0, 2 ** 30, "KiB").describe("block RAM on the device, KiB"),
  uram_kib: within(0, 2 ** 30, "KiB")
    .optional()
    .describe("UltraRAM on the device, KiB (default 0)"),
  max_clock_mhz: within(1, 10_000, "MHz").describe(
    "the fabric clock a design of this kind achieves on the device, MHz",
  ),
  static_w: within(0, 1e5, "W").describe("board power with the device configured and idle, W: drawn the whole time"),
  board_max_w: within(0.001, 1e5, "W").describe("the board's power limit, W: caps peak power"),
});

export const targetSchema = strictObject({
  $schema: z.string().optional(),
  name: displayText("name"),
  description: displayText("description").optional(),
  kind: z
    .enum(["systolic", "gpu", "fpga"])
    .optional()
    .describe(
      "systolic (default): the SCALE-Sim-exact array model priced as an ASIC; gpu: the tiled, wave-quantised GPU kernel model (needs `gpu`); fpga: the array model built from a device's DSP slices and on-chip RAM (needs `fpga`)",
    ),
  clock_mhz: within(0.001, 100_000, "MHz").describe("clock frequency in MHz (1 kHz to 100 GHz)"),
  precision: precisionSchema,
  weight_precision: weightPrecisionSchema
    .optional()
    .describe(
      "precision the weights are stored and moved in, no wider than `precision` (e.g. int4 with int8 MACs: w4a8); default: `precision`",
    ),
  mac_array: strictObject({
    rows: positiveInt.max(1_000_000).describe("MAC rows (R)"),
    cols: positiveInt.max(1_000_000).describe("MAC columns (C)"),
    dataflow: dataflowSchema,
    weight_buffering: z
      .enum(["single", "double"])
      .optional()
      .describe(
        "ws and is: single (default, SCALE-Sim's count) loads each stationary tile before it computes; double loads the next tile while the current one computes (TPU v1's weight double-buffering)",
      ),
    count: positiveInt.max(1_000_000).optional().describe("identical arrays working in parallel (default 1)"),
    precisions: z
      .partialRecord(precisionSchema, within(1 / 64, 64, "MACs per cell per cycle"))
      .optional()
      .describe(
        "precisions the MAC cells support and each one's rate in MACs per cell per cycle, e.g. { int8: 1, fp16: 0.5 } (default: `precision` at rate 1)",
      ),
  }),
  sram: strictObject({
    size_kib: within(1 / 1024, 2 ** 40, "KiB").describe("on-chip buffer capacity in KiB (1 KiB = 1024 bytes)"),
    bandwidth_bytes_per_cycle: within(0.001, 1e9, "bytes per cycle").describe(
      "SRAM bandwidth to the arrays, bytes per cycle, all arrays together",
    ),
  }),
  dram: strictObject({
    bandwidth_gbps: within(0.001, 1e6, "GB/s").describe("off-chip bandwidth in GB/s (1 GB/s = 10^9 bytes/s)"),
    capacity_gib: within(1 / 1024, 1e6, "GiB")
      .optional()
      .describe(
        "off-chip memory capacity in GiB (1 GiB = 2^30 bytes); checked against what the ops mapped to the unit must hold",
      ),
    type: z.enum(DRAM_TYPE_NAMES).optional().describe("DRAM kind; fixes energy per byte and PHY area (default ddr4)"),
  }),
  vector: strictObject({
    lanes: positiveInt.max(1e9).describe("vector-unit element operations per cycle (softmax, norms, activations)"),
  }),
  technology: strictObject({
    node_nm: within(NODE_RANGE_NM.min, NODE_RANGE_NM.max, "nm").describe(
      "process node in nm; scales energy and area from the 45 nm tables (default 28)",
    ),
    voltage_v: within(MIN_VOLTAGE_V, 1.5, "V")
      .optional()
      .describe(
        "core supply in V (default: nominal for the node up to its nominal clock, raised by the alpha-power law above it); dynamic energy scales by (V / nominal)²",
      ),
  })
    .optional()
    .describe("the process the design is built in"),
  energy: strictObject({
    mac_pj: nonNegative.optional().describe("energy of one MAC in pJ (default: by precision and node)"),
    array_pj_per_mac: nonNegative.optional().describe("register and movement energy inside the array per MAC, pJ"),
    sram_pj_per_byte: nonNegative
      .optional()
      .describe("SRAM energy per byte read or written, pJ (default: by capacity and node)"),
    accumulator_pj_per_byte: nonNegative
      .optional()
      .describe("accumulator energy per byte of partial sums written or read, pJ (default: an 8 KiB bank, by node)"),
    dram_pj_per_byte: nonNegative.optional().describe("DRAM energy per byte moved, pJ (default: by dram.type)"),
    vector_pj_per_op: nonNegative.optional().describe("vector-unit energy per element operation, pJ"),
    static_mw_per_mm2: nonNegative.optional().describe("leakage power per mm² of the design, mW"),
    clock_pj_per_mm2_cycle: nonNegative
      .optional()
      .describe(
        "clock tree and control switching per cycle per mm² of cell area, pJ, drawn whenever the design is clocked (default: fitted, by node)",
      ),
  })
    .optional()
    .describe("overrides of the technology table's energy figures"),
  area: strictObject({
    mac_um2: nonNegative.optional().describe("area of one MAC cell, µm² (default: by precision and node)"),
    array_um2_per_pe: nonNegative.optional().describe("pipeline-register area per PE, µm²"),
    sram_mm2_per_mib: nonNegative.optional().describe("SRAM macro area per MiB, mm² (default: by node)"),
    vector_um2_per_lane: nonNegative.optional().describe("vector-lane area, µm²"),
    phy_mm2: nonNegative.optional().describe("DRAM PHY area in all, mm² (default: whole interfaces of dram.type)"),
    pe_logic_factor: within(1, 100, "(a multiple)")
      .optional()
      .describe("as-built PE logic over one MAC and its registers (default 7.25, fitted; 1 for the bottom-up sum)"),
    sram_periphery_factor: within(1, 100, "(a multiple)")
      .optional()
      .describe("as-built SRAM over its bitcell-derived macros (default 2, fitted; 1 for the bottom-up sum)"),
    control_mm2: nonNegative
      .optional()
      .describe("fixed control block (sequencer, DMA, host interface), mm² (default 1.1 mm² at 45 nm, by node)"),
    utilisation: within(0.05, 1, "(a fraction)")
      .optional()
      .describe("standard-cell utilisation after place and route: layout = cell area ÷ this (default 0.7)"),
  })
    .optional()
    .describe("overrides of the technology table's area figures"),
  gpu: gpuSchema.optional().describe("GPU kernel figures; required by, and only allowed with, kind: gpu"),
  fpga: fpgaSchema.optional().describe("FPGA device figures; required by, and only allowed with, kind: fpga"),
}).superRefine((file, ctx) => {
  const isGpu = file.kind === "gpu";
  const isFpga = file.kind === "fpga";
  if (isGpu && file.gpu === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["gpu"],
      message:
        "kind: gpu needs a gpu section (sms, tile_m, tile_n, tile_k, kernel_overhead_us, compute_efficiency, dram_efficiency)",
    });
  if (!isGpu && file.gpu !== undefined)
    ctx.addIssue({ code: "custom", path: ["kind"], message: "a gpu section needs kind: gpu" });
  if (isFpga && file.fpga === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["fpga"],
      message:
        "kind: fpga needs an fpga section (dsp_slices, macs_per_dsp, bram_kib, max_clock_mhz, static_w, board_max_w)",
    });
  if (!isFpga && file.fpga !== undefined)
    ctx.addIssue({ code: "custom", path: ["kind"], message: "an fpga section needs kind: fpga" });
  if (isFpga && file.fpga !== undefined) checkFpgaFits(file, file.fpga, ctx);
  if (!isGpu && !isFpga) {
    const nodeNm = file.technology?.node_nm ?? DEFAULT_NODE_NM;
    const point = operatingPoint(nodeNm, file.clock_mhz * 1e6, file.technology?.voltage_v);
    if (file.clock_mhz * 1e6 > point.maxHz * (1 + 1e-12)) {
      const at =
        file.technology?.voltage_v === undefined
          ? `its highest supply, ${point.voltageV.toFixed(3)} V`
          : `the stated ${point.voltageV} V`;
      ctx.addIssue({
        code: "custom",
        path: ["clock_mhz"],
        message: `expected at most ${Math.floor(point.maxHz / 1e6)} MHz: a ${nodeNm} nm design reaches that at ${at} (alpha-power law; docs/energy-area.md, "Voltage and clock")`,
      });
    }
  }
  const narrower =
    file.weight_precision === undefined ? undefined : weightPrecisionProblem(file.precision, file.weight_precision);
  if (narrower !== undefined) ctx.addIssue({ code: "custom", path: ["weight_precision"], message: narrower });
  const declared = file.mac_array.precisions;
  if (declared !== undefined && declared[file.precision] === undefined) {
    const names = Object.keys(declared).join(", ");
    ctx.addIssue({
      code: "custom",
      path: ["precision"],
      message: `${file.precision} is not among the precisions mac_array.precisions declares (${names})`,
    });
  }
});

export type TargetFile = z.infer<typeof targetSchema>;

type ArrayFields = {
  precision: Precision;
  mac_array: {
    rows: number;
    cols: number;
    count?: number | undefined;
    precisions?: Partial<Record<Precision, number>> | undefined;
  };
};

/** Peak MACs per cycle of a file's arrays at its precision, before it is a Target (Target: peakMacsPerCycle). */
export function fileMacsPerCycle(file: ArrayFields): number {
  const m = file.mac_array;
  return m.rows * m.cols * (m.count ?? 1) * (m.precisions?.[file.precision] ?? 1);
}

/** An FPGA build must fit its device: DSPs for the array, block and ultra RAM for the buffer, the fabric's clock. */
function checkFpgaFits(
  file: ArrayFields & { clock_mhz: number; sram: { size_kib: number } },
  fpga: z.infer<typeof fpgaSchema>,
  ctx: z.RefinementCtx,
): void {
  const perDsp = fpga.macs_per_dsp[file.precision];
  if (perDsp === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["fpga", "macs_per_dsp"],
      message: `gives no rate for ${file.precision}, the target's precision`,
    });
    return;
  }
  const macsPerCycle = fileMacsPerCycle(file);
  const dsps = Math.ceil(macsPerCycle / perDsp);
  if (dsps > fpga.dsp_slices)
    ctx.addIssue({
      code: "custom",
      path: ["mac_array"],
      message: `${macsPerCycle.toLocaleString("en-US")} MACs per cycle need ${dsps.toLocaleString("en-US")} DSP slices at ${perDsp} ${file.precision} MACs each; expected at most the device's ${fpga.dsp_slices.toLocaleString("en-US")}`,
    });
  const onChipKiB = fpga.bram_kib + (fpga.uram_kib ?? 0);
  if (file.sram.size_kib > onChipKiB)
    ctx.addIssue({
      code: "custom",
      path: ["sram", "size_kib"],
      message: `expected at most the device's ${onChipKiB.toLocaleString("en-US")} KiB of block and ultra RAM`,
    });
  if (file.clock_mhz > fpga.max_clock_mhz)
    ctx.addIssue({
      code: "custom",
      path: ["clock_mhz"],
      message: `expected at most ${fpga.max_clock_mhz} MHz, the fabric clock fpga.max_clock_mhz states for this device`,
    });
}
