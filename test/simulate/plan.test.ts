import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import type { Op } from "../../src/graph/types.js";
import { loadModel } from "../../src/load/load.js";
import { planGraph } from "../../src/simulate/plan.js";

/** Everything a cost reads of an op, as text: the independent statement of "same shape" that planGraph's hashing must match. */
function costKey(op: Op): string {
  return op.kind === "matmul"
    ? `m ${op.m} ${op.k} ${op.n} ${op.batch} ${op.count} ${op.filterIsWeight} ${op.kvHeads ?? op.batch} ${op.standalone === true}`
    : `v ${op.elements} ${op.opsPerElement} ${op.inputs} ${op.slices} ${op.count} ${op.fused === true}`;
}

describe("planGraph groups ops into shapes as their costs require", () => {
  it.each(["models/smolvla.yaml", "models/smolvla-lerobot.yaml", "models/pi0.yaml", "models/smollm2-360m.yaml"])(
    "%s",
    (path) => {
      const graph = buildGraph(loadModel(path));
      const plan = planGraph(graph);
      const group = (op: Op) => `${op.component}/${op.phase}`;
      const spans = (op: Op) => op.spans?.id ?? "none";
      const shapeKeys = new Set(graph.ops.map((op) => `${costKey(op)}|${group(op)}|${spans(op)}`));
      const baseKeys = new Set(graph.ops.map((op) => `${costKey(op)}|${group(op)}`));
      expect(plan.shapes).toHaveLength(shapeKeys.size);
      expect(plan.bases).toBe(baseKeys.size);
      graph.ops.forEach((op, i) => {
        const shape = plan.shapes[plan.shapeOfOp[i]!]!;
        expect(costKey(shape.op)).toBe(costKey(op));
        expect(group(shape.op)).toBe(group(op));
        expect(spans(shape.op)).toBe(spans(op));
      });
      // Shapes share a base exactly when they differ only in their spans.
      const baseOfKey = new Map<string, number>();
      for (const shape of plan.shapes) {
        const key = `${costKey(shape.op)}|${group(shape.op)}`;
        expect(baseOfKey.get(key) ?? shape.base).toBe(shape.base);
        baseOfKey.set(key, shape.base);
      }
      expect(new Set(baseOfKey.values()).size).toBe(plan.bases);
      // Every op counted once: multiplicities add up to the ops.
      expect(plan.shapes.reduce((n, s) => n + s.multiplicity, 0)).toBe(graph.ops.length);
    },
  );
});
