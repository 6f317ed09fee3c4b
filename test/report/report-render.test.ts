import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel } from "../../src/load/load.js";
import { summarizeMacs } from "../../src/graph/summary.js";
import { formatFixed, formatGrouped, formatPercent } from "../../src/report/views/format.js";
import { reportCharts, type ChartFiles } from "../../src/report/document/report-charts.js";
import { opsCsv, SUMMARY_HEADERS, summaryCsv } from "../../src/report/document/report-csv.js";
import { inlineHtml, reportHtml } from "../../src/report/document/report-html.js";
import { reportMarkdown } from "../../src/report/document/report-markdown.js";
import { buildReport, CHARTS } from "../../src/report/document/report-model.js";
import {
  checkChartPng,
  checkHtml,
  expectedResults,
  markdownLatencies,
  MODEL,
  parseCsv,
  ROOT,
  TARGETS,
} from "./report-helpers.js";

describe("report rendering", () => {
  const results = expectedResults();
  const report = buildReport(
    {
      modelFile: "models/smolvla.yaml",
      targetFiles: TARGETS,
      allTargets: false,
      sets: [],
      output: "out",
      toolVersion: "9.9.9",
      generatedAt: "2025-01-31T14:05:00.000Z",
    },
    summarizeMacs(buildGraph(loadModel(MODEL))),
    TARGETS.map((file, i) => ({ file, result: results[i]! })),
  );
  let charts: ChartFiles;
  beforeAll(async () => {
    charts = await reportCharts(report);
  });
  const markdown = reportMarkdown(report);

  it("renders every chart the documents refer to, as readable PNGs", async () => {
    expect([...charts.keys()].sort()).toEqual(
      [
        CHARTS.latency,
        CHARTS.latencyShare,
        CHARTS.macs,
        CHARTS.energy,
        CHARTS.area,
        ...report.targets.flatMap((t) => [
          CHARTS.boundMix(t.slug),
          CHARTS.opTime(t.slug),
          CHARTS.roofline(t.slug),
          CHARTS.utilisation(t.slug),
        ]),
      ].sort(),
    );
    const linked = [...markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(new Set(linked)).toEqual(new Set(charts.keys()));
    for (const [path, png] of charts)
      await checkChartPng(png, 1000, path === CHARTS.macs || path.includes("roofline") ? 600 : undefined);
  });

  it("report.md states its inputs and the command that regenerates it", () => {
    expect(markdown).toContain("# Latency report: SmolVLA (seed derivation)");
    expect(markdown).toContain("by accel-sizer 9.9.9 from `models/smolvla.yaml` on 2 targets");
    expect(markdown).toContain("2025-01-31 14:05 UTC");
    expect(markdown).toContain(`\`\`\`sh\n${report.command}\n\`\`\``);
  });

  it("report.md prints the simulation's numbers", () => {
    expect(markdownLatencies(markdown)).toEqual(
      new Map(results.map((r) => [r.target.name, formatFixed(r.latencyMs, 3)])),
    );
    for (const r of results) {
      // The comparison row: latency, inferences/s, utilisation, then the components' ms.
      const cells = [
        r.target.name,
        formatGrouped(r.latencyMs, 3),
        formatGrouped(r.inferencesPerSecond, 2),
        formatPercent(r.utilization),
      ];
      expect(markdown).toContain(`| ${cells.join(" | ")} |`);
      for (const c of r.components)
        expect(markdown).toMatch(new RegExp(`\\| ${c.name} \\|[^\\n]*\\| ${formatFixed(c.latencyMs, 3)} \\|`));
    }
    expect(markdown).toContain("**181,919,993,856 MACs per inference**");
  });

  it("summary.csv has one row per target with the simulation's numbers unrounded", () => {
    const rows = parseCsv(summaryCsv(report));
    expect(rows).toHaveLength(results.length);
    expect(Object.keys(rows[0]!)).toEqual([
      ...SUMMARY_HEADERS,
      "vision_encoder_ms",
      "vlm_backbone_ms",
      "action_expert_ms",
    ]);
    // Fastest first, as every table of the report.
    const order = results.map((_, i) => i).sort((a, b) => results[a]!.latencyMs - results[b]!.latencyMs);
    rows.forEach((row, k) => {
      const i = order[k]!;
      const r = results[i]!;
      expect(row.target).toBe(r.target.name);
      expect(row.file).toBe(TARGETS[i]);
      expect(Number(row.latency_ms)).toBe(r.latencyMs);
      expect(Number(row.inferences_per_second)).toBe(r.inferencesPerSecond);
      expect(Number(row.cycles)).toBe(r.cycles);
      expect(Number(row.mac_utilization)).toBe(r.utilization);
      expect(Number(row.bound_compute)).toBe(r.boundMix.compute);
      for (const c of r.components) expect(Number(row[`${c.name}_ms`])).toBe(c.latencyMs);
    });
  });

  it("ops.csv has one header and one row per op per target", () => {
    const csv = opsCsv(report);
    expect(csv.split("\n").filter((line) => line.startsWith("target,"))).toHaveLength(1);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(results.reduce((s, r) => s + r.ops.length, 0));
    expect(rows.filter((r) => r.target === "tpu-v1").map((r) => Number(r.latencyMs))).toEqual(
      results[1]!.ops.map((o) => o.latencyMs),
    );
  });

  it("index.html is self-contained, well-formed and embeds every chart", () => {
    const html = reportHtml(report, charts);
    checkHtml(html, tmpdir());
    const embedded = [...html.matchAll(/<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)].map((m) =>
      Buffer.from(m[1]!, "base64"),
    );
    expect(embedded).toHaveLength(charts.size);
    for (const png of charts.values()) expect(embedded.some((e) => e.equals(png))).toBe(true);
    for (const r of results)
      expect(html).toContain(`<strong>Latency per inference: ${formatFixed(r.latencyMs, 3)} ms</strong>`);
    expect(html).toContain("<tfoot>");
  });

  it("escapes text before applying the inline marks", () => {
    expect(inlineHtml('a <b> & `x<y` **bold** "q"')).toBe(
      "a &lt;b&gt; &amp; <code>x&lt;y</code> <strong>bold</strong> &quot;q&quot;",
    );
    expect(() => reportHtml(report, new Map())).toThrow(/was not rendered/);
  });
});

describe("a report over an array and a GPU", () => {
  const targets = ["xattn-unit", "a100"].map((name) => `${ROOT}/hardware/${name}.yaml`);
  const results = expectedResults(targets);
  const report = buildReport(
    {
      modelFile: "models/smolvla.yaml",
      targetFiles: targets,
      allTargets: false,
      sets: [],
      output: "out",
      toolVersion: "9.9.9",
      generatedAt: "2025-01-31T14:05:00.000Z",
    },
    summarizeMacs(buildGraph(loadModel(MODEL))),
    targets.map((file, i) => ({ file, result: results[i]! })),
  );
  const markdown = reportMarkdown(report);

  it("names each target's cost model and describes the GPU by its SMs, tiles and L2", () => {
    // The a100 is the faster, so its model comes first (targets are listed fastest first).
    expect(markdown).toContain("| Cost model | GPU kernel + systolic |");
    expect(markdown).toContain("108 SMs, 432 × 16×16 tensor cores fp16 @ 1410 MHz, 128×128×32 tiles, 40,960 KiB L2");
  });

  it("summary.csv names the model that costed each target: the GPU's kernels, the array's systolic model", () => {
    const [a100, xattn] = parseCsv(summaryCsv(report));
    expect([a100!.target, xattn!.target]).toEqual(["a100", "xattn-unit"]);
    expect([xattn!.cost_model, a100!.cost_model]).toEqual(["systolic", "gpu"]);
  });

  it("summary.csv gives the GPU's launch-bound share (the systolic target has none)", () => {
    const [a100, xattn] = parseCsv(summaryCsv(report));
    expect(xattn!.bound_launch).toBe("0");
    expect(Number(a100!.bound_launch)).toBe(results[1]!.boundMix.launch);
    expect(results[1]!.boundMix.launch).toBeGreaterThan(0.9);
  });

  it("ops.csv has one header: every cost model writes the same op fields in the same order", () => {
    expect(
      opsCsv(report)
        .split("\n")
        .filter((line) => line.startsWith("target,")),
    ).toHaveLength(1);
    expect(Object.keys(results[0]!.ops[0]!)).toEqual(Object.keys(results[1]!.ops[0]!));
  });
});
