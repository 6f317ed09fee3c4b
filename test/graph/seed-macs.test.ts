import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { summarizeMacs } from "../../src/graph/summary.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { type Override } from "../../src/common/override.js";

// The seed's arithmetic (../shared/seed/smolvla-macs-derivation.md), written out from its formulas.
const L = 1024,
  D = 768,
  Dffn = 3072;
const visionLayer = { projections: 4 * L * D ** 2, attention: 2 * L ** 2 * D, mlp: 2 * L * D * Dffn };

const vlm = (tokens: number) => {
  const D = 960,
    Dffn = 2560;
  return { projections: (tokens * D ** 2 * 8) / 3, attention: 2 * tokens ** 2 * D, mlp: 3 * tokens * D * Dffn };
};

const expert = (contextTokens: number) => {
  const La = 50,
    D = 720,
    Dffn = 2048;
  return {
    staticKv: 16 * 2 * contextTokens * 960 * 240,
    selfPerStep: (8 / 3) * La * D ** 2 + 2 * La ** 2 * D,
    crossPerStep: 2 * La * D ** 2 + 2 * La * contextTokens * D,
    mlpPerStep: 3 * La * D * Dffn,
  };
};

const seedModel = parseModelSpec(readFileSync("models/smolvla.yaml", "utf8"), "models/smolvla.yaml");
const summarize = (overrides: Override[] = []) => summarizeMacs(buildGraph(resolveModel(seedModel, overrides)));
const component = (overrides: Override[], part: string) =>
  summarize(overrides).components.find((c) => c.name.includes(part))!;

describe("the seed's SmolVLA derivation, reproduced to the MAC", () => {
  it("reproduces the seed's 106.30 G-MACs for the vision encoder (12 × (2.41 + 1.61 + 4.83))", () => {
    const expected = 12 * (visionLayer.projections + visionLayer.attention + visionLayer.mlp);
    expect(expected).toBe(106_300_440_576);
    expect(component([], "vision").macs).toBe(expected);
    expect(visionLayer.projections / 1e9).toBeCloseTo(2.416, 3);
    expect(visionLayer.attention / 1e9).toBeCloseTo(1.61, 2);
    expect(visionLayer.mlp / 1e9).toBeCloseTo(4.83, 2);
  });

  it("reproduces the seed's 18.17 G-MACs for the VLM backbone (16 × (0.28 + 0.025 + 0.83))", () => {
    const layer = vlm(113);
    const expected = 16 * (layer.projections + layer.attention + layer.mlp);
    expect(expected).toBe(18_165_626_880);
    expect(component([], "vlm").macs).toBe(expected);
  });

  it("reproduces the action expert: 0.83 G-MACs static + 16 × 10 × (0.073 + 0.060 + 0.22) dynamic", () => {
    const e = expert(113);
    const c = component([], "expert");
    expect(c.staticMacs).toBe(e.staticKv);
    expect(c.staticMacs).toBe(833_126_400);
    expect(c.dynamicMacs).toBe(16 * 10 * (e.selfPerStep + e.crossPerStep + e.mlpPerStep));
    expect(c.dynamicMacs).toBe(56_620_800_000);
    expect(c.macs).toBe(57_453_926_400);
    expect(e.selfPerStep / 1e9).toBeCloseTo(0.073, 3);
    expect(e.crossPerStep / 1e9).toBeCloseTo(0.06, 3);
    expect(e.mlpPerStep / 1e9).toBeCloseTo(0.22, 2);
  });

  it("reproduces the seed's total of 181.92 G-MACs exactly", () => {
    expect(summarize().totalMacs).toBe(181_919_993_856);
  });
});

describe("cameras scale the work", () => {
  it("three cameras make 241 prefix tokens and run the vision encoder three times", () => {
    const tokens = 3 * 64 + 48 + 1;
    expect(tokens).toBe(241);
    const overrides: Override[] = [{ key: "cameras", value: 3 }];
    const layer = vlm(tokens);
    const e = expert(tokens);
    expect(component(overrides, "vision").macs).toBe(3 * 106_300_440_576);
    expect(component(overrides, "vlm").macs).toBe(16 * (layer.projections + layer.attention + layer.mlp));
    expect(component(overrides, "expert").staticMacs).toBe(e.staticKv);
    expect(component(overrides, "expert").dynamicMacs).toBe(160 * (e.selfPerStep + e.crossPerStep + e.mlpPerStep));
  });

  it("twenty diffusion steps double the dynamic work and leave the static K/V alone", () => {
    const c = component([{ key: "action_expert.steps", value: 20 }], "expert");
    expect(c.dynamicMacs).toBe(2 * 56_620_800_000);
    expect(c.staticMacs).toBe(833_126_400);
  });
});

describe("the operation graph", () => {
  const graph = buildGraph(resolveModel(seedModel));

  it("sums macs × count over matmul ops to the total", () => {
    const sum = graph.ops.reduce((s, op) => s + (op.kind === "matmul" ? op.macs * op.count : 0), 0);
    expect(sum).toBe(181_919_993_856);
  });

  it("splits attention per head: 12 heads of 64 in the vision encoder, each 1024×64×1024", () => {
    const scores = graph.ops.find((op) => op.component === "vision_encoder" && op.name === "attn_scores");
    expect(scores).toMatchObject({ kind: "matmul", batch: 12, m: 1024, k: 64, n: 1024, macs: 12 * 1024 * 64 * 1024 });
  });

  it("tags the cross-attention K/V projections static (count 1) and the rest of the expert per step (count 10)", () => {
    const layer0 = graph.ops.filter((op) => op.component === "action_expert" && op.layer === 0);
    const k = layer0.find((op) => op.name === "xattn_k_proj")!;
    expect(k).toMatchObject({ phase: "static", count: 1, m: 113, k: 960, n: 240 });
    expect(layer0.find((op) => op.name === "xattn_q_proj")).toMatchObject({
      phase: "per_step",
      count: 10,
      m: 50,
      k: 720,
      n: 720,
    });
    expect(layer0.find((op) => op.name === "xattn_scores")).toMatchObject({ batch: 12, m: 50, k: 60, n: 113 });
  });

  it("keeps softmax and norms as vector ops outside the MAC totals", () => {
    const softmax = graph.ops.find((op) => op.component === "vlm_backbone" && op.name === "attn_softmax")!;
    expect(softmax).toMatchObject({ kind: "vector", elements: 12 * 113 * 113 });
  });
});
