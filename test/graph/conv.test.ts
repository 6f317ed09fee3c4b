import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";

const stem = (padding: string) => `
name: stem
components:
  - name: stem
    layers:
      - repeat: 1
        blocks:
          - { type: conv2d, name: conv1, in_channels: 3, out_channels: 64, kernel: 7, stride: 2, ${padding} height: 224, width: 224 }
`;

describe("conv2d as a matmul (im2col)", () => {
  it("gives ResNet-50's stem its 118.0 M MACs: 112² outputs × 3·7² × 64 with padding 3", () => {
    const [op] = buildGraph(resolveModel(parseModelSpec(stem("padding: 3,"), "stem.yaml"))).ops;
    expect(op).toMatchObject({ kind: "matmul", m: 112 * 112, k: 3 * 7 * 7, n: 64, macs: 112 * 112 * 147 * 64 });
    expect(112 * 112 * 147 * 64).toBe(118_013_952);
  });

  it("without padding has ⌊(224 − 7) / 2⌋ + 1 = 109 outputs a side", () => {
    const [op] = buildGraph(resolveModel(parseModelSpec(stem(""), "stem.yaml"))).ops;
    expect(op).toMatchObject({ m: 109 * 109 });
  });
});
