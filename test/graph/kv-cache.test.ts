import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel, loadModelSpec } from "../../src/load/load.js";
import { loadSystem } from "../../src/load/system.js";
import { resolveModel } from "../../src/model/resolve.js";
import { simulateSystem } from "../../src/system/simulate-system.js";

/**
 * The released SmolVLA's K/V cache (ref "Action expert", copied in models/smolvla-lerobot.yaml): expert layer i
 * attends to VLM layer i's cached K/V: a cross-attention layer projects them (320 → 320) every step; a
 * self-attention layer's first 113 of 163 keys are them.
 */
const graph = buildGraph(loadModel("models/smolvla-lerobot.yaml"));
const attentionOps = (component: string, name: string) =>
  graph.ops.flatMap((op, i) => (op.component === component && op.name.endsWith(name) ? [i] : []));

describe("kv_cache: expert layer i reads VLM layer i's K/V", () => {
  const vlmK = attentionOps("vlm_backbone", "k_proj");
  const vlmV = attentionOps("vlm_backbone", "v_proj");
  const scores = attentionOps("action_expert", "_scores");
  const values = attentionOps("action_expert", "_values");

  it("one cached K and V per VLM layer, one attention block per expert layer", () => {
    expect(vlmK).toHaveLength(16);
    expect(vlmV).toHaveLength(16);
    expect(scores).toHaveLength(16);
  });

  it("cross-attention layers (odd) project the VLM layer's K and V; self-attention layers (even) read them as their prefix keys", () => {
    for (let layer = 0; layer < 16; layer++) {
      const s = graph.ops[scores[layer]!]!;
      const v = graph.ops[values[layer]!]!;
      if (layer % 2 === 1) {
        // scores read Q and the expert's own projection of the cache, which reads VLM layer `layer`'s K.
        const ownK = s.producers[1]!;
        expect(graph.ops[ownK]!.name).toBe("xattn_k_proj");
        expect(graph.ops[ownK]!.producers).toEqual([vlmK[layer]]);
        expect(graph.ops[v.producers[1]!]!.producers).toEqual([vlmV[layer]]);
        expect(s.producers).toHaveLength(2);
      } else {
        expect(s.producers[2]).toBe(vlmK[layer]);
        expect(v.producers[2]).toBe(vlmV[layer]);
      }
    }
  });

  it("crosses the link once per inference and stays in the expert's memory: 16 layers × (K + V) × 113 × 320 B at int8", () => {
    // 113 prefix tokens × 320 (5 KV heads × 64) = 36,160 B per tensor; × 2 (K, V) × 16 layers = 1,157,120 B.
    const bytes = 16 * 2 * 113 * 320;
    const result = simulateSystem(graph, loadSystem("hardware/systems/orin-plus-xattn.yaml"));
    expect(result.links[0]!.bytes).toBe(bytes);
    expect(result.units.find((u) => u.name === "xattn")!.memory.keptBytes).toBe(bytes);
  });

  it("is refused when the source has too few attention layers, or a cached tensor does not fit the block", () => {
    const spec = loadModelSpec("models/smolvla-lerobot.yaml");
    const build = (overrides: { key: string; value: number }[]) => () => buildGraph(resolveModel(spec, overrides));
    expect(build([{ key: "vlm_backbone.layers", value: 15 }])).toThrow(InputError);
    expect(build([{ key: "vlm_backbone.layers", value: 15 }])).toThrow(
      /action_expert reads attention layer 16 of it, which has 15/,
    );
    expect(build([{ key: "action_expert.vlm_kv_width", value: 256 }])).toThrow(
      /its K\/V are 320 wide, but kv_input is 256/,
    );
    expect(
      build([
        { key: "language_tokens", value: 40 },
        { key: "action_expert.layers", value: 16 },
      ]),
    ).not.toThrow();
  });
});

describe("π0's expert reads the prefix K/V cache (pi0.py: kv_cache from the prefix pass)", () => {
  const pi0 = buildGraph(loadModel("models/pi0.yaml"));
  const ops = (component: string, name: string) =>
    pi0.ops.flatMap((op, i) => (op.component === component && op.name === name ? [i] : []));

  it("expert layer i's scores read VLM layer i's K, its values VLM layer i's V: the expert waits for the VLM", () => {
    const vlmK = ops("vlm_backbone", "k_proj");
    const vlmV = ops("vlm_backbone", "v_proj");
    const scores = ops("action_expert", "attn_scores");
    const values = ops("action_expert", "attn_values");
    expect([vlmK.length, scores.length]).toEqual([18, 18]);
    scores.forEach((s, layer) => expect(pi0.ops[s]!.producers).toContain(vlmK[layer]));
    values.forEach((v, layer) => expect(pi0.ops[v]!.producers).toContain(vlmV[layer]));
  });
});
