import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { splitInstances } from "../../src/graph/instances.js";
import { parseSystemSpec, resolveSystem } from "../../src/hardware/system-spec.js";
import { parseTargetSpec } from "../../src/hardware/target.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulateSystem } from "../../src/system/simulate-system.js";

/** Two cameras through one 50×720×720 encoder projection each, then a head of the same shape reading both. */
const MODEL = [
  "name: two cameras",
  "params: { cameras: 2 }",
  "components:",
  "  - { name: enc, instances: cameras, layers: [{ repeat: 1, blocks: [{ type: linear, name: pe, tokens: 50, in: 720, out: 720 }] }] }",
  "  - { name: head, input_from: enc, layers: [{ repeat: 1, blocks: [{ type: linear, name: ph, tokens: 50, in: 720, out: 720 }] }] }",
].join("\n");
const graph = buildGraph(resolveModel(parseModelSpec(MODEL, "m.yaml")));
/** An 8×8 ws array at 500 MHz: every op here is SCALE-Sim's ⌈720/8⌉² = 8,100 folds of 2R + C + T − 2 = 72 cycles, − 1. */
const unit = parseTargetSpec(
  [
    "name: small",
    "clock_mhz: 500",
    "precision: int8",
    "mac_array: { rows: 8, cols: 8, dataflow: ws }",
    "sram: { size_kib: 4096, bandwidth_bytes_per_cycle: 1024 }",
    "dram: { bandwidth_gbps: 100 }",
    "vector: { lanes: 8 }",
  ].join("\n"),
  "small.yaml",
);
const OP_MS = ((8100 * 72 - 1) / 500e6) * 1e3;

function system(rules: string[]) {
  const text = [
    "name: two npus",
    "units: { a: { target: small.yaml }, b: { target: small.yaml } }",
    "links: [{ between: [a, b], bandwidth_gbps: 1, latency_us: 0 }]",
    "map:",
    ...rules.map((r) => `  - ${r}`),
    "default_unit: a",
  ].join("\n");
  return resolveSystem(parseSystemSpec(text, "hardware/systems/two.yaml", () => unit));
}
const ideal = { costModel: "systolic", idealMemory: true } as const;

describe("a component's instances as separate streams", () => {
  it("split into one op per instance, each run once, the head reading both", () => {
    const split = splitInstances(graph, (c) => c === "enc");
    expect(split.ops.map((op) => [op.component, op.instance, op.count, op.producers])).toEqual([
      ["enc", 0, 1, []],
      ["enc", 1, 1, []],
      ["head", undefined, 1, [0, 1]],
    ]);
    expect(split.ops.reduce((s, op) => s + (op.kind === "matmul" ? op.macs : 0) * op.count, 0)).toBe(
      graph.ops.reduce((s, op) => s + (op.kind === "matmul" ? op.macs : 0) * op.count, 0),
    );
  });

  it("on one unit, run one after another: three ops' time", () => {
    const one = simulateSystem(graph, system(["{ component: head, unit: a }"]), ideal);
    expect(one.latencyMs).toBeCloseTo(3 * OP_MS, 9);
  });

  it("placed on two units, overlap: camera 1 beside camera 0, its 36,000 B output crossing at 1 GB/s", () => {
    const placed = simulateSystem(graph, system(["{ component: enc, instance: 1, unit: b }"]), ideal);
    // enc[0] on a and enc[1] on b at once (1 op), 50 × 720 B over the link (36 µs), then the head on a.
    expect(placed.latencyMs).toBeCloseTo(2 * OP_MS + 0.036, 9);
    expect(placed.units.map((u) => u.result.macs)).toEqual([2 * 50 * 720 * 720, 50 * 720 * 720]);
    expect(placed.links[0]!.bytes).toBe(36_000);
    const onB = placed.items.filter((i) => i.resource === 1 && !i.transfer).map((i) => placed.graph.ops[i.op]!);
    expect(onB.map((op) => [op.component, op.instance])).toEqual([["enc", 1]]);
  });

  it("leaves a unit spare for an instance the model does not run, so that one system serves any camera count", () => {
    // Camera 2 of two: unit b gets nothing, and the latency is one unit's three ops.
    const spare = simulateSystem(graph, system(["{ component: enc, instance: 2, unit: b }"]), ideal);
    expect(spare.latencyMs).toBeCloseTo(3 * OP_MS, 9);
    expect(spare.units[1]!.result.macs).toBe(0);
    // Instance 0 of a component run once is the component: its op goes to b.
    const once = simulateSystem(graph, system(["{ component: head, instance: 0, unit: b }"]), ideal);
    expect(once.units.map((u) => u.result.macs)).toEqual([2 * 50 * 720 * 720, 50 * 720 * 720]);
    // A rule whose component is misspelt is still refused.
    expect(() => simulateSystem(graph, system(["{ component: encc, instance: 1, unit: b }"]))).toThrow(
      /matches no op of two cameras \(did you mean 'enc'\?\)/,
    );
  });

  it("hold a component's weights once on a unit that runs several of its instances", () => {
    const both = simulateSystem(
      graph,
      system(["{ component: enc, instance: 0, unit: b }", "{ component: enc, instance: 1, unit: b }"]),
      ideal,
    );
    // enc's one 720 × 720 int8 weight matrix, not once per camera; a holds the head's.
    expect(both.units.map((u) => u.memory.weightBytes)).toEqual([720 * 720, 720 * 720]);
  });

  it("refuses a rule an earlier one shadows: every op it matches goes by the earlier rule", () => {
    expect(() =>
      simulateSystem(graph, system(["{ component: enc, unit: a }", "{ component: enc, instance: 1, unit: b }"])),
    ).toThrow(
      /two\.yaml:\d+:5: the rule \{ component: enc, instance: 1 \} never applies: the earlier rule \{ component: enc \} \(hardware\/systems\/two\.yaml:\d+:5\) takes every op it matches/,
    );
  });

  it("names the instances a unit runs in its table: enc[1]", async () => {
    const { unitsTable } = await import("../../src/report/views/system-view.js");
    const rules = ["{ component: enc, instance: 1, unit: b }"];
    const table = unitsTable(simulateSystem(graph, system(rules), ideal), system(rules));
    expect(table.rows.map((row) => row[2])).toEqual(["enc[0], head", "enc[1]"]);
  });

  it("refuses the instances of a component with diffusion steps", () => {
    const stepped = buildGraph(
      resolveModel(
        parseModelSpec(
          MODEL.replace("instances: cameras,", "instances: cameras, phase: per_step, steps: 2,"),
          "m.yaml",
        ),
      ),
    );
    expect(() => simulateSystem(stepped, system(["{ component: enc, instance: 1, unit: b }"]))).toThrow(
      /component enc: its instances run diffusion steps/,
    );
  });
});
