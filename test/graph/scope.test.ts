import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { scopeGraph } from "../../src/graph/scope.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { simulate } from "../../src/simulate/simulate.js";
import { runCli } from "../cli/run.js";

const graph = buildGraph(loadModel("models/smolvla.yaml"));

describe("--component: one component alone", () => {
  it.each(["vision_encoder", "vlm_backbone", "action_expert"])(
    "%s costs exactly what it costs inside the whole model",
    (name) => {
      const target = loadTarget("hardware/xattn-unit.yaml");
      const whole = simulate(graph, target).components.find((c) => c.name === name)!;
      const alone = simulate(scopeGraph(graph, name), target);
      expect(alone.cycles).toBe(whole.cycles);
      expect(alone.macs).toBe(whole.macs);
      expect(alone.latencyMs).toBe(whole.latencyMs);
    },
  );

  it("keeps edges inside the component, renumbered, and drops the ones from outside", () => {
    const expert = scopeGraph(graph, "action_expert");
    expert.ops.forEach((op, i) => op.producers.forEach((p) => expect(p).toBeLessThan(i)));
    const kProj = expert.ops.find((o) => o.name === "xattn_k_proj")!;
    expect(kProj.producers).toEqual([]); // the VLM's hidden states come from outside
  });

  it("scopes simulate, sweeps and size on the command line, and names a misspelt component", async () => {
    const run = await runCli([
      "simulate",
      "-m",
      "smolvla",
      "-t",
      "xattn-unit",
      "--component",
      "action_expert",
      "-f",
      "json",
    ]);
    expect(JSON.parse(run.stdout).components.map((c: { name: string }) => c.name)).toEqual(["action_expert"]);
    const bad = await runCli(["simulate", "-m", "smolvla", "-t", "xattn-unit", "--component", "action_expret"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "--component action_expret: no component 'action_expret' (did you mean 'action_expert'?)",
    );
  });
});
