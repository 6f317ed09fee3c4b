import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliRun } from "./run.js";

/**
 * Hostile and broken model files, one defect each: the CLI must answer every one with exit code 2, a message
 * that says where (file:line:col, key path) and what, and no stack trace.
 */
const BAD = "test/fixtures/bad/models";

/** File in BAD → parts its error message must contain. */
const corpus: Record<string, readonly string[]> = {
  "yaml-syntax-error.yaml": [":18:1: YAML syntax error", "Flow map"],
  "tab-indentation.yaml": [":9:1: YAML syntax error: Tabs are not allowed as indentation"],
  "duplicate-key.yaml": [":10:7: duplicate key 'hidden' (first set on line 9)"],
  "multiple-documents.yaml": [":18:1: YAML syntax error: a second YAML document"],
  "unknown-top-level-key.yaml": [":3:1: (top level): unknown key 'descripton' (did you mean 'description'?)"],
  "unknown-block-key.yaml": [":17:68: components[0].layers[0].blocks[1]: unknown key 'gatd' (did you mean 'gated'?)"],
  "unknown-block-type.yaml": [":17:21: components[0].layers[0].blocks[1].type:", "'attention' | 'mlp'"],
  "wrong-type.yaml": [':17:75: components[0].layers[0].blocks[1].gated: expected true or false, got "yes"'],
  "wrong-type-list.yaml": [":13:13: components[0].layers: expected a list, got 12"],
  "top-level-list.yaml": [":2:1: (top level): expected a mapping"],
  "missing-required-key.yaml": [":17:13: components[0].layers[0].blocks[1].ffn: missing required key"],
  "negative-dimension.yaml": [
    ":16:57: components[0].layers[0].blocks[0].hidden: value must be a positive integer, got -64",
  ],
  "non-integer-dimension.yaml": ["blocks[0].hidden: value must be a positive integer, got 137.142857"],
  "zero-dimension.yaml": ["blocks[0].queries: value must be a positive integer, got 0 ('tokens')"],
  "kv-heads-not-dividing.yaml": [
    ":16:93: components[0].layers[0].blocks[0].kv_heads: kv_heads (3) must divide q_heads (4)",
  ],
  "parameter-cycle.yaml": [
    ":10:12: components[0].params.ffn: parameters depend on each other in a cycle: ffn → width → ffn",
  ],
  "parameter-self-reference.yaml": ["components[0].params.ffn: parameter 'ffn' refers to itself"],
  "unknown-parameter.yaml": [
    ":17:63: components[0].layers[0].blocks[1].ffn:",
    "unknown parameter 'hiden' (did you mean 'hidden'?)",
  ],
  "division-by-zero.yaml": [
    ":10:12: components[0].params.ffn: parameter 'ffn' is not a finite number (a division by zero or an overflow)",
  ],
  "nan.yaml": [
    ":10:12: components[0].params.ffn: parameter 'ffn' is not a finite number (an undefined result, e.g. 0/0 or the square root of a negative number)",
  ],
  "huge-value.yaml": [":9:15: components[0].params.hidden:", "beyond the exact integer range (2^53)"],
  "huge-literal.yaml": [":4:11: params.tokens:", "beyond the exact integer range (2^53)"],
  "infinite-literal.yaml": [
    ":4:11: params.tokens: expected a number or a string, got a value that is not a finite number (.inf, .nan or a literal too large)",
  ],
  // The graph builder finds this one, and names the block's line as well as the layer.
  "overflowing-product.yaml": [
    ":16:13: components[0].layers[0].blocks[0] (lm layer 0, block attn): integer product 4 × 1099511627776 × 16 × 1099511627776 exceeds the exact integer range (2^53)",
  ],
  "kv-source-typo.yaml": [
    ":13:128: components[1].layers[0].blocks[0].kv_source: no component 'encoderr' (did you mean 'encoder'?)",
  ],
  "kv-input-component.yaml": [
    ":13:113: components[1].layers[0].blocks[0].kv_input: 'encoder' is a component; kv_input is the width",
  ],
  "huge-repeat.yaml": [":14:17: components[0].layers[0].repeat: the model expands to more than 50,000 blocks"],
  "expression-injection.yaml": ["components[0].params.ffn: cannot parse expression"],
  "expression-import.yaml": ["components[0].params.ffn: function 'import' is not allowed"],
  "expression-assignment.yaml": ["components[0].params.ffn: assignment is not allowed"],
  "duplicate-component.yaml": [":8:11: components[1].name: duplicate component 'lm'"],
  "per-step-without-steps.yaml": ["components[0].steps: a per_step component needs 'steps'"],
  "kernel-larger-than-input.yaml": ["blocks[2].kernel: kernel 16 is larger than the 8×8 (padded) input"],
  "wrong-arity.yaml": [":6:15: components[0].params.hidden: sqrt() takes 1 argument, given 2"],
  "deep-nesting.yaml": [":3:76: nesting deeper than 64 levels"],
  "alias-bomb.yaml": ["alias-bomb.yaml: YAML could not be expanded", "resource exhaustion"],
  "empty.yaml": ["empty.yaml: the file is empty"],
  "comment-only.yaml": ["comment-only.yaml: the file is empty (expected a YAML mapping)"],
};

/** Inputs made by the test rather than committed: binary bytes, a directory, a missing path, a huge file. */
const made = mkdtempSync(join(tmpdir(), "accel-sizer-bad-"));
const generated: Record<string, { path: string; parts: readonly string[] }> = {
  binary: { path: join(made, "binary.yaml"), parts: ["binary.yaml: looks like a binary file"] },
  directory: { path: join(made, "a-directory.yaml"), parts: ["a-directory.yaml: is a directory"] },
  missing: { path: join(made, "missing.yaml"), parts: ["missing.yaml: no such file"] },
  "not UTF-8": {
    path: join(made, "latin1.yaml"),
    parts: ["latin1.yaml:2: not UTF-8 text: byte 0xe9 at byte offset 17 starts no valid UTF-8 character"],
  },
  "too many entries": {
    path: join(made, "many.yaml"),
    parts: ["many.yaml:2:", "more than 100,000 list items and keys in one file"],
  },
  "over 4 MiB": {
    path: join(made, "huge.yaml"),
    parts: ["huge.yaml: file is", "MiB, larger than the 4 MiB an input may be"],
  },
};

beforeAll(() => {
  writeFileSync(
    generated.binary!.path,
    Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0x00, 0xff, 0xfe, 0x00, 0x0a]),
  );
  mkdirSync(generated.directory!.path);
  // "name: caf\xe9": Latin-1, as an editor on another system might save it.
  writeFileSync(
    generated["not UTF-8"]!.path,
    Buffer.concat([Buffer.from("# model\nname: caf"), Buffer.from([0xe9]), Buffer.from("\ncomponents: []\n")]),
  );
  // 900,000 empty components took 22 s and 2.7 GB before being refused; the token pass stops at the limit.
  writeFileSync(generated["too many entries"]!.path, `name: many\ncomponents: [${"{},".repeat(900_000)}{}]\n`);
  writeFileSync(
    generated["over 4 MiB"]!.path,
    `name: huge\n${"# padding padding padding padding padding padding\n".repeat(86_000)}`,
  );
});

afterAll(() => rmSync(made, { recursive: true, force: true }));

function expectInputError(result: CliRun, parts: readonly string[]): void {
  expect(result.stderr).toMatch(/^error: /);
  for (const part of parts) expect(result.stderr).toContain(part);
  expect(result.stderr).not.toContain("    at ");
  expect(result.stderr).not.toContain("internal error");
  // Not even when quoting the input: "not a finite number" says it.
  expect(result.stderr).not.toMatch(/NaN|Infinity|∞/);
  expect(result.code).toBe(2);
}

const fixtureCases = Object.entries(corpus).map(([file, parts]) => ({ name: file, path: `${BAD}/${file}`, parts }));
const generatedCases = Object.entries(generated).map(([name, { path, parts }]) => ({ name, path, parts }));

describe("accel-sizer macs -m <broken file>", () => {
  it("has an expectation for every file of the corpus, and a file for every expectation", () => {
    expect(readdirSync(BAD).sort()).toEqual(Object.keys(corpus).sort());
  });

  it.each([...fixtureCases, ...generatedCases])(
    "$name: exit 2 with a located message, no stack trace",
    async ({ path, parts }) => {
      const result = await runCli(["macs", "-m", path]);
      expectInputError(result, parts);
      expect(result.stderr).toContain(path);
      expect(result.stdout).toBe("");
    },
  );

  it("validate reports every file of the corpus with the same message, and exits 2", async () => {
    const cases = [...fixtureCases, ...generatedCases];
    const result = await runCli(["validate", "models/smolvla.yaml", ...cases.map((c) => c.path)]);
    expect(result.stdout).toBe("ok models/smolvla.yaml\n");
    const lines = result.stderr.split("\n");
    for (const { path, parts } of cases) {
      const own = lines.filter((l) => l.startsWith(`${path}:`)).join("\n");
      for (const part of parts) expect(own, path).toContain(part);
    }
    expect(result.stderr).toContain(`error: ${cases.length} of ${cases.length + 1} files have problems`);
    expect(result.stderr).not.toContain("    at ");
    expect(result.code).toBe(2);
  });
});

describe("accel-sizer macs --set <broken value>", () => {
  const sets: Record<string, readonly string[]> = {
    "cameras=1/0": ["params.cameras: parameter 'cameras' is not a finite number (a division by zero or an overflow)"],
    "cameras=Infinity": ["only finite numbers are allowed as constants, found a value that is not a finite number"],
    "cameras=-1e999": ["only finite numbers are allowed as constants, found a value that is not a finite number"],
    "cameras=0/0": ["not a finite number (an undefined result, e.g. 0/0"],
    "cameras=2^60": ["parameter 'cameras' is 1152921504606847000, beyond the exact integer range (2^53)"],
    'cameras=import("fs")': ["function 'import' is not allowed"],
    "cameras=cos.constructor": ["property or index access is not allowed"],
    "cameras=f(x)=x": ["a function definition is not allowed"],
    "cameras=[1,2]": ["a matrix or array is not allowed"],
    // Blamed on the --set first, then the line its value feeds.
    "cameras=-1": [
      "error: --set cameras: models/smolvla.yaml:",
      "components[0].instances: value must be a positive integer, got -1",
    ],
    "vision_encoder.layers=0": [
      "error: --set vision_encoder.layers: models/smolvla.yaml:31:17: components[0].layers[0].repeat: value must be a positive integer, got 0",
    ],
    "action_expert.q_heads=5": ["error: --set action_expert.q_heads: ", "kv_heads (4) must divide q_heads (5)"],
    "cameras=1.5": ["value must be a positive integer, got 1.5"],
    "tokens=camras * 64": ["params.tokens: parameter 'tokens': unknown parameter 'camras' (did you mean 'cameras'?)"],
    "cameras=": ["expected key=value"],
    "=3": ["expected key=value"],
    "constructor=1": ["--set constructor: no such parameter"],
    "__proto__=1": ["--set __proto__: no such parameter"],
    "vision_encoder.toString=1": ["--set vision_encoder.toString: no such parameter"],
    "camers=2": ["--set camers: no such parameter (did you mean 'cameras'?)"],
    "vlm_backbone.kv_heads=5": ["error: --set vlm_backbone.kv_heads: ", "kv_heads (5) must divide q_heads (12)"],
    "vision_encoder.layers=1e9": ["the model expands to more than 50,000 blocks"],
  };
  it.each(Object.entries(sets))("--set %s: exit 2 with a message, no stack trace", async (set, parts) => {
    expectInputError(await runCli(["macs", "-m", "models/smolvla.yaml", "--set", set]), parts);
  });
});
