import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitOverrides } from "../../src/cli/commands/compare.js";
import { InputError } from "../../src/common/errors.js";
import { buildGraph } from "../../src/graph/build.js";
import { summarizeMacs, type ComponentMacs, type MacsSummary } from "../../src/graph/summary.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { compareCsv, compareMacs, compareTable } from "../../src/report/views/compare-view.js";
import { runCli } from "./run.js";

const part = (name: string, staticMacs: number, dynamicMacs = 0, params = 0): ComponentMacs => ({
  name,
  macs: staticMacs + dynamicMacs,
  staticMacs,
  dynamicMacs,
  perStepMacs: dynamicMacs / 10,
  steps: dynamicMacs > 0 ? 10 : 1,
  instances: 1,
  layers: 1,
  params,
});

const summary = (model: string, components: ComponentMacs[]): MacsSummary => ({
  model,
  totalMacs: components.reduce((s, c) => s + c.macs, 0),
  totalParams: components.reduce((s, c) => s + c.params, 0),
  components,
});

describe("compareMacs", () => {
  const a = summary("A", [part("vision", 100, 0, 5), part("vlm", 50), part("only_a", 7), part("expert", 10, 200)]);
  const b = summary("B", [
    part("vision", 150, 0, 6),
    part("connector", 20),
    part("vlm", 50),
    part("expert", 0, 180),
    part("head", 3),
  ]);
  const result = compareMacs(a, b);

  it("matches components by name, keeping A's order and placing B's extras where they run", () => {
    expect(result.components.map((c) => [c.name, c.presentIn])).toEqual([
      ["vision", "both"],
      ["connector", "b"],
      ["vlm", "both"],
      ["only_a", "a"],
      ["expert", "both"],
      ["head", "b"],
    ]);
  });

  it("gives the difference B − A, absolute and relative to A", () => {
    const vision = result.components[0]!;
    expect(vision.macs).toEqual({ a: 100, b: 150, diff: 50, relative: 0.5 });
    expect(vision.params).toEqual({ a: 5, b: 6, diff: 1, relative: 0.2 });
    const expert = result.components.find((c) => c.name === "expert")!;
    expect(expert.staticMacs).toEqual({ a: 10, b: 0, diff: -10, relative: -1 });
    expect(expert.dynamicMacs).toEqual({ a: 200, b: 180, diff: -20, relative: -0.1 });
  });

  it("counts a missing component as zero work (relative only where A has it)", () => {
    expect(result.components.find((c) => c.name === "connector")!.macs).toEqual({
      a: null,
      b: 20,
      diff: 20,
      relative: null,
    });
    expect(result.components.find((c) => c.name === "only_a")!.macs).toEqual({ a: 7, b: null, diff: -7, relative: -1 });
  });

  it("totals both models", () => {
    expect(result.total.macs).toEqual({ a: 367, b: 403, diff: 36, relative: 36 / 367 });
    expect(result.total.staticMacs.diff).toBe(223 - 167);
    expect(result.total.dynamicMacs.diff).toBe(-20);
  });

  it("carries optional per-component latencies into rows, totals and the views", () => {
    const latency = {
      a: new Map([
        ["vision", 2],
        ["expert", 4],
      ]),
      b: new Map([
        ["vision", 3],
        ["connector", 1],
        ["expert", 3],
      ]),
    };
    const withLatency = compareMacs(a, b, latency);
    expect(withLatency.components[0]!.latencyMs).toEqual({ a: 2, b: 3, diff: 1, relative: 0.5 });
    expect(withLatency.total.latencyMs).toEqual({ a: 6, b: 7, diff: 1, relative: 1 / 6 });
    expect(compareTable(withLatency)).toContain("A ms");
    expect(compareCsv(withLatency).split("\n")[0]).toContain("diff_latency_ms");
    expect(result.components[0]!.latencyMs).toBeUndefined();
    expect(compareTable(result)).not.toContain("A ms");
  });

  it("renders a table with 'only A' / 'only B' rows and a CSV with one row per component plus the total", () => {
    const table = compareTable(result, { a: "a.yaml", b: "b.yaml --set cameras=2" });
    expect(table).toContain("A: A (a.yaml)");
    expect(table).toMatch(/connector .* only B/);
    expect(table).toMatch(/only_a .* only A/);
    const csv = compareCsv(result).trim().split("\n");
    expect(csv).toHaveLength(1 + 6 + 1);
    expect(csv[2]).toMatch(/^connector,b,,20,20,,/);
  });
});

describe("the seed against lerobot's SmolVLA", () => {
  const load = (path: string) =>
    summarizeMacs(buildGraph(resolveModel(parseModelSpec(readFileSync(path, "utf8"), path))));
  const result = compareMacs(load("models/smolvla.yaml"), load("models/smolvla-lerobot.yaml"));
  const row = (name: string) => result.components.find((c) => c.name === name)!;

  it("shows what the seed leaves out: the patch embedding, the connector and state_proj", () => {
    expect(row("vision_encoder").macs.diff).toBe(1024 * (3 * 16 * 16) * 768); // the same 12 layers plus Conv2d(3 → 768, k16)
    expect(row("connector")).toMatchObject({ presentIn: "b", macs: { a: null, b: 64 * 12288 * 960 } });
    // 12/4 heads of 80 and 15/5 heads of 64 give the same widths (960 and 320): only state_proj differs
    expect(row("vlm_backbone").macs.diff).toBe(32 * 960);
  });

  it("shows the expert losing its static K/V projection and changing its per-step work", () => {
    expect(row("action_expert").staticMacs).toMatchObject({ a: 16 * 2 * 113 * 960 * 240, b: 0 });
    expect(row("action_expert").dynamicMacs.diff).not.toBe(0);
  });
});

describe("splitOverrides", () => {
  const spec = (path: string) => parseModelSpec(readFileSync(path, "utf8"), path);
  const specs = [spec("models/smolvla.yaml"), spec("models/smolvla-lerobot.yaml")];

  it("sends a key to every model that has it", () => {
    const [a, b] = splitOverrides(specs, [
      { key: "cameras", value: 2 },
      { key: "image_size", value: 384 },
    ]);
    expect(a).toEqual([{ key: "cameras", value: 2 }]);
    expect(b).toEqual([
      { key: "cameras", value: 2 },
      { key: "image_size", value: 384 },
    ]);
  });

  it("rejects a key neither model has, suggesting the nearest", () => {
    expect(() => splitOverrides(specs, [{ key: "camera", value: 2 }])).toThrow(InputError);
    expect(() => splitOverrides(specs, [{ key: "camera", value: 2 }])).toThrow(/cameras/);
  });
});

describe("the compare command", () => {
  const run = (...args: string[]) => runCli(["compare", ...args]);

  it("prints JSON with both sources and every component", async () => {
    const out = JSON.parse(
      (await run("-m", "models/smolvla.yaml", "-m", "models/smolvla-lerobot.yaml", "--set", "cameras=2", "-f", "json"))
        .stdout,
    );
    expect(out.sources).toEqual({
      a: "models/smolvla.yaml --set cameras=2",
      b: "models/smolvla-lerobot.yaml --set cameras=2",
    });
    expect(out.components.map((c: { name: string }) => c.name)).toEqual([
      "vision_encoder",
      "connector",
      "vlm_backbone",
      "action_expert",
    ]);
    expect(out.components[0].macs.a).toBe(2 * 106_300_440_576);
  });

  it("prints the table and exits 0", async () => {
    const r = await run("-m", "models/smolvla.yaml", "-m", "models/smolvla-lerobot.yaml");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/connector .* only B/);
    expect(r.stdout).toMatch(/^Total/m);
  });

  it("exits 2 unless given exactly two models, and on a parameter neither has", async () => {
    expect((await run("-m", "models/smolvla.yaml")).stderr).toContain("exactly two models");
    const three = await run("-m", "models/smolvla.yaml", "-m", "models/pi0.yaml", "-m", "models/smolvla.yaml");
    expect(three.code).toBe(2);
    expect(three.stderr).toMatch(/exactly two/);
    const r = await run("-m", "models/smolvla.yaml", "-m", "models/pi0.yaml", "--set", "nope=1");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--set nope");
  });
});

describe("compare with a target", () => {
  it("adds latency per component whose totals equal simulate's for each model", async () => {
    const both = await runCli([
      "compare",
      "-m",
      "models/smolvla.yaml",
      "-m",
      "models/smolvla-lerobot.yaml",
      "-t",
      "hardware/xattn-unit.yaml",
      "-f",
      "json",
    ]);
    expect(both.code).toBe(0);
    const a = JSON.parse(
      (await runCli(["simulate", "-m", "models/smolvla.yaml", "-t", "hardware/xattn-unit.yaml", "-f", "json"])).stdout,
    );
    const text = both.stdout;
    expect(text).toContain(String(a.latencyMs).slice(0, 8));
  });

  it("with -t, gives each model's energy per inference and power on the target, as simulate does", async () => {
    const json = JSON.parse(
      (await runCli(["compare", "-m", "smolvla", "-m", "smolvla-lerobot", "-t", "tpu-v1", "-f", "json"])).stdout,
    );
    const [a, b] = await Promise.all(
      ["smolvla", "smolvla-lerobot"].map(async (m) =>
        JSON.parse((await runCli(["simulate", "-m", m, "-t", "tpu-v1", "-f", "json"])).stdout),
      ),
    );
    expect(json.energy).toEqual({
      target: "tpu-v1",
      areaMm2: a.areaMm2,
      aEnergyMj: a.energyMj,
      bEnergyMj: b.energyMj,
      aPowerW: a.averagePowerW,
      bPowerW: b.averagePowerW,
      aTopsPerWatt: a.topsPerWatt,
      bTopsPerWatt: b.topsPerWatt,
    });
    const table = (await runCli(["compare", "-m", "smolvla", "-m", "smolvla-lerobot", "-t", "tpu-v1"])).stdout;
    expect(table).toMatch(
      /^Energy per inference on tpu-v1 \([0-9.]+ mm²\): A [0-9.]+ mJ, B [0-9.]+ mJ \([-+][0-9.]+%\);/m,
    );
  });
});
