import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { summarizeMacs } from "../../src/graph/summary.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { type Override } from "../../src/common/override.js";

// SmolVLA as lerobot runs it, written out from ../shared/reference/smolvla-architecture.md (section names
// in the comments), independently of models/smolvla-lerobot.yaml. MACs = tokens × in × out per matmul;
// attention = scores + values = 2 × heads × queries × keys × head_dim.

/** Vision encoder, one camera ("Vision encoder"): 512² / 16² patches, ViT-B 12 layers. */
const vision = (imageSize = 512) => {
  const L = (imageSize / 16) ** 2; // 1024 patch tokens at 512²
  const patchEmbed = L * (3 * 16 * 16) * 768; // Conv2d(3 → 768, k16, s16) as im2col matmul
  const layer = {
    projections: 4 * L * 768 * 768, // q, k, v, o 768 → 768
    attention: 2 * 12 * L * L * 64, // 12 heads of 64
    mlp: 2 * L * 768 * 3072, // 768 → 3072 → 768, 2 matrices
  };
  return { patchEmbed, layer, total: patchEmbed + 12 * (layer.projections + layer.attention + layer.mlp) };
};

/** Connector, one camera ("Connector"): pixel shuffle ×4 → 1024/16 = 64 tokens × 12288, Linear 12288 → 960. */
const connector = (imageSize = 512) => ((imageSize / 16) ** 2 / 16) * 12288 * 960;

/** Prefix ("VLM backbone"): 64 image tokens per camera + 48 language + 1 state. */
const prefixTokens = (cameras: number, imageSize = 512) => cameras * ((imageSize / 16) ** 2 / 16) + 48 + 1;

/** VLM backbone ("VLM backbone"): 16 layers, q 960→960, k/v 960→320, o 960→960, 15 heads of 64, SwiGLU 2560. */
const vlm = (P: number) => {
  const stateProj = 1 * 32 * 960; // state_proj Linear 32 → 960 on the 1 state token
  const layer = {
    projections: P * 960 * 960 + 2 * P * 960 * 320 + P * 960 * 960,
    attention: 2 * 15 * P * P * 64,
    mlp: 3 * P * 960 * 2560,
  };
  return { stateProj, layer, total: stateProj + 16 * (layer.projections + layer.attention + layer.mlp) };
};

/** Action expert, one denoising step ("Action expert"): 50 action tokens, width 720, SwiGLU 2048. */
const expertStep = (P: number) => {
  const A = 50;
  const projections = A * 32 * 720 + A * 1440 * 720 + A * 720 * 720 + A * 720 * 32; // in, time MLP in/out, out
  const mlp = 3 * A * 720 * 2048;
  // even layers: q 720→960, k/v 720→320 on the 50 action tokens, o 960→720; keys = prefix + 50
  const self = A * 720 * 960 + 2 * A * 720 * 320 + A * 960 * 720 + 2 * 15 * A * (P + A) * 64 + mlp;
  // odd layers: q 720→960 and o 960→720 on the actions; k/v 320→320 on the P cached VLM K/V, every step; keys = prefix
  const cross = A * 720 * 960 + 2 * P * 320 * 320 + A * 960 * 720 + 2 * 15 * A * P * 64 + mlp;
  return { projections, self, cross, total: projections + 8 * self + 8 * cross };
};

const spec = parseModelSpec(readFileSync("models/smolvla-lerobot.yaml", "utf8"), "models/smolvla-lerobot.yaml");
const summarize = (overrides: Override[] = []) => summarizeMacs(buildGraph(resolveModel(spec, overrides)));
const component = (overrides: Override[], name: string) => {
  const found = summarize(overrides).components.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no component ${name}`);
  return found;
};

describe("SmolVLA (lerobot), one camera, component by component", () => {
  it("has a 113-token prefix: 64 image + 48 language + 1 state", () => {
    expect(prefixTokens(1)).toBe(113);
  });

  it("vision encoder: patch embedding plus 12 ViT-B layers over 1024 patches", () => {
    const v = vision();
    expect(v.patchEmbed).toBe(1024 * 768 * 768);
    const c = component([], "vision_encoder");
    expect(c.macs).toBe(v.total);
    expect(c.staticMacs).toBe(v.total);
    expect(c.instances).toBe(1);
  });

  it("connector: Linear 12288 → 960 on 64 pixel-shuffled tokens", () => {
    expect(component([], "connector").macs).toBe(connector());
    expect(connector()).toBe(64 * 12288 * 960);
  });

  it("VLM backbone: state_proj plus 16 layers over the 113-token prefix, all static", () => {
    const c = component([], "vlm_backbone");
    expect(c.macs).toBe(vlm(113).total);
    expect(c.dynamicMacs).toBe(0);
  });

  it("action expert: nothing static, per step the projections plus 8 self- and 8 cross-attention layers", () => {
    const e = expertStep(113);
    const c = component([], "action_expert");
    expect(c.staticMacs).toBe(0);
    expect(c.steps).toBe(10);
    expect(c.perStepMacs).toBe(e.total);
    expect(c.dynamicMacs).toBe(10 * e.total);
  });

  it("adds up to the model total", () => {
    const total = vision().total + connector() + vlm(113).total + 10 * expertStep(113).total;
    expect(summarize().totalMacs).toBe(total);
  });
});

describe("the action expert's layers", () => {
  const graph = buildGraph(resolveModel(spec));
  const layer = (index: number) => graph.ops.filter((op) => op.component === "action_expert" && op.layer === index);

  it("layer 0 is the per-step projections, then even expert layers self-attend over 163 keys", () => {
    expect(layer(0).map((op) => op.name)).toEqual([
      "action_in_proj",
      "action_time_mlp_in",
      "action_time_act",
      "action_time_mlp_out",
    ]);
    const self = layer(1);
    expect(self.find((op) => op.name === "k_proj")).toMatchObject({
      m: 50,
      k: 720,
      n: 320,
      phase: "per_step",
      count: 10,
    });
    expect(self.find((op) => op.name === "attn_scores")).toMatchObject({ batch: 15, m: 50, k: 64, n: 163 });
  });

  it("odd expert layers cross-attend to the 113 prefix keys, projecting the cached 320-wide K/V every step", () => {
    const cross = layer(2);
    expect(cross.find((op) => op.name === "xattn_q_proj")).toMatchObject({ m: 50, k: 720, n: 960 });
    expect(cross.find((op) => op.name === "xattn_k_proj")).toMatchObject({
      m: 113,
      k: 320,
      n: 320,
      phase: "per_step",
      count: 10,
    });
    expect(cross.find((op) => op.name === "xattn_scores")).toMatchObject({ batch: 15, m: 50, k: 64, n: 113 });
    expect(cross.find((op) => op.name === "xattn_o_proj")).toMatchObject({ m: 50, k: 960, n: 720 });
  });

  it("alternates over 16 layers and ends with action_out_proj", () => {
    const names = (i: number) => new Set(layer(i).map((op) => op.name));
    for (let i = 1; i <= 16; i++) expect(names(i).has(i % 2 === 1 ? "q_proj" : "xattn_q_proj")).toBe(true);
    expect(layer(17).map((op) => op.name)).toEqual(["action_out_proj"]);
    expect(component([], "action_expert").layers).toBe(18);
  });
});

describe("parameters scale the work", () => {
  it("two cameras: two vision and connector passes, a 177-token prefix", () => {
    const overrides: Override[] = [{ key: "cameras", value: 2 }];
    const P = prefixTokens(2);
    expect(P).toBe(177);
    expect(component(overrides, "vision_encoder").macs).toBe(2 * vision().total);
    expect(component(overrides, "connector").macs).toBe(2 * connector());
    expect(component(overrides, "vlm_backbone").macs).toBe(vlm(P).total);
    expect(component(overrides, "action_expert").dynamicMacs).toBe(10 * expertStep(P).total);
    expect(summarize(overrides).totalMacs).toBe(
      2 * vision().total + 2 * connector() + vlm(P).total + 10 * expertStep(P).total,
    );
  });

  it("image_size 384: 576 patches, 36 image tokens, an 85-token prefix", () => {
    const overrides: Override[] = [{ key: "image_size", value: 384 }];
    const P = prefixTokens(1, 384);
    expect(P).toBe(85);
    expect(component(overrides, "vision_encoder").macs).toBe(vision(384).total);
    expect(component(overrides, "connector").macs).toBe(connector(384));
    expect(component(overrides, "vlm_backbone").macs).toBe(vlm(P).total);
    expect(component(overrides, "action_expert").dynamicMacs).toBe(10 * expertStep(P).total);
  });

  it("an image size the pixel shuffle cannot divide is an input error", () => {
    expect(() => summarize([{ key: "image_size", value: 500 }])).toThrow(/positive integer/);
  });
});
