import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { buildGraph } from "../../src/graph/build.js";
import { opBytes } from "../../src/graph/operands.js";
import { parseTargetSpec, resolveTarget } from "../../src/hardware/target.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";
import { TWO_PARTS_MODEL } from "./two-parts.js";

/** An 8×8 ws array that runs int8 at 1 MAC per cell per cycle and fp16 at half that. */
const TARGET = `
name: two-rate
clock_mhz: 500
precision: int8
mac_array: { rows: 8, cols: 8, dataflow: ws, precisions: { int8: 1, fp16: 0.5 } }
sram: { size_kib: 4096, bandwidth_bytes_per_cycle: 1024 }
dram: { bandwidth_gbps: 100 }
vector: { lanes: 8 }
`;
const target = resolveTarget(parseTargetSpec(TARGET, "t.yaml"));
const spec = parseModelSpec(TWO_PARTS_MODEL, "m.yaml");
const run = (expert?: string) =>
  simulate(
    buildGraph(resolveModel(spec, expert === undefined ? [] : [{ key: "expert.precision", value: expert }])),
    target,
    { costModel: "systolic", idealMemory: true },
  );

describe("a component in its own precision", () => {
  const int8 = run();
  const fp16 = run("fp16");
  const part = (r: typeof int8, name: string) => r.components.find((c) => c.name === name)!;

  it("runs at that precision's rate: twice the cycles at half the MACs per cell (SCALE-Sim's count ÷ 0.5)", () => {
    // folds ⌈720/8⌉² = 8,100; per fold 2R + C + T − 2 = 16 + 8 + 50 − 2 = 72: 583,199 cycles at int8.
    expect(part(int8, "expert").cycles).toBe(8100 * 72 - 1);
    expect(part(fp16, "expert").cycles).toBe(2 * (8100 * 72 - 1));
  });

  it("moves two bytes per element: weights 720 × 720 × 2 B", () => {
    const op = fp16.ops.find((o) => o.op.component === "expert")!;
    expect(op.op.precision).toBe("fp16");
    expect(opBytes(op.op, { precision: "int8", weightPrecision: "int8" }).weightBytes).toBe(720 * 720 * 2);
    expect(op.sramBytes).toBe(2 * int8.ops.find((o) => o.op.component === "expert")!.sramBytes);
  });

  it("pays the fp16 MAC's energy, and leaves the other component's numbers where they were", () => {
    expect(part(fp16, "expert").energyMj).toBeGreaterThan(part(int8, "expert").energyMj);
    expect(part(fp16, "encoder")).toEqual(part(int8, "encoder"));
    expect(fp16.ops.find((o) => o.op.component === "encoder")).toEqual(
      int8.ops.find((o) => o.op.component === "encoder"),
    );
  });

  it("is refused on a target without that precision, and for a precision that does not exist", () => {
    expect(() => run("bf16")).toThrow(
      /component expert computes in bf16, which two-rate does not run \(its mac_array.precisions: int8, fp16\)/,
    );
    expect(() => run("fp8")).toThrow(InputError);
    expect(() => run("fp8")).toThrow(/expert.precision.*precision 'fp8' is not one of int8, fp16, bf16, fp32/);
  });
});
