import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { summarizeMacs } from "../../src/graph/summary.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { type Override } from "../../src/common/override.js";

const spec = parseModelSpec(readFileSync("models/smolvla.yaml", "utf8"), "models/smolvla.yaml");
const macs = (overrides: Override[]) => summarizeMacs(buildGraph(resolveModel(spec, overrides)));
const expertOf = (overrides: Override[]) => macs(overrides).components.find((c) => c.name === "action_expert")!;

describe("MACs scale as the model grows (property-based)", () => {
  it("grows strictly with language tokens, in every component that sees the prefix", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 50 }), (tokens, extra) => {
        const a = macs([{ key: "language_tokens", value: tokens }]);
        const b = macs([{ key: "language_tokens", value: tokens + extra }]);
        expect(b.totalMacs).toBeGreaterThan(a.totalMacs);
        expect(b.components[1]!.macs).toBeGreaterThan(a.components[1]!.macs);
        expect(b.components[0]!.macs).toBe(a.components[0]!.macs);
      }),
      { numRuns: 40 },
    );
  });

  it("is linear in layers: L layers cost L times one layer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), (layers) => {
        const one = macs([{ key: "vlm_backbone.layers", value: 1 }]).components[1]!.macs;
        expect(macs([{ key: "vlm_backbone.layers", value: layers }]).components[1]!.macs).toBe(layers * one);
      }),
      { numRuns: 30 },
    );
  });

  it("is linear in diffusion steps for per-step work, and static work does not grow with steps", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (steps) => {
        const e = expertOf([{ key: "action_expert.steps", value: steps }]);
        expect(e.staticMacs).toBe(833_126_400);
        expect(e.dynamicMacs).toBe(steps * 5_662_080_000);
        expect(e.perStepMacs).toBe(5_662_080_000);
      }),
      { numRuns: 30 },
    );
  });

  it("scales the vision encoder linearly with cameras", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), (cameras) => {
        expect(macs([{ key: "cameras", value: cameras }]).components[0]!.macs).toBe(cameras * 106_300_440_576);
      }),
      { numRuns: 8 },
    );
  });

  it("keeps every op's MACs equal to batch·m·k·n and every count a positive integer", () => {
    const graph = buildGraph(resolveModel(spec, [{ key: "cameras", value: 2 }]));
    for (const op of graph.ops) {
      expect(Number.isSafeInteger(op.count) && op.count > 0).toBe(true);
      if (op.kind === "matmul") expect(op.macs).toBe(op.batch * op.m * op.k * op.n);
    }
  });
});
