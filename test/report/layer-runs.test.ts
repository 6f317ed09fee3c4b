import { describe, expect, it } from "vitest";
import type { Op } from "../../src/graph/types.js";
import { mergeRepeatedLayers, sameOpButLayer } from "../../src/report/views/layer-runs.js";

const op = (layer: number, name: string, m = 8, component = "c"): Op => ({
  kind: "matmul",
  component,
  layer,
  block: "b",
  name,
  phase: "static",
  count: 1,
  m,
  k: 8,
  n: 8,
  batch: 1,
  macs: m * 64,
  filterIsWeight: true,
  producers: [],
});
const rows = (ops: Op[], limit = 0) =>
  mergeRepeatedLayers(ops, (o) => o, sameOpButLayer, limit).rows.map(
    (r) => `${r.item.component}${r.item.layer}:${r.item.name}×${r.layerCount}`,
  );

describe("merging identical consecutive layers", () => {
  it("leaves every op alone up to the limit", () => {
    const ops = [op(0, "a"), op(1, "a")];
    expect(mergeRepeatedLayers(ops, (o) => o, sameOpButLayer, 2)).toEqual({
      merged: false,
      rows: ops.map((item) => ({ item, layerCount: 1 })),
    });
  });

  it.each([
    [
      "equal layers merge into the first",
      [op(0, "a"), op(0, "b"), op(1, "a"), op(1, "b"), op(2, "a"), op(2, "b")],
      ["c0:a×3", "c0:b×3"],
    ],
    ["a different shape breaks the run", [op(0, "a"), op(1, "a", 16), op(2, "a", 16)], ["c0:a×1", "c1:a×2"]],
    ["a layer with one op more does not merge", [op(0, "a"), op(1, "a"), op(1, "b")], ["c0:a×1", "c1:a×1", "c1:b×1"]],
    ["another component never merges", [op(0, "a"), op(1, "a", 8, "d")], ["c0:a×1", "d1:a×1"]],
    ["a gap in layer numbers breaks the run", [op(0, "a"), op(2, "a")], ["c0:a×1", "c2:a×1"]],
  ])("%s", (_, ops, expected) => {
    expect(rows(ops as Op[])).toEqual(expected);
  });
});
