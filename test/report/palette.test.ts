import { describe, expect, it } from "vitest";
import { ENERGY_PARTS } from "../../src/cost/energy.js";
import { colorOf } from "../../src/explore/svg.js";
import { colorAt, PALETTE, partColor } from "../../src/report/chart/palette.js";
import { BOUNDS } from "../../src/simulate/bounds.js";

const AREA_PARTS = ["mac", "array", "datapath", "sram", "periphery", "vector", "control", "placement", "phy"];

describe("one palette for the report and the explorer", () => {
  it("gives every bound, energy part and area block one colour in both, whatever its place in a chart", () => {
    for (const part of [...BOUNDS, ...ENERGY_PARTS, ...AREA_PARTS]) {
      const report = partColor(part, 7);
      expect(colorOf(["x", "y", part], part)).toBe(report);
      expect(partColor(part, 0)).toBe(report);
    }
    // DRAM is red wherever it appears: bounding ops, spending energy.
    expect(partColor("dram", 0)).toBe("#e15759");
  });

  it("colours names that are no part (components) by their place, from the same palette", () => {
    expect(colorOf(["vision_encoder", "vlm_backbone"], "vlm_backbone")).toBe(PALETTE[1]);
    expect(partColor("action_expert", 12)).toBe(colorAt(12));
  });
});
