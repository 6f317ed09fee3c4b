import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TARGETS } from "../report/report-helpers.js";
import { runCli } from "./run.js";

/** Seven lines, 50,000 layers: the model that took 27 s, 4 GB and 543 MB of report before layers were merged. */
const MANY_LAYERS = `name: many
components:
  - name: c
    layers:
      - repeat: 50000
        blocks:
          - { type: linear, name: fc, tokens: 64, in: 64, out: 64 }
`;

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

describe("a model of 50,000 identical layers stays small in every output", () => {
  const work = mkdtempSync(join(tmpdir(), "bounded-"));
  const model = join(work, "many.yaml");
  writeFileSync(model, MANY_LAYERS);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("simulate -f json: identical consecutive layers share a row; totals are kept (Σ figure × layerCount)", async () => {
    const r = await runCli(["simulate", "-m", model, "-t", TARGETS[0]!, "-f", "json"]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(20_000);
    const json = JSON.parse(r.stdout);
    expect(json.opsMerged).toBe(true);
    expect(json.ops.length).toBeLessThanOrEqual(3);
    const counts = json.ops.map((o: { layerCount: number }) => o.layerCount);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(50_000);
    expect(
      json.ops.reduce((s: number, o: { cycles: number; layerCount: number }) => s + o.cycles * o.layerCount, 0),
    ).toBe(json.cycles);
    expect(
      json.ops.reduce(
        (s: number, o: { macsPerInference: number; layerCount: number }) => s + o.macsPerInference * o.layerCount,
        0,
      ),
    ).toBe(50_000 * 64 ** 3);
  });

  it("graph -f csv and simulate -f csv: a handful of rows with a layerCount column", async () => {
    for (const args of [
      ["graph", "-m", model, "-f", "csv"],
      ["simulate", "-m", model, "-t", TARGETS[0]!, "-f", "csv"],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split("\n");
      expect(lines.length).toBeLessThanOrEqual(4);
      expect(lines[0]!.split(",").at(-1)).toBe("layerCount");
    }
  });

  it("report: a folder of well under a megabyte besides the explorer, utilisation bars grouped", async () => {
    const out = join(work, "report");
    const r = await runCli(["report", "-m", model, "-t", TARGETS[0]!, "-o", out, "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // explorer.html is its script (the engine, ~1 MB whatever the model) and the input files' text, no results.
    const explorer = statSync(join(out, "explorer.html")).size;
    expect(explorer).toBeLessThan(statSync("dist/explore/bundle.js").size + 100_000);
    expect(folderBytes(out) - explorer).toBeLessThan(1_000_000);
    expect(readFileSync(join(out, "ops.csv"), "utf8").trim().split("\n").length).toBeLessThanOrEqual(4);
  });

  it("a topology of more than 50,000 rows is refused up front, naming the limit and the row", async () => {
    const topology = join(work, "rows.csv");
    writeFileSync(topology, `Layer,M,N,K,\n${"a,1,1,1,\n".repeat(290_000)}`);
    const r = await runCli(["simulate", "-w", topology, "-t", TARGETS[0]!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${topology}:50002: more than 50,000 rows (290,000); a topology may have at most 50,000 layers\n`,
    );
  });

  it("cycles past 2^53 name the model, the target and, in a sweep, the point", async () => {
    // 100,000 diffusion steps on 1 MB/s of DRAM: ~10^16 cycles, while the MACs (~10^15) still count exactly.
    const slow = [
      "-m",
      "models/smolvla.yaml",
      "-t",
      "hardware/xattn-unit.yaml",
      "--set",
      "dram.bandwidth_gbps=0.001",
      "--set",
      "action_expert.steps=100000",
    ];
    const one = await runCli(["simulate", ...slow, "--set", "clock_mhz=1000"]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(
      /^error: models\/smolvla.yaml on hardware\/xattn-unit.yaml: cycles per inference \(1.278e\+16\) exceed the exact integer range \(2\^53\)/,
    );
    const sweep = await runCli(["sweep", ...slow, "--vary", "clock_mhz=900,1000"]);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toMatch(
      /^error: models\/smolvla.yaml on hardware\/xattn-unit.yaml: point 1 of 2 \(clock_mhz=900\): cycles per inference/,
    );
  });

  it("an overflowing topology row is named by its line and layer", async () => {
    const topology = join(work, "overflow.csv");
    writeFileSync(topology, "Layer, M, N, K,\nfine, 8, 8, 8,\nhuge, 1000000, 1000000, 1000000,\n");
    const r = await runCli(["simulate", "-w", topology, "-t", TARGETS[0]!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${topology}:3:1: huge: integer product 1000000 × 1000000 × 1000000 exceeds the exact integer range (2^53)\n`,
    );
  });
});
