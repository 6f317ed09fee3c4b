import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as library from "../../src/index.js";
import { InputError, loadModel, loadTarget, parseModel, parseTarget, type Overrides } from "../../src/index.js";

const MODEL = "models/smolvla.yaml";
const TARGET = "hardware/xattn-unit.yaml";

describe("the library's face (src/index.ts)", () => {
  it.each([
    "loadModel",
    "loadTarget",
    "parseModel",
    "parseTarget",
    "loadTopology",
    "buildGraph",
    "simulate",
    "summarizeMacs",
    "prepareSweep",
    "runSweep",
    "designFront",
    "sizeDesign",
  ])("exports %s", (name) => expect(typeof (library as Record<string, unknown>)[name]).toBe("function"));

  it("runs the README example: the Model and the Target themselves, then a simulation", () => {
    const model = loadModel(MODEL, { cameras: 3 });
    const target = loadTarget(TARGET);
    const result = library.simulate(library.buildGraph(model), target);
    expect(model.components.find((c) => c.name === "vision_encoder")!.instances).toBe(3);
    expect(target.array).toEqual({
      rows: 16,
      cols: 16,
      dataflow: "ws",
      count: 1,
      rate: 1,
      precisions: ["int8"],
      weightBuffering: "single",
    });
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(result.components.map((c) => c.name)).toEqual(["vision_encoder", "vlm_backbone", "action_expert"]);
  });
});

describe("overrides", () => {
  it.each<[string, Overrides]>([
    ["a plain object", { cameras: 3, "action_expert.steps": "2 * 5" }],
    [
      "a list of { key, value }",
      [
        { key: "cameras", value: 3 },
        { key: "action_expert.steps", value: 10 },
      ],
    ],
  ])("are given as %s", (_, overrides) => {
    const totals = library.summarizeMacs(library.buildGraph(loadModel(MODEL, overrides)));
    expect(totals.totalMacs).toBe(418_463_797_248); // the README's `macs --set cameras=3`
  });

  it("parse from text in memory as from the file", () => {
    const fromText = parseModel(readFileSync(MODEL, "utf8"), MODEL, { cameras: 2 });
    expect(fromText).toEqual(loadModel(MODEL, { cameras: 2 }));
    expect(parseTarget(readFileSync(TARGET, "utf8"), TARGET, { clock_mhz: 600 }).clockHz).toBe(600e6);
  });
});

/** Library errors name where each problem is (the override, then the file's line and column) and its key path; no CLI flags. */
describe("library errors", () => {
  it.each<[string, () => unknown, string]>([
    [
      "an unknown model parameter",
      () => loadModel(MODEL, { camras: 2 }),
      "override camras: no such parameter (did you mean 'cameras'?)",
    ],
    [
      "a bad overridden expression",
      () => loadModel(MODEL, { cameras: "foo(" }),
      "override cameras (over models/smolvla.yaml:12:12): params.cameras: cannot parse expression 'foo('",
    ],
    [
      "an unknown target field",
      () => loadTarget(TARGET, { "mac_array.rowz": 32 }),
      "override mac_array.rowz: no such target field (did you mean 'mac_array.rows'?)",
    ],
    [
      "a bad overridden field",
      () => loadTarget(TARGET, { "mac_array.rows": 0 }),
      "override mac_array.rows (over hardware/xattn-unit.yaml:11:9): mac_array.rows: expected a positive integer",
    ],
    [
      "a given source",
      () => loadModel(MODEL, [{ key: "camras", value: 2, source: "cell B3" }]),
      "cell B3: no such parameter",
    ],
    ["a missing file", () => loadModel("models/none.yaml"), "models/none.yaml: no such file"],
  ])("%s", (_, load, message) => {
    let error: unknown;
    try {
      load();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(message);
    expect((error as InputError).message).not.toContain("--set");
  });
});
