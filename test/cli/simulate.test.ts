import { describe, expect, it } from "vitest";
import { gemmCycles } from "../../src/cost/scalesim.js";
import { runCli } from "./run.js";

// SCALE-Sim v2's totals for these GEMMs on 16×16 arrays (docs/cost-model.md).
const expected: Record<string, Record<string, number>> = {
  os: { tiny: 30, odd: 42, vlm_qkv: 158399, skinny: 4464 },
  ws: { tiny: 46, odd: 52, vlm_qkv: 190799, skinny: 3459 },
  is: { tiny: 46, odd: 50, vlm_qkv: 175679, skinny: 4217 },
};

describe("accel-sizer simulate with SCALE-Sim inputs", () => {
  it.each(["os", "ws", "is"])("gives SCALE-Sim's total cycles per layer with --ideal-memory (%s)", async (dataflow) => {
    const run = await runCli([
      "simulate",
      "-w",
      "test/fixtures/scalesim/gemms.csv",
      "-t",
      `test/fixtures/scalesim/array16_${dataflow}.cfg`,
      "--ideal-memory",
      "-f",
      "json",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { ops: { name: string; cycles: number }[]; cycles: number };
    const byName = Object.fromEntries(json.ops.map((o) => [o.name, o.cycles]));
    expect(byName).toEqual(expected[dataflow]);
    expect(json.cycles).toBe(Object.values(expected[dataflow]!).reduce((a, b) => a + b, 0));
  });

  it("agrees with the closed form it is built on (a sanity check of the fixture)", () => {
    expect(gemmCycles("ws", 16, 16, 113, 960, 320).cycles).toBe(190799);
  });
});

describe("accel-sizer simulate on SmolVLA", () => {
  it("prints a per-component table for the xattn unit", async () => {
    const run = await runCli(["simulate", "-m", "models/smolvla.yaml", "-t", "hardware/xattn-unit.yaml"]);
    expect(run.code).toBe(0);
    for (const name of ["vision_encoder", "vlm_backbone", "action_expert", "Total", "Latency per inference"]) {
      expect(run.stdout).toContain(name);
    }
  });

  it("emits JSON whose totals add up and whose op fields are documented", async () => {
    const run = await runCli([
      "simulate",
      "-m",
      "models/smolvla.yaml",
      "-t",
      "hardware/tpu-v1.yaml",
      "-f",
      "json",
      "--set",
      "mac_array.rows=128",
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.hardware.rows).toBe(128);
    expect(json.components.reduce((s: number, c: { cycles: number }) => s + c.cycles, 0)).toBe(json.cycles);
    expect(json.ops.reduce((s: number, o: { latencyMs: number }) => s + o.latencyMs, 0)).toBeCloseTo(json.latencyMs, 6);
    for (const key of [
      "cycles",
      "computeCycles",
      "sramCycles",
      "dramCycles",
      "bound",
      "utilization",
      "latencyMs",
      "macs",
      "count",
      "phase",
    ]) {
      expect(json.ops[0]).toHaveProperty(key);
    }
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
  });

  it.each([
    [
      ["simulate", "-m", "models/smolvla.yaml", "-t", "hardware/xattn-unit.yaml", "--set", "mac_array.rowz=32"],
      /did you mean 'mac_array.rows'/,
    ],
    [
      ["simulate", "-m", "models/smolvla.yaml", "-t", "hardware/xattn-unit.yaml", "--set", "mac_array.rows=0"],
      /mac_array\.rows/,
    ],
    [["simulate", "-m", "models/smolvla.yaml", "-t", "hardware/nope.yaml"], /no such file/],
    [
      [
        "simulate",
        "-m",
        "models/smolvla.yaml",
        "-w",
        "test/fixtures/scalesim/gemms.csv",
        "-t",
        "hardware/xattn-unit.yaml",
      ],
      /exactly one workload/,
    ],
    [["simulate", "-m", "models/smolvla.yaml", "-t", "hardware/xattn-unit.yaml", "-c", "magic"], /Allowed choices/],
  ])("refuses bad input with exit 2 and a one-line reason: %j", async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
