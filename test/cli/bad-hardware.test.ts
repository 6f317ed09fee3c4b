import { describe, expect, it } from "vitest";
import { runCli } from "./run.js";

/** Broken target files, one defect each: exit 2, the place and what was expected, no stack trace. */
const corpus: [string, readonly string[]][] = [
  ["bad-dataflow.yaml", [':7:13: mac_array.dataflow: "diagonal" is not one of os, ws, is']],
  ["bad-precision.yaml", [':3:12: precision: "int4" is not one of int8, fp16, bf16, fp32']],
  ["fractional-rows.yaml", [":5:9: mac_array.rows: expected an integer, got 16.5"]],
  [
    "infinite-bandwidth.yaml",
    [
      ":13:19: dram.bandwidth_gbps: expected a number, got a value that is not a finite number (.inf, .nan or a literal too large)",
    ],
  ],
  ["missing-dram.yaml", ["dram: missing required key"]],
  ["negative-clock.yaml", [":2:12: clock_mhz: expected at least 0.001 MHz"]],
  ["unknown-key.yaml", [":6:3: mac_array: unknown key 'colls' (did you mean 'cols'?)"]],
  ["wrong-type.yaml", [':15:10: vector.lanes: expected a number, got "sixteen"']],
  ["duplicate-key.cfg", ["duplicate-key.cfg:14:1: Bandwidth: duplicate key (first set on line 13)"]],
  // Named by the cfg keys the user wrote, at their lines; never by our mac_array.rows.
  ["huge-array.cfg", ["huge-array.cfg:5:1: ArrayHeight: Too big: expected number to be <=1000000"]],
  [
    "bad.cfg",
    ["bad.cfg:3:1: ArrayWidth must be a positive integer, found '-8'", "bad.cfg:7:1: Dataflow must be os, ws or is"],
  ],
];

describe("broken target files", () => {
  it.each(corpus)("%s: exit 2 with a located message", async (file, parts) => {
    const run = await runCli(["simulate", "-m", "models/smolvla.yaml", "-t", `test/fixtures/bad/hardware/${file}`]);
    expect(run.code).toBe(2);
    for (const part of parts) expect(run.stderr).toContain(part);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it.each([
    [
      ["-m", "models/smolvla.yaml", "-t", "models/smolvla.yaml"],
      "error: models/smolvla.yaml: this is a model file (it has 'components'), not a hardware target\n",
    ],
    [
      ["-m", "hardware/tpu-v1.yaml", "-t", "hardware/tpu-v1.yaml"],
      "error: hardware/tpu-v1.yaml: this is a hardware target file (it has 'mac_array'), not a model\n",
    ],
    [
      ["-m", "test/fixtures/scalesim/array16_ws.cfg", "-t", "hardware/tpu-v1.yaml"],
      "error: test/fixtures/scalesim/array16_ws.cfg: this is a SCALE-Sim .cfg (a hardware target), not a model\n",
    ],
  ])("a file of the other kind says so in one line: simulate %j", async (args, message) => {
    const run = await runCli(["simulate", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
  });

  it("validate reports every broken target and accepts the shipped ones", async () => {
    const bad = await runCli(["validate", ...corpus.map(([f]) => `test/fixtures/bad/hardware/${f}`)]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${corpus.length} of ${corpus.length} files have problems`);
    const good = await runCli([
      "validate",
      "hardware/xattn-unit.yaml",
      "hardware/tpu-v1.yaml",
      "hardware/edge-npu.yaml",
      "hardware/jetson-orin.yaml",
      "test/fixtures/scalesim/array16_os.cfg",
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout.trim().split("\n")).toHaveLength(5);
  });
});
