/**
 * Every `npx accel-sizer …` command the README and docs/ show, and every example of every command's --help, runs as
 * printed from the repository root, in-process: exit 0, or the code the README shows (`error:` lines: 2;
 * `$ echo $?`: that number). Outputs under reports/ go to a temporary folder instead; pipes into head/cut
 * and redirections are dropped (they only trim what is printed).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../report/report-helpers.js";
import { runCli } from "./run.js";

interface Example {
  readonly line: string;
  /** The exit code the README shows for it. */
  readonly code: number;
  /** The first `error:` line it shows, when it shows one. */
  readonly error?: string;
}

/** `$ npx accel-sizer …` lines (with `\` continuations) of the README's code blocks, and what they show. */
export function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const blocks = [...markdown.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].map((m) => m[1]!.replace(/\\\n\s*/g, ""));
  for (const block of blocks) {
    const lines = block.split("\n");
    lines.forEach((text, i) => {
      const line = text.replace(/^\$ /, "");
      if (!line.startsWith("npx accel-sizer ") || line.includes("…")) return;
      const shown = lines.slice(i + 1, nextCommand(lines, i + 1));
      const echo =
        lines[nextCommand(lines, i + 1)] === "$ echo $?" ? Number(lines[nextCommand(lines, i + 1) + 1]) : undefined;
      const error = shown.find((l) => l.startsWith("error:"));
      examples.push({ line, code: echo ?? (error !== undefined ? 2 : 0), ...(error !== undefined && { error }) });
    });
  }
  return examples;
}

function nextCommand(lines: readonly string[], from: number): number {
  const i = lines.findIndex((l, k) => k >= from && /^\$ |^npx /.test(l));
  return i < 0 ? lines.length : i;
}

/**
 * A shell line as arguments: the words after `npx accel-sizer`, up to a pipe, redirection or comment, with
 * `dir/*.ext` globs expanded as the shell would and `-o reports/…` sent under `out`.
 */
export function argumentsOf(line: string, out: string): string[] {
  const words = line.replace(/^npx accel-sizer /, "").split(/\s+/);
  const end = words.findIndex((w) => w === "|" || w === ">" || w.startsWith("#"));
  const args = (end < 0 ? words : words.slice(0, end)).filter((w) => w !== "");
  return args.flatMap((w, i) => {
    if (args[i - 1] === "-o" && w.startsWith("reports/")) return [join(out, w)];
    const glob = /^(.*)\/\*(\.\w+)$/.exec(w);
    if (glob === null) return [w];
    return readdirSync(join(ROOT, glob[1]!))
      .filter((f) => f.endsWith(glob[2]!) && f !== "schema.json")
      .sort()
      .map((f) => `${glob[1]}/${f}`);
  });
}

const COMMANDS = ["macs", "graph", "simulate", "compare", "report", "explore", "sweep", "size", "validate"];

describe("the README's and --help's examples run as printed", () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "readme-"));
    mkdirSync(join(out, "reports"));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  // The README and the reference pages it links to (docs/): every command shown anywhere.
  const pages = [
    "README.md",
    ...readdirSync(join(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
  const readme = pages.flatMap((page) => readmeExamples(readFileSync(join(ROOT, page), "utf8")));

  it("finds the README's examples", () => {
    expect(readme.length).toBeGreaterThanOrEqual(15);
    expect(readme.filter((e) => e.code === 2).length).toBeGreaterThanOrEqual(3);
  });

  it.each(readme.map((e) => [e.line, e] as const))("%s", async (_, example) => {
    const run = await runCli(argumentsOf(example.line, out), { cwd: ROOT });
    expect(run.code, run.stderr).toBe(example.code);
    if (example.error !== undefined) expect(run.stderr.split("\n")).toContain(example.error);
  });

  it.each(COMMANDS)("every example of `%s --help`", async (command) => {
    const help = (await runCli([command, "--help"])).stdout;
    const examples = help
      .replace(/\\\n\s*/g, "")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.startsWith("npx accel-sizer "));
    expect(examples.length, help).toBeGreaterThan(0);
    for (const line of examples) {
      const run = await runCli(argumentsOf(line, out), { cwd: ROOT });
      expect(run.code, `${line}\n${run.stderr}`).toBe(0);
    }
  });
});
