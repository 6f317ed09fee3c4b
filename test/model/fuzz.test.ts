import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { buildGraph } from "../../src/graph/build.js";
import { summarizeMacs, type MacsSummary } from "../../src/graph/summary.js";
import type { Graph } from "../../src/graph/types.js";
import { parseAssignment } from "../../src/cli/load.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { overridableKeys } from "../../src/model/overrides.js";
import { type Override } from "../../src/common/override.js";
import { runCli } from "../cli/run.js";
import { junk, mutate, mutation } from "../fuzz-mutations.js";

/**
 * Broken variants of the shipped models, and random `--set` strings: the pipeline either gives exact,
 * finite, non-negative MACs or refuses with an InputError; never another error, never NaN or Infinity.
 */
const models = readdirSync("models")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => ({ path: `models/${f}`, text: readFileSync(`models/${f}`, "utf8") }));

/** FUZZ_RUNS=20000 npx vitest run test/model/fuzz.test.ts searches longer; CI keeps it under ten seconds. */
const runs = (fallback: number) => Number(process.env.FUZZ_RUNS ?? fallback);

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Every number the pipeline produced is an exact, non-negative integer (one expect per graph: it is in the hot loop). */
function expectExact(graph: Graph, summary: MacsSummary): void {
  const bad: string[] = [];
  for (const op of graph.ops) {
    const counts =
      op.kind === "matmul"
        ? [op.count, op.m, op.k, op.n, op.batch, op.macs]
        : [op.count, op.elements, op.opsPerElement];
    for (const n of counts) if (!isCount(n)) bad.push(`${op.component}/${op.name}: ${n}`);
  }
  for (const c of summary.components) {
    for (const n of [c.macs, c.staticMacs, c.dynamicMacs, c.perStepMacs, c.steps, c.instances, c.layers, c.params]) {
      if (!isCount(n)) bad.push(`${c.name}: ${n}`);
    }
  }
  for (const n of [summary.totalMacs, summary.totalParams]) if (!isCount(n)) bad.push(`total: ${n}`);
  expect(bad).toEqual([]);
}

/** Every value of JSON output that is not a name is an exact count (JSON writes NaN and Infinity as null). */
function expectCounts(value: unknown, path = "$"): void {
  if (typeof value === "string") return;
  if (Array.isArray(value)) return value.forEach((v, i) => expectCounts(v, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) {
    for (const [key, v] of Object.entries(value)) expectCounts(v, `${path}.${key}`);
    return;
  }
  expect(typeof value === "number" && isCount(value), `${path}: ${String(value)}`).toBe(true);
}

/** Runs the pure pipeline; success must be exact, failure must be an InputError with a message. */
function pipeline(text: string, sets: readonly string[] = []): "ok" | "refused" {
  try {
    const spec = parseModelSpec(text, "fuzz.yaml");
    const overrides: Override[] = sets.map(parseAssignment);
    const graph = buildGraph(resolveModel(spec, overrides));
    expectExact(graph, summarizeMacs(graph));
    return "ok";
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) expect(problem.trim()).not.toBe("");
    return "refused";
  }
}

describe("fuzzing the model pipeline", () => {
  it("mutated model files give exact MACs or an InputError", () => {
    const outcomes = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (model, mutations) => {
          outcomes[pipeline(mutations.reduce(mutate, model.text))]++;
        },
      ),
      { numRuns: runs(300) },
    );
    // Both outcomes occur, so the fuzzing reaches past the parser.
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it("random --set strings give exact MACs or an InputError", () => {
    const spec = parseModelSpec(models.find((m) => m.path === "models/smolvla.yaml")!.text, "models/smolvla.yaml");
    const keys = overridableKeys(spec);
    const set = fc.oneof(
      fc.tuple(fc.constantFrom(...keys), junk).map(([key, value]) => `${key}=${value}`),
      fc.tuple(fc.constantFrom(...keys), fc.integer({ min: -5, max: 300 })).map(([key, value]) => `${key}=${value}`),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(set, { minLength: 1, maxLength: 3 }), (sets) => {
        pipeline(models.find((m) => m.path === "models/smolvla.yaml")!.text, sets);
      }),
      { numRuns: runs(250) },
    );
  });
});

describe("fuzzing the CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "accel-sizer-fuzz-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 with exact counts or 2 with a message on mutated model files, never a stack trace", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 2 }), async (mutations) => {
        const path = join(dir, `mutant-${n++}.yaml`);
        writeFileSync(path, mutations.reduce(mutate, models.find((m) => m.path === "models/smolvla.yaml")!.text));
        const run = await runCli(["macs", "-m", path, "--format", "json"]);
        expect([0, 2]).toContain(run.code);
        expect(run.stderr).not.toContain("    at ");
        if (run.code === 0) expectCounts(JSON.parse(run.stdout));
        else expect(run.stderr).toMatch(/^error: \S/);
      }),
      { numRuns: 6 },
    );
  });
});
