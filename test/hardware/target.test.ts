import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { parseScaleSimCfg } from "../../src/hardware/scalesim-cfg.js";
import { parseTargetSpec, resolveTarget, toTarget } from "../../src/hardware/target.js";

const read = (name: string) => readFileSync(`hardware/${name}.yaml`, "utf8");
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected an InputError");
};

describe("target files", () => {
  it("converts units once: TPU v1 at 700 MHz, 24 MiB Unified Buffer, 34 GB/s = 34·10⁹ B/s", () => {
    const tpu = resolveTarget(parseTargetSpec(read("tpu-v1"), "tpu-v1.yaml"));
    expect(tpu.clockHz).toBe(700e6);
    expect(tpu.sramBytes).toBe(24 * 1024 * 1024);
    expect(tpu.dramBytesPerSecond).toBe(34e9);
    expect(tpu.array).toEqual({
      rows: 256,
      cols: 256,
      dataflow: "ws",
      count: 1,
      rate: 1,
      precisions: ["int8"],
      weightBuffering: "double",
    });
    expect(tpu.bytesPerElement).toBe(1);
  });

  it.each(["xattn-unit", "xattn-u280", "alveo-u280", "tpu-v1", "edge-npu", "jetson-orin", "a100", "h100-sxm"])(
    "ships %s with a cited source on every figure",
    (name) => {
      const text = read(name);
      resolveTarget(parseTargetSpec(text, name));
      const figures = text
        .split("\n")
        .filter((line) =>
          /^\s*(clock_mhz|precision|rows|cols|dataflow|count|size_kib|bandwidth_\w+|lanes|sms|tile_[mnk]|die_mm2|tdp_w|idle_w|graph_kernel_us|dsp_slices|macs_per_dsp|bram_kib|uram_kib|max_clock_mhz|static_w|board_max_w):/.test(
            line,
          ),
        );
      expect(figures.length).toBeGreaterThanOrEqual(10);
      for (const line of figures) expect(line).toContain("#");
    },
  );

  it.each(["jetson-orin", "a100", "h100-sxm"])(
    "ships %s as a GPU whose fitted or assumed constants each say how they were obtained",
    (name) => {
      const text = read(name);
      const target = resolveTarget(parseTargetSpec(text, name));
      expect(target.gpu).toBeDefined();
      // Each of the three constants is preceded by a comment block that says whether it is fitted, measured or assumed.
      for (const key of ["kernel_overhead_us", "compute_efficiency", "dram_efficiency"]) {
        const lines = text.split("\n");
        const at = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
        expect(lines[at - 1]).toMatch(/^\s*#/);
      }
      // The tensor cores over the SMs: a whole number of MACs per SM per cycle.
      expect(Number.isInteger((target.array.rows * target.array.cols * target.array.count) / target.gpu!.sms)).toBe(
        true,
      );
    },
  );

  it("converts a GPU section once: tiles, µs of overhead, fractions; --set reaches its keys", () => {
    const a100 = resolveTarget(parseTargetSpec(read("a100"), "a100.yaml"), [
      { key: "gpu.kernel_overhead_us", value: 5 },
    ]);
    expect(a100.gpu).toEqual({
      sms: 108,
      tile: { m: 128, n: 128, k: 32 },
      kernelOverheadUs: 5,
      computeEfficiency: 0.91,
      dramEfficiency: 0.88,
      graphs: false,
      graphKernelUs: 1,
    });
    const graphs = resolveTarget(parseTargetSpec(read("a100"), "a100.yaml"), [{ key: "gpu.graphs", value: "true" }]);
    expect(graphs.gpu?.graphs).toBe(true);
  });

  it("a GPU's stated power: idle is drawn the whole time, and on-chip energy per MAC makes a saturated GEMM draw the TDP", () => {
    const a100 = resolveTarget(parseTargetSpec(read("a100"), "a100.yaml"));
    // 432 tensor cores × 256 MACs × 1.41 GHz × 0.91 achievable = 1.41898e14 MAC/s; (400 − 80) W over that rate.
    const macsPerSecond = 432 * 256 * 1.41e9 * 0.91;
    expect((a100.energy.macPj + a100.energy.arrayPjPerMac) * 1e-12 * macsPerSecond).toBeCloseTo(400 - 80, 9);
    expect(a100.energy.idleW).toBe(80);
    expect(a100.area.dieMm2).toBe(826);
    const errors = errorOf(() =>
      resolveTarget(parseTargetSpec(read("a100"), "a100.yaml"), [{ key: "gpu.idle_w", value: 500 }]),
    );
    expect(errors).toContain("expected idle_w below tdp_w (400 W)");
  });

  it.each([
    [
      "kind: gpu without a gpu section",
      (t: string) => t.replace(/\ngpu:[\s\S]*$/, "\n"),
      "kind: gpu needs a gpu section",
    ],
    ["a gpu section without kind: gpu", (t: string) => t.replace("kind: gpu\n", ""), "a gpu section needs kind: gpu"],
    [
      "a compute efficiency above 1",
      (t: string) => t.replace("compute_efficiency: 0.91", "compute_efficiency: 1.5"),
      "gpu.compute_efficiency",
    ],
  ])("refuses %s", (_, edit, message) => {
    expect(errorOf(() => parseTargetSpec(edit(read("a100")), "a100.yaml"))).toContain(message);
  });

  it("takes --set overrides of nested fields", () => {
    const t = resolveTarget(parseTargetSpec(read("xattn-unit"), "x.yaml"), [
      { key: "mac_array.rows", value: 32 },
      { key: "clock_mhz", value: 500 },
    ]);
    expect(t.array.rows).toBe(32);
    expect(t.clockHz).toBe(500e6);
  });

  it("rejects an unknown key with its line, column and a suggestion", () => {
    const text = read("xattn-unit").replace("  rows: 16", "  rowz: 16");
    const line = text.split("\n").findIndex((l) => l.startsWith("  rowz")) + 1;
    const message = errorOf(() => parseTargetSpec(text, "x.yaml"));
    expect(message).toContain(`x.yaml:${line}:3`);
    expect(message).toContain("did you mean 'rows'");
  });

  it("collects every schema problem, each with its key path and what was expected", () => {
    const text = read("xattn-unit")
      .replace("dataflow: ws", "dataflow: diagonal")
      .replace("clock_mhz: 300", "clock_mhz: -1");
    const message = errorOf(() => parseTargetSpec(text, "x.yaml"));
    expect(message).toContain("mac_array.dataflow");
    expect(message).toMatch(/"os"\|"ws"\|"is"|os.*ws.*is/);
    expect(message).toContain("clock_mhz");
  });

  it("refuses an unknown override with a suggestion", () => {
    expect(
      errorOf(() => resolveTarget(parseTargetSpec(read("xattn-unit"), "x.yaml"), [{ key: "sram.size_kb", value: 1 }])),
    ).toContain("sram.size_kib");
  });
});

describe("SCALE-Sim .cfg files", () => {
  const cfg = [
    "[architecture_presets]",
    "ArrayHeight: 32",
    "ArrayWidth : 8",
    "IfmapSramSzkB: 64",
    "FilterSramSzkB: 64",
    "OfmapSramSzkB: 32",
    "Dataflow : os",
    "Bandwidth : 10",
  ].join("\n");

  it("maps ArrayHeight/Width, the three SRAMs and the dataflow", () => {
    const t = toTarget(parseScaleSimCfg(cfg, "a.cfg"));
    expect(t.array).toEqual({
      rows: 32,
      cols: 8,
      dataflow: "os",
      count: 1,
      rate: 1,
      precisions: ["int8"],
      weightBuffering: "single",
    });
    expect(t.sramBytes).toBe(160 * 1024);
    // 10 words per cycle at the 1 GHz convention and one byte per word.
    expect(t.dramBytesPerSecond).toBe(10e9);
  });

  it("names the line of a bad value", () => {
    expect(errorOf(() => parseScaleSimCfg(cfg.replace("ArrayWidth : 8", "ArrayWidth : eight"), "a.cfg"))).toContain(
      "a.cfg:3:1",
    );
  });
});
