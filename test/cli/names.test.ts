/** Targets and models by name, "did you mean", repeated options, several targets on simulate, one-line errors. */
import { describe, expect, it } from "vitest";
import { parseCsv } from "../report/report-helpers.js";
import { runCli } from "./run.js";

describe("names, repeats and suggestions", () => {
  it("-m smolvla and -t tpu-v1 are models/smolvla.yaml and hardware/tpu-v1.yaml; a path works as before", async () => {
    const byName = await runCli(["simulate", "-m", "smolvla", "-t", "tpu-v1", "-f", "json"]);
    const byPath = await runCli(["simulate", "-m", "models/smolvla.yaml", "-t", "hardware/tpu-v1.yaml", "-f", "json"]);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toBe(byPath.stdout);
    expect(JSON.parse(byName.stdout).target).toBe("tpu-v1");
  });

  it.each([
    [["macs", "-m", "smolva"], "error: -m smolva: no such file; did you mean models/smolvla.yaml?\n"],
    [
      ["simulate", "-m", "smolvla", "-t", "hardware/tpu-v2.yaml"],
      "error: -t hardware/tpu-v2.yaml: no such file; did you mean hardware/tpu-v1.yaml?\n",
    ],
    [
      ["simulate", "-m", "smolvla", "-t", "tpu"],
      /^error: -t tpu: no such file; hardware\/ has [^\n]*tpu-v1\.yaml[^\n]*\n$/,
    ],
    [
      ["simulate", "-m", "smolvla", "-m", "pi0", "-t", "tpu-v1"],
      "error: -m is given twice; simulate takes one <file>\n",
    ],
    [
      ["report", "-m", "smolvla", "-t", "tpu-v1", "-t", "hardware/tpu-v1.yaml", "-o", "reports/never"],
      "error: -t hardware/tpu-v1.yaml is given twice; give each target once\n",
    ],
    [
      ["simulate", "-m", "smolvla", "-t", "tpu-v1", "--set", "rows=32"],
      "error: --set rows: no such parameter (did you mean the target field 'mac_array.rows'?)\n",
    ],
    [
      ["simulate", "-m", "smolvla", "-t", "tpu-v1", "--targt", "x"],
      /^error: unknown option '--targt' \(Did you mean --target\?\) \(run with --help for usage\)\n$/,
    ],
    // Once two lines: the error, then the pointer to --help.
    [
      ["simulate", "-m", "smolvla", "-t", "tpu-v1", "--mode", "bogus"],
      "error: option '--mode <mode>' argument 'bogus' is invalid. Allowed choices are sync, async. (run with --help for usage)\n",
    ],
    // A newcomer's mistakes: the other kind of file, a target field where a unit's is meant, a field as an option.
    [
      ["simulate", "-m", "smolvla", "-t", "xattn-only"],
      "error: -t xattn-only: xattn-only is a system (hardware/systems/xattn-only.yaml); give it with -S xattn-only\n",
    ],
    [
      ["simulate", "-m", "smolvla", "-S", "xattn-unit"],
      "error: --system xattn-unit: xattn-unit is a target (hardware/xattn-unit.yaml); give it with -t xattn-unit\n",
    ],
    [
      ["simulate", "-m", "smolvla", "-S", "xattn-only", "--set", "mac_array.rows=32"],
      "error: --set mac_array.rows: no such parameter: with --system, a unit's field is set as units.<unit>.mac_array.rows\n",
    ],
    [
      ["macs", "-m", "smolvla", "--set", "mac_array.rows=32"],
      "error: --set mac_array.rows: no such parameter: mac_array.rows is a target field, and this command takes no target\n",
    ],
    [
      ["sweep", "-m", "smolvla", "-t", "tpu-v1", "--vary", "rows=8,16"],
      "error: --vary rows: no such target field or model parameter (did you mean 'mac_array.rows'?)\n",
    ],
    [
      ["simulate", "-m", "smolvla", "-t", "tpu-v1", "--rows", "32"],
      "error: unknown option '--rows'; a target field is set with --set mac_array.rows=<value> (run with --help for usage)\n",
    ],
    [
      ["simulate", "-m", "smolvla", "-t", "tpu-v1", "--set", "mac_array.dataflow=xs"],
      /mac_array\.dataflow: "xs" is not one of os, ws, is\n$/,
    ],
    [["simulte"], "error: unknown command 'simulte' (Did you mean simulate?) (run with --help for usage)\n"],
    [
      ["validate", "README.md"],
      /^README\.md: not a YAML file: line \d+, column \d+: [^\n]+; give a model or target \.yaml\nerror: 1 of 1 file has problems\n$/,
    ],
  ])("%j exits 2: %s", async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    if (typeof message === "string") expect(run.stderr).toBe(message);
    else expect(run.stderr).toMatch(message);
  });

  it("a repeated -t on simulate prints one result per target, in every format", async () => {
    const args = ["simulate", "-m", "smolvla", "-t", "tpu-v1", "-t", "edge-npu"];
    const table = await runCli(args);
    expect(table.stdout.match(/^SmolVLA \(seed derivation\) on (\S+)/gm)).toEqual([
      "SmolVLA (seed derivation) on tpu-v1",
      "SmolVLA (seed derivation) on edge-npu",
    ]);
    const json = JSON.parse((await runCli([...args, "-f", "json"])).stdout) as { target: string; latencyMs: number }[];
    expect(json.map((r) => r.target)).toEqual(["tpu-v1", "edge-npu"]);
    const single = JSON.parse((await runCli(["simulate", "-m", "smolvla", "-t", "edge-npu", "-f", "json"])).stdout);
    expect(json[1]).toEqual(single);
    const rows = parseCsv((await runCli([...args, "-f", "csv"])).stdout);
    expect(new Set(rows.map((r) => r.target))).toEqual(new Set(["tpu-v1", "edge-npu"]));
  });
});
