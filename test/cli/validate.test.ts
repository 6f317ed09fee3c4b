import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateFile, validators } from "../../src/cli/commands/validate.js";
import { runCli } from "./run.js";

const dir = mkdtempSync(join(tmpdir(), "accel-sizer-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const shipped = [
  ...readdirSync("models")
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `models/${f}`),
  ...readdirSync("hardware")
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `hardware/${f}`),
];

/** A component whose text is good, to build bad models around. */
const goodComponent = (name: string, extra = "") => `
  - name: ${name}
    params: { hidden: 64, heads: 4 }
    layers:
      - repeat: 2
        blocks:
          - { type: attention, queries: 16, hidden: hidden, q_heads: heads, kv_heads: heads, head_dim: hidden / heads${extra} }`;

describe("accel-sizer validate", () => {
  it("says ok for every shipped model and hardware target, and exits 0", async () => {
    const run = await runCli(["validate", ...shipped]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(shipped.map((f) => `ok ${f}\n`).join(""));
    expect(run.code).toBe(0);
  });

  it("lists every schema problem of a file at once, each with its line and key path", () => {
    const path = file(
      "schema.yaml",
      `name: two problems
descripton: misspelt
components:${goodComponent("a", ", gatd: true")}
          - { type: mlp, tokens: 16, hidden: 64 }
`,
    );
    // zod reports in the order it walks the schema, not the file's: compare as a set.
    expect(validateFile(path).sort()).toEqual([
      `${path}:10:13: components[0].layers[0].blocks[1].ffn: missing required key (expected a number or a string)`,
      `${path}:2:1: (top level): unknown key 'descripton' (did you mean 'description'?); expected one of: $schema, name, description, params, chunk_actions, batch, components`,
      expect.stringMatching(
        new RegExp(
          `^${path}:9:\\d+: components\\[0\\]\\.layers\\[0\\]\\.blocks\\[0\\]: unknown key 'gatd'; expected one of: type, name`,
        ),
      ),
    ]);
  });

  it("resolves every component on its own, so a bad one does not hide the next", async () => {
    const path = file(
      "values.yaml",
      `name: three components
params: { tokens: 16 }
components:${goodComponent("first")}${goodComponent("second").replace("kv_heads: heads", "kv_heads: 3")}${goodComponent("third").replace("hidden: 64", "hidden: 64 / 0")}
`,
    );
    const run = await runCli(["validate", path]);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")).toEqual([
      `${path}:15:87: components[1].layers[0].blocks[0].kv_heads: kv_heads (3) must divide q_heads (4)`,
      `${path}:17:23: components[2].params.hidden: parameter 'hidden' is not a finite number (a division by zero or an overflow)`,
      "error: 1 of 1 file has problems",
      "",
    ]);
    expect(run.code).toBe(2);
  });

  it("checks the whole model after its components: duplicate names", () => {
    const path = file("duplicate.yaml", `name: twins\ncomponents:${goodComponent("twin")}${goodComponent("twin")}\n`);
    expect(validateFile(path)).toEqual([`${path}:9:11: components[1].name: duplicate component 'twin'`]);
  });

  it("reads the kind from the content: a misspelt marker key still picks its kind, with a suggestion", () => {
    const model = file("misspelt-model.yaml", `name: x\ncomponets:${goodComponent("a")}\n`);
    expect(validateFile(model)).toEqual([
      `${model}:1:1: components: missing required key (expected a list)`,
      expect.stringContaining(`${model}:2:1: (top level): unknown key 'componets' (did you mean 'components'?)`),
    ]);
    const target = readFileSync("hardware/tpu-v1.yaml", "utf8").replace("mac_array:", "mac_aray:");
    const targetPath = file("misspelt-target.yaml", target);
    expect(validateFile(targetPath).join("\n")).toContain("unknown key 'mac_aray' (did you mean 'mac_array'?)");
  });

  it("checks hardware targets with their own schema", () => {
    const text = readFileSync("hardware/tpu-v1.yaml", "utf8").replace(/^(\s+)rows: \d+/m, "$1rows: 0");
    const path = file("target.yaml", text);
    const problems = validateFile(path);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${path}:\\d+:\\d+: mac_array\\.rows: `));
  });

  it("names the kinds it knows when a file is neither", () => {
    const path = file("neither.yaml", "name: what is this\nsize: 3\n");
    expect(validateFile(path)).toEqual([
      `${path}:1:1: (top level): not a file accel-sizer knows: expected top-level 'components' (a model) or 'mac_array' (a hardware target) or 'units' (a system)`,
    ]);
  });

  it("reports unreadable files among good ones, and counts them", async () => {
    const run = await runCli(["validate", "models/smolvla.yaml", join(dir, "nope.yaml"), dir]);
    expect(run.stdout).toBe("ok models/smolvla.yaml\n");
    expect(run.stderr).toContain(`${join(dir, "nope.yaml")}: no such file`);
    expect(run.stderr).toContain(`${dir}: is a directory, expected a file`);
    expect(run.stderr).toContain("error: 2 of 3 files have problems");
    expect(run.code).toBe(2);
  });

  it("keeps a registry with one validator per kind, each marked by a distinct top-level key", () => {
    expect(validators.map((v) => [v.kind, v.marker])).toEqual([
      ["model", "components"],
      ["hardware target", "mac_array"],
      ["system", "units"],
    ]);
  });
});

describe("validate --format json", () => {
  it("gives each file's problems structured: code, source (file:line:col), key path and message", async () => {
    const bad = "test/fixtures/bad/hardware/unknown-key.yaml";
    const run = await runCli(["validate", "--format", "json", "hardware/xattn-unit.yaml", bad]);
    expect(run.code).toBe(2);
    const { files } = JSON.parse(run.stdout) as {
      files: { file: string; ok: boolean; problems: Record<string, unknown>[] }[];
    };
    expect(files.map((f) => [f.file, f.ok])).toEqual([
      ["hardware/xattn-unit.yaml", true],
      [bad, false],
    ]);
    // The misspelt key is line 6, column 3 of the fixture (`  colls: 16` under mac_array), and so cols is missing
    // from mac_array, which the message places at its first key (line 5, `  rows: 16`).
    expect(files[1]!.problems).toEqual([
      {
        code: "schema",
        source: `${bad}:5:3`,
        path: "mac_array.cols",
        message: "missing required key (expected a number)",
      },
      {
        code: "schema",
        source: `${bad}:6:3`,
        path: "mac_array",
        message:
          "unknown key 'colls' (did you mean 'cols'?); expected one of: rows, cols, dataflow, weight_buffering, count, precisions",
      },
    ]);
  });

  it("gives every problem of the bad fixtures a source: a file position, or the file", async () => {
    const files = ["models", "hardware"].flatMap((kind) =>
      readdirSync(`test/fixtures/bad/${kind}`).map((f) => `test/fixtures/bad/${kind}/${f}`),
    );
    const run = await runCli(["validate", "-f", "json", ...files]);
    const problems = (JSON.parse(run.stdout) as { files: { problems: { source?: string }[] }[] }).files.flatMap(
      (f) => f.problems,
    );
    expect(problems.length).toBeGreaterThan(20);
    expect(problems.filter((p) => p.source === undefined)).toEqual([]);
  });

  it("names the file as the source of a problem that has no place in it", async () => {
    const missing = join(dir, "missing.yaml");
    const run = await runCli(["validate", "-f", "json", missing]);
    const problem = (JSON.parse(run.stdout) as { files: { problems: { context?: string[]; code: string }[] }[] })
      .files[0]!.problems[0]!;
    expect(problem.code).toBe("input");
    expect(formatted(problem)).toMatch(new RegExp(`^${missing}: `));
  });
});

/** A JSON problem as the text output writes it: context, source, path and message joined by ": ". */
function formatted(p: { context?: string[]; source?: string; path?: string; message?: string }): string {
  return [...(p.context ?? []), p.source, p.path, p.message].filter((x) => x !== undefined).join(": ");
}
