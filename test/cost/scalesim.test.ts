import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gemmCycles, sramTraffic } from "../../src/cost/scalesim.js";
import type { Dataflow } from "../../src/hardware/types.js";

// SCALE-Sim v2's own output (see test/fixtures/scalesim/SOURCE.md):
// rows, cols, dataflow, M, K, N, total cycles, ifmap SRAM reads, filter SRAM reads, ofmap SRAM writes, mapping efficiency %
type Row = [number, number, Dataflow, number, number, number, number, number, number, number, number];
const reference: Row[] = [
  [8, 8, "is", 1, 1, 1, 22, 1, 1, 1, 1.5625],
  [8, 8, "is", 7, 13, 5, 53, 91, 65, 70, 71.0938],
  [8, 8, "os", 1, 1, 1, 14, 1, 1, 17, 1.5625],
  [8, 8, "os", 7, 13, 5, 26, 91, 65, 51, 54.6875],
  [8, 8, "ws", 1, 1, 1, 22, 1, 1, 1, 1.5625],
  [8, 8, "ws", 7, 13, 5, 57, 91, 65, 70, 50.7812],
  [16, 16, "is", 1, 1, 1, 46, 1, 1, 1, 0.3906],
  [16, 16, "is", 7, 13, 5, 50, 91, 65, 35, 35.5469],
  [16, 16, "is", 113, 960, 320, 175679, 108480, 2457600, 2169600, 88.2812],
  [16, 16, "is", 300, 17, 65, 4217, 5100, 20995, 39000, 52.426],
  [16, 16, "os", 1, 1, 1, 30, 1, 1, 33, 0.3906],
  [16, 16, "os", 7, 13, 5, 42, 91, 65, 67, 13.6719],
  [16, 16, "os", 113, 960, 320, 158399, 2169600, 2457600, 41280, 88.2812],
  [16, 16, "os", 300, 17, 65, 4464, 25500, 20995, 22540, 80.1809],
  [16, 16, "ws", 1, 1, 1, 46, 1, 1, 1, 0.3906],
  [16, 16, "ws", 7, 13, 5, 52, 91, 65, 35, 25.3906],
  [16, 16, "ws", 113, 960, 320, 190799, 2169600, 307200, 2169600, 100],
  [16, 16, "ws", 300, 17, 65, 3459, 25500, 1105, 39000, 43.1641],
  [32, 8, "is", 1, 1, 1, 70, 1, 1, 1, 0.3906],
  [32, 8, "is", 7, 13, 5, 74, 91, 65, 35, 35.5469],
  [32, 8, "is", 300, 17, 65, 5129, 5100, 41990, 19500, 52.426],
  [32, 8, "os", 1, 1, 1, 38, 1, 1, 41, 0.3906],
  [32, 8, "os", 7, 13, 5, 50, 91, 65, 75, 13.6719],
  [32, 8, "os", 300, 17, 65, 4949, 45900, 11050, 23100, 84.6354],
  [32, 8, "ws", 1, 1, 1, 70, 1, 1, 1, 0.3906],
  [32, 8, "ws", 7, 13, 5, 76, 91, 65, 35, 25.3906],
  [32, 8, "ws", 300, 17, 65, 3329, 45900, 1105, 19500, 47.9601],
  [32, 32, "is", 1, 1, 1, 94, 1, 1, 1, 0.0977],
  [32, 32, "is", 7, 13, 5, 98, 91, 65, 35, 8.8867],
  [32, 32, "os", 1, 1, 1, 62, 1, 1, 65, 0.0977],
  [32, 32, "os", 7, 13, 5, 74, 91, 65, 99, 3.418],
  [32, 32, "ws", 1, 1, 1, 94, 1, 1, 1, 0.0977],
  [32, 32, "ws", 7, 13, 5, 100, 91, 65, 35, 6.3477],
  [128, 128, "is", 1, 1, 1, 382, 1, 1, 1, 0.0061],
  [128, 128, "is", 7, 13, 5, 386, 91, 65, 35, 0.5554],
  [128, 128, "os", 1, 1, 1, 254, 1, 1, 257, 0.0061],
  [128, 128, "os", 7, 13, 5, 266, 91, 65, 291, 0.2136],
  [128, 128, "ws", 1, 1, 1, 382, 1, 1, 1, 0.0061],
  [128, 128, "ws", 7, 13, 5, 388, 91, 65, 35, 0.3967],
];

describe("the cycle model matches SCALE-Sim v2 exactly", () => {
  it.each(reference)(
    "%i×%i %s, M=%i K=%i N=%i: %i cycles",
    (rows, cols, dataflow, m, k, n, cycles, ifmapReads, filterReads, ofmapWrites, mappingPercent) => {
      const gemm = gemmCycles(dataflow, rows, cols, m, k, n);
      expect(gemm.cycles).toBe(cycles);
      expect(gemm.mappingEfficiency * 100).toBeCloseTo(mappingPercent, 3);
      expect(sramTraffic(dataflow, rows, cols, m, k, n)).toEqual({ ifmapReads, filterReads, ofmapWrites });
    },
  );

  it("reproduces all 2,884 output-stationary cycle counts SCALE-Sim gave LLMCompass", () => {
    const lines = readFileSync("test/fixtures/scalesim/scalesim-os-llmcompass.csv", "utf8").trim().split("\n").slice(1);
    expect(lines).toHaveLength(2884);
    const mismatches = lines.filter((line) => {
      const [rows, cols, dataflow, m, k, n, total] = line.split(",");
      return gemmCycles(dataflow as Dataflow, +rows!, +cols!, +m!, +k!, +n!).cycles !== +total!;
    });
    expect(mismatches).toEqual([]);
  });
});
