import { describe, expect, it } from "vitest";
import { runCli } from "./run.js";

/** Broken target files, one defect each: exit 2, the place and what was expected, no stack trace. */
const corpus: [string, readonly string[]][] = [
  ["bad-dataflow.yaml", [":7:13: mac_array.dataflow:", '"os"|"ws"|"is"']],
  ["bad-precision.yaml", [":3:12: precision:", '"int8"|"fp16"|"bf16"|"fp32"']],
  ["fractional-rows.yaml", [":5:9: mac_array.rows: expected int, got 16.5"]],
  ["infinite-bandwidth.yaml", [":13:19: dram.bandwidth_gbps: expected a number, got Infinity"]],
  ["missing-dram.yaml", ["dram: missing required key"]],
  ["negative-clock.yaml", [":2:12: clock_mhz: expected at least 0.001 MHz"]],
  ["unknown-key.yaml", [":6:3: mac_array: unknown key 'colls' (did you mean 'cols'?)"]],
  ["wrong-type.yaml", [':15:10: vector.lanes: expected a number, got "sixteen"']],
  ["bad.cfg", ["bad.cfg:3:1: ArrayWidth must be a positive integer, found '-8'", "bad.cfg:7:1: Dataflow must be os, ws or is"]],
];

describe("broken target files", () => {
  it.each(corpus)("%s: exit 2 with a located message", async (file, parts) => {
    const run = await runCli(["simulate", "-m", "models/smolvla.yaml", "-t", `test/fixtures/bad/hardware/${file}`]);
    expect(run.code).toBe(2);
    for (const part of parts) expect(run.stderr).toContain(part);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it("validate reports every broken target and accepts the shipped ones", async () => {
    const bad = await runCli(["validate", ...corpus.map(([f]) => `test/fixtures/bad/hardware/${f}`)]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${corpus.length} of ${corpus.length} files have problems`);
    const good = await runCli(["validate", "hardware/xattn-unit.yaml", "hardware/tpu-v1.yaml", "hardware/edge-npu.yaml", "hardware/jetson-orin.yaml", "test/fixtures/scalesim/array16_os.cfg"]);
    expect(good.code).toBe(0);
    expect(good.stdout.trim().split("\n")).toHaveLength(5);
  });
});
