import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { buildGraph } from "../../src/graph/build.js";
import { opBytes } from "../../src/graph/operands.js";
import { weightBytes } from "../../src/hardware/precision.js";
import { parseTargetSpec, resolveTarget } from "../../src/hardware/target.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";
import { TWO_PARTS_MODEL } from "./two-parts.js";

/** An 8×8 ws array, int8 at 1 MAC per cell per cycle and fp16 at half that; 4 MiB holds every operand at once. */
const targetText = (extra = "") => `
name: two-rate
clock_mhz: 500
precision: int8
${extra}
mac_array: { rows: 8, cols: 8, dataflow: ws, precisions: { int8: 1, fp16: 0.5 } }
sram: { size_kib: 4096, bandwidth_bytes_per_cycle: 1024 }
dram: { bandwidth_gbps: 100 }
vector: { lanes: 8 }
`;
const target = resolveTarget(parseTargetSpec(targetText(), "t.yaml"));
const spec = parseModelSpec(TWO_PARTS_MODEL, "m.yaml");
const run = (sets: Record<string, string> = {}, on = target) =>
  simulate(
    buildGraph(
      resolveModel(
        spec,
        Object.entries(sets).map(([key, value]) => ({ key, value })),
      ),
    ),
    on,
    { costModel: "systolic", idealMemory: false },
  );
const expertOp = (r: ReturnType<typeof run>) => r.ops.find((o) => o.op.component === "expert")!;
const encoderOp = (r: ReturnType<typeof run>) => r.ops.find((o) => o.op.component === "encoder")!;

// The expert's weights: 720 × 720 = 518,400 elements; int8 1 B each, int4 two to a byte: 259,200 B.
const INT8_WEIGHTS = 518_400;
const INT4_WEIGHTS = 259_200;

describe("int4 weights with int8 MACs (w4a8)", () => {
  const w8 = run();
  const w4 = run({ "expert.weight_precision": "int4" });

  it("store two weights to a byte, activations unchanged", () => {
    const op = expertOp(w4).op;
    expect(op.weightPrecision).toBe("int4");
    const int8 = { precision: "int8", weightPrecision: "int8" } as const;
    expect(opBytes(op, int8)).toEqual({ weightBytes: INT4_WEIGHTS, inputBytes: 50 * 720, outputBytes: 50 * 720 });
    // An odd count takes a whole last byte: 7 int4 weights are 4 B.
    expect(weightBytes(7, 0.5)).toBe(4);
  });

  it("move half the weight bytes from DRAM and SRAM, and run the MACs at the int8 rate", () => {
    // All fits: weights once (518,400 → 259,200 B), the input stays on chip from the encoder, the model's
    // output (50 × 720 = 36,000 B) is written out.
    expect(expertOp(w8).dramBytes).toBe(INT8_WEIGHTS + 36_000);
    expect(expertOp(w4).dramBytes).toBe(INT4_WEIGHTS + 36_000);
    // SCALE-Sim's ws filter reads are each weight once: the SRAM bytes fall by the same 259,200.
    expect(expertOp(w8).sramBytes - expertOp(w4).sramBytes).toBe(INT8_WEIGHTS - INT4_WEIGHTS);
    // folds ⌈720/8⌉² = 8,100; per fold 2R + C + T − 2 = 16 + 8 + 50 − 2 = 72: 583,199 cycles at int8 either way.
    expect(expertOp(w4).computeCycles).toBe(8100 * 72 - 1);
    expect(expertOp(w8).computeCycles).toBe(8100 * 72 - 1);
  });

  it("save the energy of the bytes not moved, and leave the encoder where it was", () => {
    // 259,200 fewer DRAM bytes, as many fewer SRAM bytes of the array's reads, and as many of DRAM fill into SRAM.
    const { dramPjPerByte, sramPjPerByte } = target.energy;
    const saved = (INT8_WEIGHTS - INT4_WEIGHTS) * (dramPjPerByte + 2 * sramPjPerByte);
    expect(expertOp(w8).energyPj - expertOp(w4).energyPj).toBeCloseTo(saved, 3);
    expect(encoderOp(w4)).toEqual(encoderOp(w8));
  });

  it("follows a target's weight_precision for every component, and the component's over it", () => {
    const w4Target = resolveTarget(parseTargetSpec(targetText("weight_precision: int4"), "t.yaml"));
    const all = run({}, w4Target);
    expect(all.target.weightPrecision).toBe("int4");
    expect(encoderOp(all).dramBytes).toBe(encoderOp(w4).dramBytes - INT8_WEIGHTS + INT4_WEIGHTS);
    expect(expertOp(all).dramBytes).toBe(expertOp(w4).dramBytes);
    // The expert stated back to int8 on that target: its weights are int8 again.
    expect(expertOp(run({ "expert.weight_precision": "int8" }, w4Target)).dramBytes).toBe(expertOp(w8).dramBytes);
  });
});

describe("int4 weights with fp16 MACs (w4a16)", () => {
  const w4a16 = run({ "expert.precision": "fp16", "expert.weight_precision": "int4" });
  const a16 = run({ "expert.precision": "fp16" });

  it("run at the fp16 rate and move a quarter of the fp16 weight bytes", () => {
    expect(expertOp(w4a16).computeCycles).toBe(2 * (8100 * 72 - 1));
    // fp16 weights 518,400 × 2 = 1,036,800 B; int4 259,200 B. fp16 output 72,000 B.
    expect(expertOp(a16).dramBytes).toBe(2 * INT8_WEIGHTS + 72_000);
    expect(expertOp(w4a16).dramBytes).toBe(INT4_WEIGHTS + 72_000);
  });

  it("a component in fp16 that states no weight precision keeps fp16 weights, even on a w4a8 target", () => {
    const w4Target = resolveTarget(parseTargetSpec(targetText("weight_precision: int4"), "t.yaml"));
    expect(expertOp(run({ "expert.precision": "fp16" }, w4Target)).dramBytes).toBe(2 * INT8_WEIGHTS + 72_000);
  });
});

describe("weight precisions refused", () => {
  it("wider than the MACs compute in, in a target file at its line", () => {
    expect(() => parseTargetSpec(targetText("weight_precision: fp16"), "t.yaml")).toThrow(
      /t\.yaml:5:\d+: weight_precision: weights in fp16 are wider than the int8 the MACs compute in/,
    );
  });

  it("wider than the component computes in, naming the component", () => {
    expect(() => run({ "expert.weight_precision": "fp32" })).toThrow(
      /component expert: weights in fp32 are wider than the int8 the MACs compute in/,
    );
  });

  it("wider than the precision the component states, at its line in the model", () => {
    // Line 12, column 23: `    weight_precision: fp16` under the expert (the text starts with a newline).
    const both = TWO_PARTS_MODEL.replace(
      "    input_from: encoder",
      "    input_from: encoder\n    precision: int8\n    weight_precision: fp16",
    );
    expect(() => resolveModel(parseModelSpec(both, "m.yaml"))).toThrow(
      /^m\.yaml:12:23: components\[1\]\.weight_precision: weights in fp16 are wider than the int8 the MACs compute in/,
    );
  });

  it("wider than the target's precision, naming the flag that set it", () => {
    expect(() =>
      simulate(
        buildGraph(
          resolveModel(spec, [
            { key: "expert.weight_precision", value: "fp16", source: "--set expert.weight_precision" },
          ]),
        ),
        target,
      ),
    ).toThrow(/^--set expert\.weight_precision: components\[1\]\.weight_precision: component expert: weights in fp16/);
  });

  it("that does not exist, at the flag", () => {
    expect(() => run({ "expert.weight_precision": "int3" })).toThrow(InputError);
    expect(() => run({ "expert.weight_precision": "int3" })).toThrow(
      /expert.weight_precision.*weight_precision 'int3' is not one of int4, int8, fp16, bf16, fp32/,
    );
  });
});

describe("a target that stores weights narrower", () => {
  it("says so where it is described: int8 with int4 weights", async () => {
    const { describeTarget } = await import("../../src/report/views/simulate-view.js");
    const w4Target = resolveTarget(parseTargetSpec(targetText("weight_precision: int4"), "t.yaml"));
    expect(describeTarget(run({}, w4Target))).toContain("8×8 ws int8 with int4 weights @ 500.0 MHz");
    expect(describeTarget(run())).toContain("8×8 ws int8 @ 500.0 MHz");
  });
});
