import { describe, expect, it } from "vitest";
import { opEnergyPj } from "../../src/cost/energy.js";
import { systolicMatmulCost, vectorCost } from "../../src/cost/systolic.js";
import type { VectorOp } from "../../src/graph/types.js";
import { makeMatmul, makeTarget } from "./helpers.js";

const policy = { idealMemory: false, weightsResident: false, bufferBytes: 1 << 20 };

describe("SRAM traffic beyond SCALE-Sim's operand count, in SRAM energy", () => {
  it("partial sums: 32-bit, written and read back between K folds under ws (64×128×256 int8 on 16 rows: 802,816 B)", () => {
    // ⌈128/16⌉ − 1 = 7 folds leave 64·256 partial sums each; SCALE-Sim counts their writes at 1 byte, so the
    // accumulators add 3 more bytes per write and 4 per read-back: 7 × 16,384 × 7 = 802,816 B.
    const cost = systolicMatmulCost(makeMatmul(64, 128, 256), makeTarget(), policy);
    expect(cost.accumulatorBytes).toBe(802_816);
    // Output stationary keeps each sum in its PE for the whole K.
    expect(
      systolicMatmulCost(makeMatmul(64, 128, 256), makeTarget({ array: { dataflow: "os" } }), policy).accumulatorBytes,
    ).toBe(0);
    // One fold of K (K ≤ rows): no partial sums.
    expect(systolicMatmulCost(makeMatmul(64, 16, 256), makeTarget(), policy).accumulatorBytes).toBe(0);
  });

  it("every DRAM byte is filled into or drained out of the buffer once", () => {
    const cost = systolicMatmulCost(makeMatmul(64, 128, 256), makeTarget(), policy);
    expect(cost.fillDrainBytes).toBe(cost.dramBytes);
  });

  it("prices operand and fill bytes at the buffer's energy, partial sums at an 8 KiB accumulator bank's", () => {
    const target = makeTarget();
    const cost = systolicMatmulCost(makeMatmul(64, 128, 256), target, policy);
    const e = opEnergyPj(makeMatmul(64, 128, 256), cost, target);
    expect(e.sram).toBeCloseTo(
      (cost.sramBytes + cost.fillDrainBytes) * target.energy.sramPjPerByte +
        cost.accumulatorBytes * target.energy.accumulatorPjPerByte,
      6,
    );
    // 28 nm: 1.25 pJ/B × 0.51 (Stillmaker's energy factor).
    expect(target.energy.accumulatorPjPerByte).toBeCloseTo(1.25 * 0.51, 12);
  });

  it("vector ops read their inputs from the buffer and write the output back, through its ports", () => {
    // A residual add of 50×720 int8: 2 inputs + 1 output = 108,000 B; at 64 B/cycle 1,688 port cycles against
    // ⌈36,000 / 16⌉ = 2,250 lane cycles, so the lanes still bound it; at 16 B/cycle the ports do (6,750).
    const add: VectorOp = {
      kind: "vector",
      component: "c",
      layer: 0,
      block: "b",
      name: "residual",
      phase: "static",
      count: 1,
      elements: 36_000,
      opsPerElement: 1,
      inputs: 2,
      slices: 1,
      producers: [],
    };
    const wide = vectorCost(add, makeTarget({ sramBytesPerCycle: 64 }), policy);
    expect(wide.sramBytes).toBe(108_000);
    expect([wide.sramCycles, wide.computeCycles, wide.bound]).toEqual([1_688, 2_250, "vector"]);
    const narrow = vectorCost(add, makeTarget({ sramBytesPerCycle: 16 }), policy);
    expect([narrow.cycles, narrow.bound]).toEqual([6_750, "sram"]);
  });
});
