import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { summarizeMacs } from "../../src/graph/summary.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { type Override } from "../../src/common/override.js";

// π0 (openpi), written out from the openpi dimensions (gemma.py get_config, siglip.py decode_variant
// "So400m/14", pi0.py, pi0_config.py; see the comments of models/pi0.yaml), independently of the model file.
const SIGLIP = { width: 1152, depth: 27, mlp: 4304, heads: 16, patch: 14 };
const GEMMA_2B = { width: 2048, depth: 18, mlp: 16384 };
const GEMMA_300M = { width: 1024, depth: 18, mlp: 4096 };
const HEADS = 8,
  KV_HEADS = 1,
  HEAD_DIM = 256,
  VOCAB = 257152,
  ACTION_DIM = 32;
const IMAGE_TOKENS = (224 / 14) ** 2; // 256 per camera
const TEXT_TOKENS = 48,
  SUFFIX = 1 + 50; // state + action horizon

/** Weights of one Gemma layer of width W: q (W → 8·256), k and v (W → 1·256), o (8·256 → W), GeGLU (3 matrices). */
const gemmaLayerWeights = (W: number, mlp: number) =>
  W * HEADS * HEAD_DIM + 2 * W * KV_HEADS * HEAD_DIM + HEADS * HEAD_DIM * W + 3 * W * mlp;

const params = {
  siglip:
    3 * 14 * 14 * SIGLIP.width +
    IMAGE_TOKENS * SIGLIP.width +
    SIGLIP.depth * (4 * SIGLIP.width ** 2 + 2 * SIGLIP.width * SIGLIP.mlp),
  projector: SIGLIP.width * GEMMA_2B.width,
  gemma2b: VOCAB * GEMMA_2B.width + GEMMA_2B.depth * gemmaLayerWeights(GEMMA_2B.width, GEMMA_2B.mlp),
  expert: GEMMA_300M.depth * gemmaLayerWeights(GEMMA_300M.width, GEMMA_300M.mlp),
  // state_proj, action_in_proj, action_time_mlp_in (2·1024 → 1024), action_time_mlp_out, action_out_proj
  projections: ACTION_DIM * 1024 + ACTION_DIM * 1024 + 2048 * 1024 + 1024 * 1024 + 1024 * ACTION_DIM,
};

/** MACs of one Gemma layer: T queries over S keys, K/V projected for T tokens. */
const gemmaLayerMacs = (W: number, mlp: number, T: number, S: number) =>
  T * W * HEADS * HEAD_DIM +
  2 * T * W * KV_HEADS * HEAD_DIM +
  T * HEADS * HEAD_DIM * W +
  2 * HEADS * T * S * HEAD_DIM +
  3 * T * W * mlp;

const macs = (cameras = 3) => {
  const prefix = cameras * IMAGE_TOKENS + TEXT_TOKENS;
  const L = IMAGE_TOKENS,
    D = SIGLIP.width;
  const siglipPerCamera =
    L * (3 * 14 * 14) * D +
    SIGLIP.depth * (4 * L * D * D + 2 * SIGLIP.heads * L * L * (D / SIGLIP.heads) + 2 * L * D * SIGLIP.mlp);
  const projectionsPerStep =
    1 * ACTION_DIM * 1024 + 50 * ACTION_DIM * 1024 + 50 * 2048 * 1024 + 50 * 1024 * 1024 + 50 * 1024 * ACTION_DIM;
  return {
    prefix,
    vision: cameras * siglipPerCamera,
    connector: cameras * IMAGE_TOKENS * D * GEMMA_2B.width,
    vlm: GEMMA_2B.depth * gemmaLayerMacs(GEMMA_2B.width, GEMMA_2B.mlp, prefix, prefix),
    expertPerStep:
      projectionsPerStep + GEMMA_300M.depth * gemmaLayerMacs(GEMMA_300M.width, GEMMA_300M.mlp, SUFFIX, prefix + SUFFIX),
  };
};

const spec = parseModelSpec(readFileSync("models/pi0.yaml", "utf8"), "models/pi0.yaml");
const summarize = (overrides: Override[] = []) => summarizeMacs(buildGraph(resolveModel(spec, overrides)));
const byName = (overrides: Override[] = []) => new Map(summarize(overrides).components.map((c) => [c.name, c]));

describe("π0 parameters", () => {
  const total = params.siglip + params.projector + params.gemma2b + params.expert + params.projections;

  it("counts every weight matrix and the embedding tables", () => {
    expect(summarize().totalParams).toBe(total);
    const c = byName();
    expect(c.get("vision_encoder")!.params).toBe(params.siglip);
    expect(c.get("connector")!.params).toBe(params.projector);
    expect(c.get("vlm_backbone")!.params).toBe(params.gemma2b);
    expect(c.get("action_expert")!.params).toBe(params.expert + params.projections);
  });

  it("is within 5% of the published ≈3.3 B", () => {
    expect(Math.abs(summarize().totalParams - 3.3e9) / 3.3e9).toBeLessThan(0.05);
  });

  it("matches keras-hub's PaliGemma-3B-224 count (2,923,335,408) once biases and norms are added", () => {
    const W = SIGLIP.width;
    const siglipBiasesAndNorms =
      W /* patch conv bias */ + SIGLIP.depth * (4 * W + SIGLIP.mlp + W + 2 * 2 * W) + 2 * W; /* final LayerNorm */
    const projectorBias = GEMMA_2B.width;
    const gemmaNorms = GEMMA_2B.depth * 2 * GEMMA_2B.width + GEMMA_2B.width; // 2 RMSNorm scales per layer + final_norm
    expect(params.siglip + params.projector + params.gemma2b + siglipBiasesAndNorms + projectorBias + gemmaNorms).toBe(
      2_923_335_408,
    );
  });
});

describe("π0 MACs per component", () => {
  it("has an 816-token prefix and a 51-token suffix over 867 keys", () => {
    expect(macs().prefix).toBe(816);
    expect(macs().prefix + SUFFIX).toBe(867);
  });

  it("runs SigLIP (with its patch embedding) and the projector once per camera", () => {
    const c = byName();
    expect(c.get("vision_encoder")).toMatchObject({ macs: macs().vision, instances: 3, dynamicMacs: 0 });
    expect(c.get("connector")!.macs).toBe(macs().connector);
  });

  it("prefills Gemma-2B over the prefix once", () => {
    expect(byName().get("vlm_backbone")).toMatchObject({ macs: macs().vlm, staticMacs: macs().vlm });
  });

  it("runs the projections and the 18 expert layers every one of 10 steps", () => {
    const expert = byName().get("action_expert")!;
    expect(expert.staticMacs).toBe(0);
    expect(expert.steps).toBe(10);
    expect(expert.perStepMacs).toBe(macs().expertPerStep);
    expect(expert.dynamicMacs).toBe(10 * macs().expertPerStep);
  });

  it("totals ≈ 2.19 T-MACs", () => {
    const m = macs();
    const total = m.vision + m.connector + m.vlm + 10 * m.expertPerStep;
    expect(summarize().totalMacs).toBe(total);
    expect(total / 1e12).toBeCloseTo(2.19, 2);
  });

  it("one camera shortens the prefix to 304 tokens", () => {
    const m = macs(1);
    const c = byName([{ key: "cameras", value: 1 }]);
    expect(m.prefix).toBe(304);
    expect(c.get("vision_encoder")!.macs).toBe(m.vision);
    expect(c.get("vlm_backbone")!.macs).toBe(m.vlm);
    expect(c.get("action_expert")!.perStepMacs).toBe(m.expertPerStep);
  });
});
