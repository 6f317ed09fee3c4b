import type { MatmulOp } from "../../src/graph/types.js";
import type { Dataflow, Target } from "../../src/hardware/types.js";

/** A target built in the test, with units as the target format converts them. */
export function makeTarget(overrides: Partial<Omit<Target, "array">> & { array?: Partial<Target["array"]> } = {}): Target {
  return {
    name: "test",
    description: "",
    clockHz: 1e9,
    precision: "int8",
    bytesPerElement: 1,
    sramBytes: 1024 * 1024,
    sramBytesPerCycle: 1e6,
    dramBytesPerSecond: 10e9,
    vectorLanes: 16,
    ...overrides,
    array: { rows: 16, cols: 16, dataflow: "ws" as Dataflow, count: 1, ...overrides.array },
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
  };
}
