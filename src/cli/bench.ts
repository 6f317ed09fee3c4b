/**
 * `npm run bench`: a benchmark, not a test. Times, for SmolVLA on xattn-unit, one evaluation (simulate() with
 * every per-op record, and the sweep's totals-only fast path), one evaluation of each shipped system (its
 * schedule included), and a 10,000-point sweep end to end, in this
 * process, then the CLI as a user runs it: start-up of `macs` and `simulate`, and a sweep, as whole processes.
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { buildGraph } from "../graph/build.js";
import { resolveTarget } from "../hardware/target.js";
import { resolveModel } from "../model/resolve.js";
import { simulate } from "../simulate/simulate.js";
import { DEFAULT_SIMULATE_OPTIONS } from "../simulate/types.js";
import { planGraph } from "../simulate/plan.js";
import { newCostCache } from "../simulate/plan-costs.js";
import { evaluatePlan, RECORD } from "../sweep/evaluate.js";
import { prepareSweep, runSweep } from "../sweep/run.js";
import { designFront } from "../sweep/pareto.js";
import { loadModelSpec, loadTargetSpec } from "../load/load.js";
import { loadSystem } from "../load/system.js";
import { simulateSystem, systemItems } from "../system/simulate-system.js";
import { steadyState } from "../system/steady-state.js";

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const MODEL = root("models/smolvla.yaml");
const TARGET = root("hardware/xattn-unit.yaml");
/** 10 × 10 × 10 × 10 = 10,000 designs, and 20 × 20 × 10 × 25 = 100,000. */
const VARY = [
  "mac_array.rows=16:160:16",
  "mac_array.cols=16:160:16",
  "clock_mhz=100:1000:100",
  "sram.size_kib=128:1280:128",
];
const VARY_100K = [
  "mac_array.rows=8:160:8",
  "mac_array.cols=8:160:8",
  "clock_mhz=100:1000:100",
  "sram.size_kib=128:3200:128",
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median milliseconds of `runs` calls after `warmup` unmeasured ones. */
function time(run: () => void, runs: number, warmup = Math.ceil(runs / 5)): number {
  for (let i = 0; i < warmup; i++) run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

const line = (label: string, value: string) => console.log(`  ${label.padEnd(50)} ${value}`);

async function main(): Promise<void> {
  console.log(
    `accel-sizer bench — Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"})`,
  );
  const modelSpec = loadModelSpec(MODEL);
  const targetSpec = loadTargetSpec(TARGET);
  const graph = buildGraph(resolveModel(modelSpec));
  const target = resolveTarget(targetSpec);
  const plan = planGraph(graph);
  const out = new Float64Array(RECORD);

  console.log(
    `\nOne evaluation: SmolVLA (${graph.ops.length} ops, ${plan.shapes.length} distinct shapes) on xattn-unit, median of many`,
  );
  line("simulate(), every per-op record", `${time(() => simulate(graph, target), 300).toFixed(3)} ms`);
  line("simulate() of a plan (graph planned once)", `${time(() => simulate(plan, target), 300).toFixed(3)} ms`);
  line(
    "sweep point (totals only), costs computed",
    `${time(() => evaluatePlan(plan, target, DEFAULT_SIMULATE_OPTIONS, out, 0), 3000).toFixed(4)} ms`,
  );
  // A sweep keeps costs across points that differ only in clock (plan-costs.ts): two clocks in turn, retimed each time.
  const cache = newCostCache();
  const otherClock = resolveTarget(targetSpec, [{ key: "clock_mhz", value: target.clockHz / 2e6 }]);
  let turn = 0;
  const retimed = () =>
    evaluatePlan(plan, turn++ % 2 === 0 ? target : otherClock, DEFAULT_SIMULATE_OPTIONS, out, 0, cache);
  line("sweep point (totals only), costs kept, retimed", `${time(retimed, 3000).toFixed(4)} ms`);
  line(
    "graph build + plan (once per model variant)",
    `${time(() => planGraph(buildGraph(resolveModel(modelSpec))), 30).toFixed(2)} ms`,
  );

  console.log("\nOne system evaluation: SmolVLA on a host and a unit over one link, median of many");
  for (const name of ["xattn-only", "orin-plus-xattn", "host-plus-u280"]) {
    const system = loadSystem(root(`hardware/systems/${name}.yaml`));
    const { items, clockHz } = systemItems(graph, system);
    const steady = steadyState(items, clockHz);
    line(
      `${name}: simulateSystem (schedule included)`,
      `${time(() => simulateSystem(graph, system), 30).toFixed(2)} ms`,
    );
    line(
      `  of which units' costs and the inference's items`,
      `${time(() => systemItems(graph, system), 30).toFixed(2)} ms (${items.size.toLocaleString("en-US")} items)`,
    );
    line(
      `  of which the steady state (${steady.schedule.inferences} inferences)`,
      `${time(() => steadyState(items, clockHz), 30).toFixed(2)} ms`,
    );
  }

  for (const [vary, runs] of [
    [VARY, 7],
    [VARY_100K, 3],
  ] as const) {
    const points = vary.reduce(
      (n, v) =>
        n * prepareSweep({ modelSpec, targetSpec, sets: { model: [], target: [] }, vary: [v], tie: [] }).space.count,
      1,
    );
    console.log(
      `\n${points.toLocaleString("en-US")}-point sweep end to end (parse, check, build, evaluate, Pareto front), median of ${runs}:`,
    );
    console.log(`  ${vary.map((v) => `--vary ${v}`).join(" ")}`);
    const seconds: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      const prepared = prepareSweep({
        modelSpec,
        targetSpec,
        sets: { model: [], target: [] },
        vary,
        tie: [],
        maxPoints: points,
      });
      const result = await runSweep(prepared);
      designFront(result);
      seconds.push((performance.now() - start) / 1e3);
    }
    // The fastest run is the one least disturbed by other work on the machine; the median shows what it did.
    for (const [label, s] of [
      ["in process, median", median(seconds)],
      ["in process, fastest", Math.min(...seconds)],
    ] as const) {
      line(
        label,
        `${(s * 1e3).toFixed(0)} ms, ${Math.round(points / s).toLocaleString("en-US")} points/s, ${((s / points) * 1e6).toFixed(1)} µs per point`,
      );
    }
  }

  console.log("\nThe CLI as a user runs it, whole process (spawn to exit), wall time after one unmeasured run:");
  const startup = 9;
  line("node -e 0 (Node's own start, for scale)", wholeProcess(["-e", "0"], startup));
  line("accel-sizer macs -m smolvla", wholeProcess([CLI, "macs", "-m", MODEL], startup));
  line(
    "accel-sizer simulate -m smolvla -t xattn-unit",
    wholeProcess([CLI, "simulate", "-m", MODEL, "-t", TARGET], startup),
  );
  line(
    "accel-sizer sweep, 10,000 points, -f csv",
    wholeProcess(
      [CLI, "sweep", "-m", MODEL, "-t", TARGET, ...VARY.flatMap((v) => ["--vary", v]), "-f", "csv", "-q"],
      3,
    ),
  );
}

const CLI = fileURLToPath(new URL("./bin.js", import.meta.url));

/** Median and minimum milliseconds of `runs` runs of `node <args>`; the minimum is the least disturbed by other load. */
function wholeProcess(args: readonly string[], runs: number): string {
  const ms: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const start = performance.now();
    execFileSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
    if (run > 0) ms.push(performance.now() - start);
  }
  return `${median(ms).toFixed(0)} ms median, ${Math.min(...ms).toFixed(0)} ms min of ${runs}`;
}

await main();
