import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFixed } from "../../src/report/views/format.js";
import { runCli } from "./run.js";
import {
  checkChartPng,
  fingerprint,
  checkHtml,
  expectedResults,
  markdownLatencies,
  MODEL,
  parseCsv,
  snapshot,
  TARGETS,
} from "../report/report-helpers.js";

/** The report command in-process, run from `cwd` (--all-targets and -o are relative to it). */
async function run(args: readonly string[], cwd: string) {
  const { code, stdout, stderr } = await runCli(args, { cwd });
  return { status: code, stdout, stderr };
}

describe("accel-sizer report", () => {
  let work: string;
  const targetArgs = TARGETS.flatMap((t) => ["-t", t]);

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "report-cli-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("writes every file, with the simulation's numbers", async () => {
    const out = join(work, "smolvla");
    const r = await run(["report", "-m", MODEL, ...targetArgs, "-o", out], work);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `Report written to ${join(out, "report.md")} (and index.html, explorer.html, summary.csv, ops.csv, result.json, charts/)\n`,
    );
    const files = ["report.md", "index.html", "explorer.html", "summary.csv", "ops.csv", "result.json"];
    const charts = [
      "latency",
      "latency-share",
      "macs",
      "energy",
      "area",
      ...["xattn-unit", "tpu-v1"].flatMap((slug) =>
        ["bound-mix", "op-time", "roofline", "utilisation"].map((chart) => `${chart}-${slug}`),
      ),
    ];
    expect([...snapshot(out).keys()].sort()).toEqual(
      [".accel-sizer", ...files, ...charts.map((c) => `charts/${c}.png`)].sort(),
    );
    for (const chart of charts) await checkChartPng(readFileSync(join(out, "charts", `${chart}.png`)), 1000);

    const results = expectedResults();
    const markdown = readFileSync(join(out, "report.md"), "utf8");
    expect(markdownLatencies(markdown)).toEqual(
      new Map(results.map((res) => [res.target.name, formatFixed(res.latencyMs, 3)])),
    );
    expect(markdown).toContain(`accel-sizer report -m ${MODEL} -t ${TARGETS[0]} -t ${TARGETS[1]} -o ${out}`);
    for (const [, path] of markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g))
      expect(existsSync(join(out, path!)), path).toBe(true);

    const summary = parseCsv(readFileSync(join(out, "summary.csv"), "utf8"));
    // Rows fastest first, as every table and chart of the report.
    const fastestFirst = [...results].sort((a, b) => a.latencyMs - b.latencyMs);
    expect(
      summary.map((row) => [
        row.target,
        Number(row.latency_ms),
        Number(row.inferences_per_second),
        Number(row.mac_utilization),
      ]),
    ).toEqual(fastestFirst.map((res) => [res.target.name, res.latencyMs, res.inferencesPerSecond, res.utilization]));
    expect(summary.map((row) => [row.energy_mj, row.area_mm2, row.power_w, row.tops_per_w].map(Number))).toEqual(
      fastestFirst.map((res) => [res.energyMj, res.areaMm2, res.averagePowerW, res.topsPerWatt]),
    );
    checkHtml(readFileSync(join(out, "index.html"), "utf8"), out);
    // The explorer opens on the fastest target (its menu offers the others): its embedded start state says so.
    const fastest = results.reduce((best, res, i) => (res.latencyMs < results[best]!.latencyMs ? i : best), 0);
    const page = readFileSync(join(out, "explorer.html"), "utf8");
    const embedded = /<script type="application\/json" id="explorer-data">([\s\S]*?)<\/script>/.exec(page)![1]!;
    const data = JSON.parse(embedded) as { start: [string, string][] };
    expect(data.start).toContainEqual(["-t", TARGETS[fastest]]);

    const json = JSON.parse(readFileSync(join(out, "result.json"), "utf8"));
    expect(json.inputs).toEqual({ model: MODEL, targets: TARGETS, allTargets: false, sets: [] });
    expect(json.targets.map((t: { latencyMs: number }) => t.latencyMs)).toEqual(
      fastestFirst.map((res) => res.latencyMs),
    );
    expect(readdirSync(work)).toEqual(["smolvla"]);
  });

  it("--all-targets takes every *.yaml in ./hardware and --set reaches model and targets", async () => {
    const cwd = join(work, "project");
    mkdirSync(join(cwd, "hardware"), { recursive: true });
    for (const file of TARGETS) copyFileSync(file, join(cwd, "hardware", file.slice(file.lastIndexOf("/") + 1)));
    writeFileSync(join(cwd, "hardware", "schema.json"), "{}\n");
    // A missing parent folder is refused, not created: a typo in -o must not grow a tree of folders.
    expect((await run(["report", "-m", MODEL, "--all-targets", "-o", "reports/all"], cwd)).stderr).toBe(
      "error: -o reports/all: the folder reports does not exist; create it first\n",
    );
    mkdirSync(join(cwd, "reports"));
    const r = await run(
      [
        "report",
        "-m",
        MODEL,
        "--all-targets",
        "--set",
        "cameras=2",
        "--set",
        "clock_mhz=1000",
        "-o",
        "reports/all",
        "--quiet",
      ],
      cwd,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const summary = parseCsv(readFileSync(join(cwd, "reports", "all", "summary.csv"), "utf8"));
    expect(summary.map((row) => [row.target, row.file, row.clock_mhz])).toEqual([
      ["tpu-v1", "hardware/tpu-v1.yaml", "1000"],
      ["xattn-unit", "hardware/xattn-unit.yaml", "1000"],
    ]);
    const markdown = readFileSync(join(cwd, "reports", "all", "report.md"), "utf8");
    expect(markdown).toContain(
      "accel-sizer report -m " + MODEL + " --all-targets --set cameras=2 --set clock_mhz=1000 -o reports/all",
    );
    // Two cameras double the vision encoder's runs.
    expect(markdown).toMatch(/\| vision_encoder \| 12 \| 2 \| 212\.60 \|/);
  });

  it("a bad target among several exits 2 and leaves the previous report byte for byte", async () => {
    const out = join(work, "kept");
    expect((await run(["report", "-m", MODEL, "-t", TARGETS[0]!, "-o", out], work)).status).toBe(0);
    const before = fingerprint(out);
    const bad = join(work, "typo.yaml");
    writeFileSync(bad, readFileSync(TARGETS[1]!, "utf8").replace("clock_mhz:", "clok_mhz:"));
    const r = await run(["report", "-m", MODEL, "-t", TARGETS[0]!, "-t", bad, "-o", out], work);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("typo.yaml");
    expect(r.stdout).toBe("");
    expect(fingerprint(out)).toEqual(before);
    expect(readdirSync(work).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("never replaces a folder it did not write: exit 2 and the folder byte for byte; --force adds only its files", async () => {
    const out = join(work, "thesis");
    mkdirSync(out);
    writeFileSync(join(out, "thesis.tex"), "years of work");
    writeFileSync(join(out, "result.json"), "{}");
    const before = fingerprint(out);
    const r = await run(["report", "-m", MODEL, "-t", TARGETS[0]!, "-o", out], work);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `error: ${out} exists and was not written by accel-sizer; choose another -o or remove it (--force writes only accel-sizer's files into it and leaves the others)\n`,
    );
    expect(fingerprint(out)).toEqual(before);
    expect((await run(["report", "-m", MODEL, "-t", TARGETS[0]!, "-o", out, "--force", "--quiet"], work)).status).toBe(
      0,
    );
    expect(readFileSync(join(out, "thesis.tex"), "utf8")).toBe("years of work");
    expect(existsSync(join(out, "report.md"))).toBe(true);
  });

  it("file-system failures are input errors in one line: /proc, a too-long name; a long target name makes short chart names", async () => {
    const proc = await run(["report", "-m", MODEL, "-t", TARGETS[0]!, "-o", "/proc/accel-sizer-report"], work);
    expect(proc.status).toBe(2);
    expect(proc.stderr).toMatch(/^error: -o \/proc\/accel-sizer-report: [^\n]+\n$/);
    const tooLong = join(work, "r".repeat(300));
    const long = await run(["report", "-m", MODEL, "-t", TARGETS[0]!, "-o", tooLong], work);
    expect(long.stderr).toBe(`error: -o ${tooLong}: file name or path too long (ENAMETOOLONG)\n`);
    // A target named with 300 characters: its chart files still fit the 255-byte name limit.
    const target = join(work, "long-name.yaml");
    writeFileSync(
      target,
      readFileSync(TARGETS[0]!, "utf8").replace(/^name: .*$/m, `name: ${"very-long-target-".repeat(18)}`),
    );
    const out = join(work, "long");
    expect((await run(["report", "-m", MODEL, "-t", target, "-o", out, "--quiet"], work)).status).toBe(0);
    const charts = readdirSync(join(out, "charts"));
    expect(charts.some((name) => name.startsWith("roofline-very-long-target"))).toBe(true);
    for (const name of charts) expect(name.length).toBeLessThanOrEqual(64);
  });

  it("refuses an output path that is a file, and bad option combinations, before any work", async () => {
    const file = join(work, "a-file");
    writeFileSync(file, "not a folder\n");
    const r = await run(["report", "-m", MODEL, ...targetArgs, "-o", file], work);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a-file: exists and is not a folder/);
    expect(statSync(file).isFile()).toBe(true);
    expect((await run(["report", "-m", MODEL, "-o", join(work, "x")], work)).stderr).toMatch(/at least one target/);
    expect(
      (await run(["report", "-m", MODEL, "--all-targets", ...targetArgs, "-o", join(work, "x")], work)).status,
    ).toBe(2);
    expect((await run(["report", "-m", MODEL, "--all-targets", "-o", join(work, "x")], work)).stderr).toMatch(
      /no hardware\/ folder/,
    );
    expect(existsSync(join(work, "x"))).toBe(false);
  });
});
