import { afterEach, describe, expect, it, vi } from "vitest";
import { InputError, MAX_PROBLEMS } from "../../src/common/errors.js";
import { parseYamlSource } from "../../src/common/yaml-source.js";
import { buildGraph } from "../../src/graph/build.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";

/** Inputs that are valid or nearly so, but built to exhaust the stack, the CPU or the memory. */
const component = (repeat: string | number, dimension = "8") =>
  `components: [{ name: c, layers: [{ repeat: ${repeat}, blocks: [{ type: vector, name: v, elements: ${dimension} }] }] }]\n`;

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  return [];
}

/** A model whose global parameters form a chain p0 ← p1 ← … ← pN, declared last first. */
function chain(n: number): string {
  const lines = ["name: chain", "params:"];
  for (let i = n; i > 0; i--) lines.push(`  p${i}: p${i - 1} + 1`);
  lines.push("  p0: 1");
  return `${lines.join("\n")}\n${component(1, `p${n} - ${n}`)}`;
}

describe("hostile but well-formed input", () => {
  afterEach(() => vi.restoreAllMocks());

  // No clock is read (a time limit fails on a loaded machine): a quadratic regression shows as a test of
  // tens of seconds in the slow-test list, and a hang meets the suite's timeout (vitest.config.ts).
  it("resolves a chain of 50,000 parameters without overflowing the stack", () => {
    // Was: RangeError (an internal error, exit 1) from 5,000 on, and 90 s at 100,000 (quadratic).
    const result = resolveModel(parseModelSpec(chain(50_000), "chain.yaml"));
    expect(result.params.get("p50000")).toBe(50_001);
  });

  it("still names a cycle at the end of a long chain", () => {
    const text = chain(20_000).replace("  p0: 1", "  p0: p20000");
    expect(problemsOf(() => resolveModel(parseModelSpec(text, "cycle.yaml")))).toEqual([
      "cycle.yaml:3:11: params.p20000: parameters depend on each other in a cycle: p20000 → p19999 → p19998 → p19997 → p19996 → … 19992 more … → p3 → p2 → p1 → p0 → p20000",
    ]);
  });

  it("checks a mapping of 50,000 keys for duplicates", () => {
    // The yaml library's own uniqueKeys check compares all pairs: 1.6 s at 20,000 keys, 96 s at 100,000.
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`);
    expect(problemsOf(() => parseYamlSource([...keys, "k17: again"].join("\n"), "keys.yaml"))).toEqual([
      "keys.yaml:50001:1: duplicate key 'k17' (first set on line 18)",
    ]);
  });

  it("refuses a repeat count that would list more layers than memory holds, at once", () => {
    // Listing them first would exhaust memory long before any message.
    const result = problemsOf(() => resolveModel(parseModelSpec(`name: big\n${component("10^12")}`, "big.yaml")));
    expect(result).toEqual([
      expect.stringContaining(
        "big.yaml:2:44: components[0].layers[0].repeat: the model expands to more than 50,000 blocks",
      ),
    ]);
  });

  it("counts aliased layer groups and every component against the same limit", () => {
    const group = "&g { repeat: 20000, blocks: [{ type: vector, name: v, elements: 8 }] }";
    const aliased = `name: aliased\ncomponents: [{ name: c, layers: [${group}, *g, *g] }]\n`;
    expect(problemsOf(() => resolveModel(parseModelSpec(aliased, "aliased.yaml")))).toEqual([
      expect.stringContaining("components[0].layers[2].repeat: the model expands to more than 50,000 blocks"),
    ]);
    const components = Array.from(
      { length: 3 },
      (_, i) => `{ name: c${i}, layers: [{ repeat: 20000, blocks: [{ type: vector, name: v, elements: 8 }] }] }`,
    );
    const many = `name: many\ncomponents: [${components.join(", ")}]\n`;
    expect(problemsOf(() => buildGraph(resolveModel(parseModelSpec(many, "many.yaml"))))).toEqual([
      expect.stringContaining("components[2].layers[0].repeat: the model expands to more than 50,000 blocks"),
    ]);
  });

  it("refuses aliases that stay under the alias count but expand to millions of values", () => {
    // 99 aliases of a 2,000-group list: 1.2 million values; 999 aliases of 60,000 groups (4 MiB) ran out of memory.
    const group = "{ repeat: 1, blocks: [{ type: vector, name: v, elements: 1 }] }";
    const lines = [`name: x`, `components:`, `  - { name: c0, layers: &g [${Array(2_000).fill(group).join(", ")}] }`];
    for (let i = 1; i < 100; i++) lines.push(`  - { name: c${i}, layers: *g }`);
    expect(problemsOf(() => parseModelSpec(lines.join("\n"), "amplified.yaml"))).toEqual([
      "amplified.yaml: it holds more than 1,000,000 values (counting every expansion of an alias)",
    ]);
  });

  it(`lists at most ${MAX_PROBLEMS} problems of a file, and counts the rest`, () => {
    const params = Array.from({ length: 5_000 }, (_, i) => `  p${i}: [${i}]`).join("\n");
    const problems = problemsOf(() => parseModelSpec(`name: noisy\nparams:\n${params}\n${component(1)}`, "noisy.yaml"));
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[0]).toBe("noisy.yaml:3:7: params.p0: expected a number or a string, got a list");
    expect(problems[MAX_PROBLEMS]).toBe(`… and ${5_000 - MAX_PROBLEMS} more problems`);
  });

  it("lists the first problem of every component, not only of the first", () => {
    const bad = (name: string, dimension: string) =>
      `{ name: ${name}, layers: [{ repeat: 1, blocks: [{ type: vector, name: v, elements: ${dimension} }] }] }`;
    const text = `name: several\ncomponents: [${bad("a", "0")}, ${bad("b", "8")}, ${bad("c", "1 / 0")}]\n`;
    expect(problemsOf(() => resolveModel(parseModelSpec(text, "several.yaml")))).toEqual([
      expect.stringContaining("components[0].layers[0].blocks[0].elements: value must be a positive integer, got 0"),
      expect.stringContaining(
        "components[2].layers[0].blocks[0].elements: value is not a finite number (a division by zero or an overflow)",
      ),
    ]);
  });

  it("prints no warning of the yaml library to stderr (a list used as a key)", () => {
    const warn = vi.spyOn(process, "emitWarning");
    const problems = problemsOf(() => parseModelSpec("? [a, b]\n: 1\n", "key.yaml"));
    expect(problems).toContain(
      "key.yaml:1:1: (top level): unknown key '[ a, b ]'; expected one of: $schema, name, description, params, chunk_actions, batch, components",
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it("tells a wrong type from a missing key (zod 4 reports neither input without reportInput)", () => {
    const problems = problemsOf(() => parseModelSpec("name: [x]\ncomponents: !!binary aGVsbG8=\n", "types.yaml"));
    expect(problems).toEqual([
      "types.yaml:1:7: name: expected a string, got a list",
      "types.yaml:2:22: components: expected a list, got binary data",
    ]);
  });
});
