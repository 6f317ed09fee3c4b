import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { parseSystemSpec, resolveSystem } from "../../src/hardware/system-spec.js";
import { loadModel, loadTargetSpec } from "../../src/load/load.js";
import { loadSystem } from "../../src/load/system.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulateSystem } from "../../src/system/simulate-system.js";

/** Two independent components, one 1×1024×1024 projection each: a megabyte of weights streamed, little compute. */
const graph = buildGraph(
  resolveModel(
    parseModelSpec(
      [
        "name: two streams",
        "components:",
        "  - { name: a, layers: [{ repeat: 1, blocks: [{ type: linear, name: pa, tokens: 1, in: 1024, out: 1024 }] }] }",
        "  - { name: b, layers: [{ repeat: 1, blocks: [{ type: linear, name: pb, tokens: 1, in: 1024, out: 1024 }] }] }",
      ].join("\n"),
      "m.yaml",
    ),
  ),
);
const unit = loadTargetSpec("hardware/xattn-unit.yaml");

/** host runs a, acc runs b; with `shared`, both draw on one 1 GB/s memory, else each on its own 1 GB/s DRAM. */
function system(shared: boolean) {
  const text = [
    "name: pair",
    "units:",
    `  host: { target: xattn-unit.yaml${shared ? "" : ", set: { dram.bandwidth_gbps: 1 }"} }`,
    `  acc: { target: xattn-unit.yaml${shared ? "" : ", set: { dram.bandwidth_gbps: 1 }"} }`,
    ...(shared ? ["memories:", "  - { name: lpddr, bandwidth_gbps: 1, units: [host, acc] }"] : []),
    "map:",
    "  - { component: b, unit: acc }",
    "default_unit: host",
  ].join("\n");
  return resolveSystem(
    parseSystemSpec(text, "hardware/systems/pair.yaml", () => unit),
    [],
  );
}

describe("a memory two units share", () => {
  const own = simulateSystem(graph, system(false));
  const shared = simulateSystem(graph, system(true));
  // Each projection moves its 1,048,576 weight bytes and its input and output: DRAM-bound at 1 GB/s.
  const bytes = own.units.map((u) => u.result.ops[0]!.dramBytes);

  it("costs each unit at the memory's bandwidth, as its own DRAM of that bandwidth would", () => {
    expect(bytes[0]).toBeGreaterThanOrEqual(1024 * 1024);
    expect(shared.units.map((u) => u.result.cycles)).toEqual(own.units.map((u) => u.result.cycles));
    expect(own.units[0]!.result.boundMix.dram).toBe(1);
  });

  it("stretches the second unit's DRAM time while the first streams: the streams queue on the memory", () => {
    // Apart, the two run side by side: the latency is the slower unit's time.
    const apart = Math.max(...own.units.map((u) => u.result.latencyMs));
    expect(own.latencyMs).toBeCloseTo(apart, 9);
    // Shared, the memory moves both in turn, (bytes_a + bytes_b) / 1 GB/s; what is left of each op after its
    // stream is its compute beyond the DRAM time, none here.
    expect(shared.latencyMs).toBeCloseTo(((bytes[0]! + bytes[1]!) / 1e9) * 1e3, 9);
    expect(shared.latencyMs).toBeGreaterThan(1.9 * own.latencyMs);
  });

  it("is a resource of the schedule with its busy time and bytes, and can be the bottleneck", () => {
    expect(shared.memories).toHaveLength(1);
    const memory = shared.memories[0]!;
    expect(memory).toMatchObject({ name: "lpddr", units: ["host", "acc"], bytes: bytes[0]! + bytes[1]! });
    expect(memory.busyMs).toBeCloseTo(((bytes[0]! + bytes[1]!) / 1e9) * 1e3, 9);
    expect(shared.bottleneck).toBe("memory lpddr");
    expect(shared.periodBoundMs).toBeCloseTo(memory.busyMs, 9);
    expect(own.memories).toEqual([]);
  });

  it("refuses a unit on two memories, and a DRAM bandwidth set on a unit that draws on one", () => {
    const spec = (memories: string, set = "") =>
      parseSystemSpec(
        [
          "name: pair",
          "units:",
          `  host: { target: xattn-unit.yaml${set} }`,
          "  acc: { target: xattn-unit.yaml }",
          "memories:",
          memories,
          "default_unit: host",
        ].join("\n"),
        "s.yaml",
        () => unit,
      );
    expect(() =>
      spec("  - { name: m1, bandwidth_gbps: 1, units: [host] }\n  - { name: m2, bandwidth_gbps: 2, units: [host] }"),
    ).toThrow("s.yaml:7:44: unit host already draws on memory m1; a unit has one DRAM");
    expect(() =>
      resolveSystem(
        spec("  - { name: m1, bandwidth_gbps: 1, units: [host] }", ", set: { dram.bandwidth_gbps: 5 }"),
        [],
      ),
    ).toThrow(/unit host draws on memory m1, whose bandwidth is its DRAM's; set memories' bandwidth_gbps instead/);
  });
});

describe("a unit on a shared memory keeps its unit for all its cycles", () => {
  // SmolVLA on the Orin with the cross-attention unit on its LPDDR5: the unit is compute-bound.
  const smolvla = buildGraph(loadModel("models/smolvla.yaml"));
  const run = (sets: { key: string; value: string | number }[]) =>
    simulateSystem(smolvla, loadSystem("hardware/systems/orin-xattn-shared.yaml", sets));
  const int8 = run([]);
  const int4 = run([{ key: "units.xattn.weight_precision", value: "int4" }]);
  const bigSram = run([{ key: "units.xattn.sram.size_kib", value: 16 }]);

  it("is busy for its cycles, as on its own DRAM: streams run beside its ops, not in place of them", () => {
    const xattn = int8.units.find((u) => u.name === "xattn")!;
    expect(xattn.busyMs).toBeCloseTo(xattn.result.latencyMs, 6);
  });

  it("is never slower with fewer DRAM bytes (int4 weights), nor faster with more (a 16 KiB SRAM)", () => {
    expect(int4.memories[0]!.bytes).toBeLessThan(int8.memories[0]!.bytes);
    expect(int4.latencyMs).toBeLessThanOrEqual(int8.latencyMs);
    expect(int4.periodMs).toBeLessThanOrEqual(int8.periodMs);
    expect(bigSram.memories[0]!.bytes).toBeGreaterThan(int8.memories[0]!.bytes);
    expect(bigSram.periodMs).toBeGreaterThanOrEqual(int8.periodMs);
  });
});
