/**
 * The explorer's engine side, without a browser: a page state evaluates to exactly what `simulate` prints for
 * the command the page offers to copy, a refused value reads as the CLI's error, and every control drives a
 * key `--set` accepts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { explorerControls } from "../../src/explore/controls.js";
import { parseSpecs } from "../../src/explore/data.js";
import { evaluate } from "../../src/explore/evaluate.js";
import { cliCommand, initialState, stateFromHash, stateToHash } from "../../src/explore/state.js";
import { targetKeys } from "../../src/hardware/target.js";
import { overridableKeys } from "../../src/model/overrides.js";
import { explorerData, type ExplorerData } from "../../src/load/explorer-data.js";
import { DEFAULT_SIMULATE_OPTIONS } from "../../src/simulate/types.js";
import { runCli } from "../cli/run.js";

const work = mkdtempSync(join(tmpdir(), "explore-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const base = { start: [], simulate: DEFAULT_SIMULATE_OPTIONS, toolVersion: "test" } as const;
const onTarget = explorerData({ ...base, model: "models/smolvla.yaml", targets: ["hardware/xattn-unit.yaml"] });
const onSystem = explorerData({
  ...base,
  model: "models/smolvla.yaml",
  targets: [],
  system: "hardware/systems/orin-plus-xattn.yaml",
});

/** The page's command, run by the CLI with `--format json`. */
async function cliJson(
  data: ExplorerData,
  state: Map<string, string>,
): Promise<{ latencyMs: number; periodMs?: number; energyMj: number; macUtilization: number; control?: unknown }> {
  // As a shell splits it: the command quotes only whole words, with no quote inside.
  const args = cliCommand(data, state)
    .match(/'[^']*'|\S+/g)!
    .slice(2)
    .map((a) => a.replace(/^'(.*)'$/, "$1"));
  const r = await runCli([...args, "--format", "json"]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { latencyMs: number; energyMj: number; macUtilization: number };
}

function outcome(data: ExplorerData, state: Map<string, string>) {
  const evaluation = evaluate(data, parseSpecs(data), state);
  if (!evaluation.ok) throw new Error(evaluation.problems.join("\n"));
  return evaluation.outcome;
}

describe("explorer evaluation", () => {
  it.each([
    [
      "a bigger array",
      onTarget,
      [
        ["mac_array.rows", "32"],
        ["mac_array.cols", "32"],
      ],
    ],
    [
      "model and target fields with a control loop",
      onTarget,
      [
        ["cameras", "2"],
        ["clock_mhz", "400"],
        ["dram.type", "lpddr5"],
        ["--control-hz", "10"],
        ["--horizon", "25"],
      ],
    ],
    [
      "a system unit's field and an expression",
      onSystem,
      [
        ["units.xattn.mac_array.rows", "32"],
        ["action_expert.steps", "2 * 3"],
        ["--control-hz", "50"],
      ],
    ],
    [
      "a system's link",
      onSystem,
      [
        ["links.host.xattn.bandwidth_gbps", "0.5"],
        ["links.host.xattn.latency_us", "40"],
      ],
    ],
  ] as const)("%s: the same numbers as the simulate command it copies", async (_, data, entries) => {
    const state = new Map(entries.map(([k, v]) => [k, v]));
    const page = outcome(data, state);
    const cli = await cliJson(data, state);
    expect(page.latencyMs).toBe(cli.latencyMs);
    expect(page.periodMs).toBe(cli.periodMs ?? cli.latencyMs);
    expect(page.energyMj).toBe(cli.energyMj);
    expect(page.control).toEqual(cli.control);
    // One meaning of MAC utilisation: the page's is the CLI's (MACs ÷ (peak × period)), not a rescaled cousin.
    expect(page.macUtilization).toBe(cli.macUtilization);
  });

  it("a system point's MAC utilisation is the same number in simulate -S, sweep.csv and the page", async () => {
    const state = new Map([["units.xattn.mac_array.rows", "32"]]);
    const page = outcome(onSystem, state);
    const cli = (await cliJson(onSystem, state)) as unknown as { macUtilization: number; averagePowerW: number };
    const sweep = await runCli([
      "sweep",
      "-m",
      "models/smolvla.yaml",
      "--system",
      "hardware/systems/orin-plus-xattn.yaml",
      "--vary",
      "units.xattn.mac_array.rows=32",
      "-f",
      "csv",
    ]);
    const [header, row] = sweep.stdout
      .trim()
      .split("\n")
      .map((l) => l.split(","));
    const column = (name: string) => Number(row![header!.indexOf(name)]);
    expect(page.macUtilization).toBe(cli.macUtilization);
    expect(column("mac_utilization")).toBe(cli.macUtilization);
    expect(column("power_w")).toBe(cli.averagePowerW);
    expect(page.averagePowerW).toBe(cli.averagePowerW);
  });

  it.each([
    ["mac_array.rows", "0"],
    ["mac_array.rows", "sixteen"],
    ["cameras", "-1"],
    ["clock_mhz", ""],
    ["--control-hz", "fast"],
    ["--chunk", "2.5"],
  ])("%s = '%s' is refused with the message the CLI prints", async (key, value) => {
    const state = new Map([
      [key, value],
      ...(key.startsWith("--") && key !== "--control-hz" ? [["--control-hz", "10"] as const] : []),
    ]);
    const evaluation = evaluate(onTarget, parseSpecs(onTarget), state);
    expect(evaluation.ok).toBe(false);
    const args = key.startsWith("-") ? [...[...state].flat()] : ["--set", `${key}=${value}`];
    const r = await runCli(["simulate", "-m", "models/smolvla.yaml", "-t", "hardware/xattn-unit.yaml", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${evaluation.ok ? "" : evaluation.problems.join("\n")}\n`);
  });

  it("the link's hash holds the state, and an empty hash keeps the page's own", () => {
    const state = new Map([
      ["mac_array.rows", "32"],
      ["action_expert.steps", "2 * hidden"],
      ["--mode", "sync"],
    ]);
    expect(stateFromHash(`#${stateToHash(state)}`)).toEqual(state);
    expect(stateFromHash("")).toBeUndefined();
    expect(cliCommand(onTarget, state)).toBe(
      "npx accel-sizer simulate -m models/smolvla.yaml -t hardware/xattn-unit.yaml --set mac_array.rows=32 --set 'action_expert.steps=2 * hidden' --mode sync",
    );
  });

  it.each([
    [
      "#--rate-hz=5",
      "--rate-hz in the page's address: the page does not apply it (it applies --set keys, --control-hz, --chunk, --horizon, --mode and -t); remove it",
    ],
    ["#--foo=1&mac_array.rows=32", "--foo in the page's address: the page does not apply it"],
    ["#cameras=2&cameras=3", "cameras is given twice in the page's address; give each key once"],
  ])("refuses a hand-edited hash %s, not ignoring any of it", (hash, message) => {
    const evaluation = evaluate(onTarget, parseSpecs(onTarget), stateFromHash(hash)!);
    expect(evaluation.ok).toBe(false);
    expect(evaluation.ok ? "" : evaluation.problems.join("\n")).toContain(message);
  });

  it("refuses -t in a system's page, which has no targets to choose from", () => {
    const evaluation = evaluate(onSystem, parseSpecs(onSystem), stateFromHash("#-t=foo")!);
    expect(evaluation.ok ? "" : evaluation.problems.join("\n")).toBe(
      "-t in the page's address: the page does not apply it (it applies --set keys, --control-hz, --chunk, --horizon, --mode); remove it",
    );
  });

  it("writes a repeated key back once: the next address is clean", () => {
    expect(stateToHash(stateFromHash("#cameras=2&cameras=3")!)).toBe("cameras=2");
  });

  it("copies as CLI only the flags the page applies (a hash's --component, --output or --force are dropped)", () => {
    const state = new Map([
      ["--component", "vision_encoder"],
      ["--output", "x.json"],
      ["--force", "1"],
      ["--control-hz", "50"],
    ]);
    expect(cliCommand(onTarget, state)).toBe(
      "npx accel-sizer simulate -m models/smolvla.yaml -t hardware/xattn-unit.yaml --control-hz 50",
    );
  });

  it("refuses a --mode the CLI refuses: sync without --control-hz, and anything but sync or async (it once showed a 'bogus' verdict)", async () => {
    for (const [mode, message] of [
      ["sync", "--mode describes the control loop: give --control-hz <hz> with it"],
      ["bogus", "--mode bogus: expected sync or async"],
    ] as const) {
      const evaluation = evaluate(onTarget, parseSpecs(onTarget), new Map([["--mode", mode]]));
      expect(evaluation.ok).toBe(false);
      expect(evaluation.ok ? "" : evaluation.problems.join("\n")).toContain(message);
    }
    const held = evaluate(
      onTarget,
      parseSpecs(onTarget),
      new Map([
        ["--mode", "sync"],
        ["--control-hz", "0.1"],
      ]),
    );
    expect(held.ok).toBe(true);
  });
});

describe("explorer controls", () => {
  it("one per numeric target field, per model parameter and per control-loop flag, each named by its --set key", () => {
    const names = explorerControls(onTarget, parseSpecs(onTarget), 0).map((c) => c.name);
    const fields = [
      "mac_array.rows",
      "mac_array.cols",
      "mac_array.count",
      "mac_array.dataflow",
      "mac_array.weight_buffering",
      "clock_mhz",
      "precision",
      "weight_precision",
      "sram.size_kib",
      "sram.bandwidth_bytes_per_cycle",
      "dram.bandwidth_gbps",
      "dram.type",
      "vector.lanes",
      "technology.node_nm",
    ];
    expect(names).toEqual([
      ...fields,
      ...overridableKeys(parseSpecs(onTarget).model),
      "--control-hz",
      "--chunk",
      "--horizon",
      "--mode",
    ]);
    for (const f of fields) expect(targetKeys()).toContain(f);
  });

  it("a system's units each have the fields, valued with the unit's own target file", () => {
    const controls = explorerControls(onSystem, parseSpecs(onSystem), 0);
    expect(controls.find((c) => c.name === "units.xattn.mac_array.rows")?.value).toBe("16");
    expect(controls.find((c) => c.name === "units.host.clock_mhz")?.value).toBe("1300");
    expect(controls.filter((c) => c.group === "links").map((c) => [c.name, c.value])).toEqual([
      ["links.host.xattn.bandwidth_gbps", "4"],
      ["links.host.xattn.latency_us", "5"],
    ]);
  });

  it("a GPU unit has the launch controls: gpu.graphs switches to CUDA graphs, as --set does", async () => {
    const controls = explorerControls(onSystem, parseSpecs(onSystem), 0);
    expect(controls.find((c) => c.name === "units.host.gpu.graphs")).toEqual(
      expect.objectContaining({ value: "false", options: ["false", "true"] }),
    );
    expect(controls.find((c) => c.name === "units.host.gpu.kernel_overhead_us")?.value).toBe("56");
    expect(controls.find((c) => c.name === "units.xattn.gpu.graphs")).toBeUndefined();
    const state = new Map(initialState(onSystem));
    state.set("units.host.gpu.graphs", "true");
    const page = outcome(onSystem, state);
    const cli = await cliJson(onSystem, state);
    expect(page.latencyMs).toBe(cli.latencyMs);
    expect(page.latencyMs).toBeLessThan(outcome(onSystem, new Map(initialState(onSystem))).latencyMs);
  });

  it("the page's starting state evaluates untouched to the files' result", () => {
    const page = outcome(onTarget, new Map(initialState(onTarget)));
    expect(page.latencyMs.toFixed(3)).toBe("3501.877");
  });
});

describe("accel-sizer explore", () => {
  it("writes one page embedding the files, and replaces only an explorer page without --force", async () => {
    const out = join(work, "explorer.html");
    const r = await runCli(["explore", "-m", "smolvla", "-t", "xattn-unit", "--set", "cameras=2", "-o", out]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Explorer written to .*explorer\.html \(opens at [\d.]+ ms per inference\)\n$/);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("image_tokens_per_camera");
    // Nothing loaded from elsewhere (the browser test also watches for requests), no Node module required.
    expect(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src=/.test(html)).toBe(false);
    expect(/require\(["']node:|from ?["']node:/.test(html)).toBe(false);
    expect((await runCli(["explore", "-m", "smolvla", "-t", "xattn-unit", "-o", out])).code).toBe(0);
    const foreign = join(work, "notes.html");
    writeFileSync(foreign, "<p>mine</p>");
    const refused = await runCli(["explore", "-m", "smolvla", "-t", "xattn-unit", "-o", foreign]);
    expect(refused.stderr).toBe(
      `error: -o ${foreign}: exists and is not an explorer page accel-sizer wrote; choose another -o or give --force to replace it\n`,
    );
    expect(readFileSync(foreign, "utf8")).toBe("<p>mine</p>");
  });

  it("refuses a page name a browser would open as text", async () => {
    const plain = join(work, "explorer");
    const r = await runCli(["explore", "-m", "smolvla", "-t", "xattn-unit", "-o", plain]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: -o ${plain}: name the page .html (a browser shows a file of another name as text)\n`);
    expect(existsSync(plain)).toBe(false);
  });

  it("report writes explorer.html beside it, starting from the report's --set and control loop", async () => {
    const out = join(work, "report");
    const r = await runCli([
      "report",
      "-m",
      "smolvla",
      "--system",
      "hardware/systems/orin-plus-xattn.yaml",
      "--set",
      "cameras=2",
      "--control-hz",
      "50",
      "-o",
      out,
      "--quiet",
    ]);
    expect(r.stderr).toBe("");
    const html = readFileSync(join(out, "explorer.html"), "utf8");
    const data = JSON.parse(
      /<script type="application\/json" id="explorer-data">(.*?)<\/script>/s.exec(html)![1]!,
    ) as ExplorerData;
    expect(data.start).toEqual([
      ["cameras", "2"],
      ["--control-hz", "50"],
    ]);
    expect(Object.values(data.system!.units).map((u) => u.path)).toEqual([
      "hardware/jetson-orin.yaml",
      "hardware/xattn-unit.yaml",
    ]);
  });

  it("refuses a starting state the page could not show, as simulate would", async () => {
    const r = await runCli([
      "explore",
      "-m",
      "smolvla",
      "-t",
      "xattn-unit",
      "--set",
      "mac_array.rows=0",
      "-o",
      join(work, "bad.html"),
    ]);
    const cli = await runCli(["simulate", "-m", "smolvla", "-t", "xattn-unit", "--set", "mac_array.rows=0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(cli.stderr);
  });
});

describe("the embedded data of a system", () => {
  it("keeps a unit whose target file is named __proto__ (it once set the prototype, and the page failed to load)", () => {
    const dir = mkdtempSync(join(work, "proto-"));
    writeFileSync(join(dir, "__proto__"), readFileSync("hardware/xattn-unit.yaml", "utf8"));
    const system = readFileSync("hardware/systems/orin-plus-xattn.yaml", "utf8")
      .replace("../xattn-unit.yaml", "__proto__")
      .replace("../jetson-orin.yaml", join(process.cwd(), "hardware/jetson-orin.yaml"));
    writeFileSync(join(dir, "s.yaml"), system);
    const data = explorerData({ ...base, model: "models/smolvla.yaml", targets: [], system: join(dir, "s.yaml") });
    // As the page reads it: through JSON.
    const page = JSON.parse(JSON.stringify(data)) as ExplorerData;
    expect(Object.keys(page.system!.units)).toContain("__proto__");
    const specs = parseSpecs(page);
    expect(specs.system!.units.get("xattn")).toBeDefined();
    expect(outcome(page, new Map(initialState(page))).latencyMs).toBeGreaterThan(0);
  });
});

describe("the model's controls", () => {
  const controls = explorerControls(onTarget, parseSpecs(onTarget), 0);
  const control = (name: string) => controls.find((c) => c.name === name)!;

  it("show the built-in batch at 1 and a component's precision as a menu that keeps the target's", () => {
    expect(control("batch")).toMatchObject({ value: "1", slider: "integer" });
    expect(control("action_expert.precision")).toMatchObject({
      value: "",
      options: ["", "int8", "fp16", "bf16", "fp32"],
    });
  });

  it("evaluate a batch as simulate --set batch does", async () => {
    const state = new Map([["batch", "4"]]);
    expect(outcome(onTarget, state).latencyMs).toBe((await cliJson(onTarget, state)).latencyMs);
  });
});
