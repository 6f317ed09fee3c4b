import type { MatmulOp } from "../../src/graph/types.js";
import { technologyFigures } from "../../src/hardware/technology-figures.js";
import type { TargetFile } from "../../src/hardware/schema.js";
import type { Dataflow, Target } from "../../src/hardware/types.js";

/** A target built in the test, with units as the target format converts them. */
/** The file a test target stands for: 28 nm and DDR4, the defaults a target file without a technology section gets. */
const FILE: TargetFile = {
  name: "test",
  clock_mhz: 1000,
  precision: "int8",
  mac_array: { rows: 16, cols: 16, dataflow: "ws" },
  sram: { size_kib: 1024, bandwidth_bytes_per_cycle: 1e6 },
  dram: { bandwidth_gbps: 10 },
  vector: { lanes: 16 },
};

export function makeTarget(
  overrides: Partial<Omit<Target, "array">> & { array?: Partial<Target["array"]> } = {},
): Target {
  return {
    name: "test",
    file: FILE,
    description: "",
    clockHz: 1e9,
    precision: "int8",
    bytesPerElement: 1,
    sramBytes: 1024 * 1024,
    sramBytesPerCycle: 1e6,
    dramBytesPerSecond: 10e9,
    vectorLanes: 16,
    ...technologyFigures(FILE, "int8"),
    weightPrecision: overrides.precision ?? "int8",
    weightBytesPerElement: overrides.bytesPerElement ?? 1,
    ...overrides,
    array: {
      rows: 16,
      cols: 16,
      dataflow: "ws" as Dataflow,
      count: 1,
      rate: 1,
      precisions: ["int8"],
      weightBuffering: "single" as const,
      ...overrides.array,
    },
  };
}

export function makeMatmul(m: number, k: number, n: number, extra: Partial<MatmulOp> = {}): MatmulOp {
  const batch = extra.batch ?? 1;
  return {
    kind: "matmul",
    component: "c",
    layer: 0,
    block: "b",
    name: "gemm",
    phase: "static",
    count: 1,
    m,
    k,
    n,
    batch,
    macs: batch * m * k * n,
    filterIsWeight: true,
    ...extra,
    producers: extra.producers ?? [],
  };
}
