import { describe, expect, it } from "vitest";
import { overheadCycles } from "../../src/cost/gpu.js";
import { buildGraph } from "../../src/graph/build.js";
import { loadTarget } from "../../src/load/load.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";

/** One MLP block (norm, up, activation, down, residual: 3 vector kernels) run 10 times, fused or not. */
function graph(fused: boolean) {
  const text = [
    "name: mlp",
    "components:",
    `  - { name: c, phase: per_step, steps: 10, fused_vector_ops: ${fused}, layers: [{ repeat: 1, blocks: [{ type: mlp, name: mlp, tokens: 50, hidden: 720, ffn: 2048, gated: false }] }] }`,
  ].join("\n");
  return buildGraph(resolveModel(parseModelSpec(text, "mlp.yaml")));
}

describe("vector ops declared fused on a GPU", () => {
  it("launch no kernel of their own: 3 vector ops × 10 steps fewer overheads, nothing else changes", () => {
    const a100 = loadTarget("hardware/a100.yaml");
    const eager = simulate(graph(false), a100);
    const fused = simulate(graph(true), a100);
    // 28 µs at 1410 MHz = ⌈39,480⌉ cycles per kernel; 30 vector kernels no longer launch.
    expect(overheadCycles(a100, a100.gpu!)).toBe(39_480);
    expect(eager.cycles - fused.cycles).toBe(30 * 39_480);
    expect(fused.ops.filter((r) => r.op.kind === "matmul").map((r) => r.cycles)).toEqual(
      eager.ops.filter((r) => r.op.kind === "matmul").map((r) => r.cycles),
    );
  });

  it("change nothing on a systolic array, whose vector unit launches nothing", () => {
    const xattn = loadTarget("hardware/xattn-unit.yaml");
    expect(simulate(graph(true), xattn).cycles).toBe(simulate(graph(false), xattn).cycles);
  });
});
