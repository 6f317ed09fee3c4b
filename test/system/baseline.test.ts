import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { parseSystemSpec, resolveSystem } from "../../src/hardware/system-spec.js";
import { parseTargetSpec, resolveTarget } from "../../src/hardware/target.js";
import { loadModelSpec, loadTargetSpec } from "../../src/load/load.js";
import { resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";
import { systemBaseline } from "../../src/system/baseline.js";
import { simulateSystem } from "../../src/system/simulate-system.js";

const spec = loadModelSpec("models/smolvla.yaml");
const graph = buildGraph(resolveModel(spec));
const unit = loadTargetSpec("hardware/xattn-unit.yaml");

/** Two units of one target file, one clocked at 1000 MHz and one at 50: the expert runs on the fast one. */
const TWINS = (first: string, second: string) => `
name: twins
units:
  ${first}
  ${second}
links:
  - { between: [fast, slow], bandwidth_gbps: 10, latency_us: 1 }
map:
  - { component: action_expert, unit: fast }
default_unit: slow
`;
const FAST = "fast: { target: xattn-unit.yaml, set: { clock_mhz: 1000 } }";
const SLOW = "slow: { target: xattn-unit.yaml, set: { clock_mhz: 50 } }";

describe("the baseline: each unit's target alone", () => {
  it("costs each unit as it is set, whatever order the file lists them in (once keyed by the file's name)", () => {
    const alone = (clock: number) =>
      simulate(graph, resolveTarget(unit, [{ key: "clock_mhz", value: clock }])).latencyMs;
    for (const [a, b] of [
      [FAST, SLOW],
      [SLOW, FAST],
    ] as const) {
      const system = resolveSystem(
        parseSystemSpec(TWINS(a, b), "hardware/systems/twins.yaml", () => unit),
        [],
      );
      const result = simulateSystem(graph, system);
      const baseline = systemBaseline(graph, system, result.latencyMs, result.periodMs)!;
      const latency = (name: string) => baseline.targets.find((t) => t.unit === name)!.latencyMs;
      expect(latency("fast")).toBe(alone(1000));
      expect(latency("slow")).toBe(alone(50));
      expect(baseline.fastest).toBe("fast");
    }
  });

  it("leaves out a unit that cannot run the whole model alone (the expert in fp16 on an int8-only host), saying why", () => {
    const fp16 = parseTargetSpec(
      "name: fp16-unit\nclock_mhz: 500\nprecision: fp16\nmac_array: { rows: 32, cols: 32, dataflow: ws }\nsram: { size_kib: 1024, bandwidth_bytes_per_cycle: 256 }\ndram: { bandwidth_gbps: 50 }\nvector: { lanes: 32 }\n",
      "fp16.yaml",
    );
    const text = TWINS("fast: { target: fp16.yaml }", "slow: { target: xattn-unit.yaml }");
    const system = resolveSystem(
      parseSystemSpec(text, "hardware/systems/mixed.yaml", (t) => (t === "fp16.yaml" ? fp16 : unit)),
      [],
    );
    const mixed = buildGraph(resolveModel(spec, [{ key: "action_expert.precision", value: "fp16" }]));
    const result = simulateSystem(mixed, system);
    const baseline = systemBaseline(mixed, system, result.latencyMs, result.periodMs)!;
    expect(baseline.skipped).toEqual([
      {
        unit: "slow",
        target: "xattn-unit",
        reason: expect.stringMatching(/computes in fp16, which xattn-unit does not run/),
      },
    ]);
    expect(baseline.targets.map((t) => t.unit)).toEqual(["fast"]);
  });
});

describe("map rules", () => {
  it("a rule that matches no op of the model is refused at its line, with the component it was likely meant for", () => {
    const text = TWINS(FAST, SLOW).replace(
      "{ component: action_expert, unit: fast }",
      "{ component: action_expret, unit: fast }",
    );
    const system = resolveSystem(
      parseSystemSpec(text, "hardware/systems/twins.yaml", () => unit),
      [],
    );
    expect(() => simulateSystem(graph, system)).toThrow(
      // Line 9: the template starts with a newline; the rule is the ninth line.
      "hardware/systems/twins.yaml:9:5: the rule { component: action_expret } matches no op of SmolVLA (seed derivation) (did you mean 'action_expert'?); SmolVLA (seed derivation)'s components: vision_encoder, vlm_backbone, action_expert",
    );
  });
});
