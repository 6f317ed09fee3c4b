import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel } from "../../src/load/load.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";

/** Producer → consumer edges: what each op reads, within a block, across blocks and across components. */
const graph = buildGraph(loadModel("models/smolvla.yaml"));
const find = (component: string, layer: number, name: string) =>
  graph.ops.findIndex((o) => o.component === component && o.layer === layer && o.name === name);

describe("the op graph's edges", () => {
  it("point only backwards, so graph order is an execution order", () => {
    graph.ops.forEach((op, i) => op.producers.forEach((p) => expect(p).toBeLessThan(i)));
  });

  it("wire attention: Q and K into the scores, the softmax and V into the values, the block input into the residual", () => {
    const at = (name: string) => find("vlm_backbone", 3, name);
    expect(graph.ops[at("attn_scores")]!.producers).toEqual([at("q_proj"), at("k_proj")]);
    expect(graph.ops[at("attn_values")]!.producers).toEqual([at("attn_softmax"), at("v_proj")]);
    expect(graph.ops[at("residual")]!.producers).toEqual([at("o_proj"), find("vlm_backbone", 2, "mlp_residual")]);
    expect(graph.ops[at("mlp_gate_mul")]!.producers).toEqual([at("mlp_act"), at("mlp_up")]);
  });

  it("cross components: the VLM reads the vision encoder's output, the expert's cross-attention K/V the VLM's", () => {
    const visionOut = find("vision_encoder", 11, "mlp_residual");
    const vlmOut = find("vlm_backbone", 15, "mlp_residual");
    expect(graph.ops[find("vlm_backbone", 0, "norm")]!.producers).toEqual([visionOut]);
    expect(graph.ops[find("action_expert", 7, "xattn_k_proj")]!.producers).toEqual([vlmOut]);
    expect(graph.ops[find("action_expert", 7, "xattn_v_proj")]!.producers).toEqual([vlmOut]);
    // The expert's own input is the model's (noisy actions): no producer.
    expect(graph.ops[find("action_expert", 0, "norm")]!.producers).toEqual([]);
  });

  it.each([
    ["input_from: nowhere", "components[1].input_from: no component 'nowhere'"],
    ["input_from: b", "components[1].input_from: 'b' comes later"],
    ["input_from: a", ""],
  ])("checks %s", (line, message) => {
    const text = [
      "name: m",
      "components:",
      "  - { name: a, layers: [{ repeat: 1, blocks: [{ type: vector, name: v, elements: 4 }] }] }",
      `  - { name: c, ${line}, layers: [{ repeat: 1, blocks: [{ type: vector, name: v, elements: 4 }] }] }`,
      "  - { name: b, layers: [{ repeat: 1, blocks: [{ type: vector, name: v, elements: 4 }] }] }",
    ].join("\n");
    const resolve = () => resolveModel(parseModelSpec(text, "m.yaml"));
    if (message === "") expect(buildGraph(resolve()).ops[1]!.producers).toEqual([0]);
    else expect(resolve).toThrow(message);
  });
});
