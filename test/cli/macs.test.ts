import { describe, expect, it } from "vitest";
import { runCli } from "./run.js";

describe("accel-sizer macs", () => {
  it("prints the seed's summary: 106.30, 18.17, 0.83 + 56.62 = 57.45, total 181.92 G-MACs", async () => {
    const run = await runCli(["macs", "-m", "models/smolvla.yaml"]);
    expect(run.code).toBe(0);
    const line = (name: string) => run.stdout.split("\n").find((l) => l.startsWith(name))!;
    expect(line("vision_encoder")).toMatch(/106\.30\s+106\.30/);
    expect(line("vlm_backbone")).toMatch(/18\.17\s+18\.17/);
    expect(line("action_expert")).toMatch(/0\.83\s+5\.662\s+10\s+56\.62\s+57\.45/);
    expect(line("Total")).toContain("181.92");
    // Per-layer lines of the seed, with exact MACs: 4·1024·768², 2·1024²·768, 2·1024·768·3072, …
    for (const exact of [
      "2,415,919,104",
      "1,610,612,736",
      "4,831,838,208",
      "277,708,800",
      "24,516,480",
      "833,126,400",
      "72,720,000",
      "59,976,000",
      "221,184,000",
    ]) {
      expect(run.stdout).toContain(exact);
    }
  });

  it("prints exact integers in JSON", async () => {
    const run = await runCli(["macs", "-m", "models/smolvla.yaml", "--format", "json"]);
    const json = JSON.parse(run.stdout);
    expect(json.totalMacs).toBe(181_919_993_856);
    const byName = Object.fromEntries(json.components.map((c: { name: string }) => [c.name, c]));
    expect(byName.vision_encoder.macs).toBe(106_300_440_576);
    expect(byName.vlm_backbone.macs).toBe(18_165_626_880);
    expect(byName.action_expert.staticMacs).toBe(833_126_400);
    expect(byName.action_expert.dynamicMacs).toBe(56_620_800_000);
  });

  it("writes a SCALE-Sim topology whose GEMMs add up to the whole inference, every diffusion step included", async () => {
    const rows = (await runCli(["graph", "-m", "models/smolvla.yaml", "--format", "scalesim"])).stdout
      .trim()
      .split("\n");
    expect(rows[0]).toBe("Layer, M, N, K,");
    const macs = rows.slice(1).reduce((sum, row) => {
      const [, m, n, k] = row.split(",").map((c) => c.trim());
      return sum + Number(m) * Number(n) * Number(k);
    }, 0);
    // Vision + VLM + expert static K/V + ten diffusion steps of the expert: the seed's 181,919,993,856.
    expect(macs).toBe(106_300_440_576 + 18_165_626_880 + 833_126_400 + 10 * 5_662_080_000);
    expect(rows.filter((row) => row.startsWith("action_expert_L0_mlp_up_r")).map((r) => r.split(",")[0])).toEqual(
      Array.from({ length: 10 }, (_, step) => `action_expert_L0_mlp_up_r${step}`),
    );
  });

  it("fails with exit 2 and a suggestion for a misspelt --set", async () => {
    const run = await runCli(["macs", "-m", "models/smolvla.yaml", "--set", "camera=2"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("did you mean 'cameras'?");
  });
});

describe("--set given twice", () => {
  it("is refused rather than silently taking the last value", async () => {
    const run = await runCli(["macs", "-m", "models/smolvla.yaml", "--set", "cameras=2", "--set", "cameras=3"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--set cameras is given twice");
  });
});
