import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { loadModel, loadTarget } from "../../src/load/load.js";
import { loadSystem } from "../../src/load/system.js";
import { simulateSystem } from "../../src/system/simulate-system.js";
import { simulate } from "../../src/simulate/simulate.js";

/**
 * docs/library.md's example, run from another project that installed `npm pack`'s tarball:
 * proves `exports`, the shipped files and the declarations, not just the source.
 */
const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "accel-sizer-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: readonly string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

/** The examples exactly as docs/library.md shows them: the target's first, the system's second. */
function readmeExamples(): [string, string] {
  const section = readFileSync(join(root, "docs/library.md"), "utf8");
  const matches = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  if (matches.length < 2) throw new Error("docs/library.md: expected two ts examples");
  return [matches[0]!, matches[1]!];
}

/**
 * A copy of what `npm pack` reads (package.json, its `files`, the sources it builds from), with this
 * checkout's node_modules: packing here would replace dist/ under tests that run the CLI from it.
 */
function packageCopy(): string {
  const copy = join(work, "package");
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files: string[] };
  for (const path of [
    "package.json",
    "tsconfig.json",
    "src",
    "scripts",
    ...manifest.files.filter((f) => !f.startsWith("dist") && !f.startsWith("!")),
  ]) {
    cpSync(join(root, path), join(copy, path), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

describe("the packed package", () => {
  it("runs and type-checks the README example, and runs the CLI, from a project that installed the tarball", () => {
    const [example, systemExample] = readmeExamples();
    const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", work], packageCopy())) as {
      filename: string;
    }[];
    const tarball = join(work, packed[0]!.filename);

    const project = join(work, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
    npm(["install", tarball, "--prefer-offline", "--ignore-scripts", "--no-package-lock"], project);

    writeFileSync(
      join(project, "example.mjs"),
      `${example}console.log(JSON.stringify({ latencyMs: result.latencyMs, components: result.components.length, ops: result.ops.length }));\n`,
    );
    // The example's paths are relative to the working folder: run it where the package's models/ and hardware/ are.
    const installed = join(project, "node_modules", "accel-sizer");
    const out = JSON.parse(
      execFileSync(process.execPath, [join(project, "example.mjs")], { cwd: installed, encoding: "utf8" }),
    ) as {
      latencyMs: number;
      components: number;
      ops: number;
    };
    const inProcess = simulate(
      buildGraph(loadModel("models/smolvla.yaml", { cameras: 3 })),
      loadTarget("hardware/xattn-unit.yaml"),
    );
    expect(Number.isFinite(out.latencyMs) && out.latencyMs > 0).toBe(true);
    expect(out.latencyMs).toBe(inProcess.latencyMs);
    expect(out).toMatchObject({ components: inProcess.components.length, ops: inProcess.ops.length });

    // The system example: simulateSystem and loadSystem are exported, and agree with the in-process run.
    writeFileSync(
      join(project, "system.mjs"),
      `${systemExample}console.log(JSON.stringify({ latencyMs: run.latencyMs, periodMs: run.periodMs, holds: run.control.holds }));\n`,
    );
    const system = JSON.parse(
      execFileSync(process.execPath, [join(project, "system.mjs")], { cwd: installed, encoding: "utf8" }),
    ) as { latencyMs: number; periodMs: number; holds: boolean };
    const systemInProcess = simulateSystem(
      buildGraph(loadModel("models/smolvla.yaml")),
      loadSystem("hardware/systems/orin-plus-xattn.yaml", [{ key: "units.xattn.mac_array.rows", value: 32 }]),
      undefined,
      { hz: 50, chunk: 50, horizon: 25, mode: "async" },
    );
    expect(system).toEqual({
      latencyMs: systemInProcess.latencyMs,
      periodMs: systemInProcess.periodMs,
      holds: systemInProcess.control!.holds,
    });

    // The CLI ships too, as the bin it declares.
    const version = execFileSync(join(project, "node_modules", ".bin", "accel-sizer"), ["--version"], {
      encoding: "utf8",
    });
    expect(version.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
    // With the explorer's bundled script, which the build makes and the package ships.
    const explorer = execFileSync(
      join(project, "node_modules", ".bin", "accel-sizer"),
      [
        "explore",
        "-m",
        "models/smolvla.yaml",
        "-t",
        "hardware/xattn-unit.yaml",
        "--set",
        "cameras=3",
        "-o",
        join(project, "explorer.html"),
      ],
      { cwd: installed, encoding: "utf8" },
    );
    expect(explorer).toBe(
      `Explorer written to ${join(project, "explorer.html")} (opens at ${inProcess.latencyMs.toFixed(3)} ms per inference)\n`,
    );

    // Against the installed .d.ts: the example compiles, and the result is typed (not `any`).
    writeFileSync(
      join(project, "system.ts"),
      `${systemExample}const period: number = run.periodMs;\nexport { period };\n`,
    );
    writeFileSync(
      join(project, "example.ts"),
      `${example}const ms: number = result.latencyMs;\n// @ts-expect-error latencyMs is a number\nconst wrong: string = result.latencyMs;\nexport { ms, wrong };\n`,
    );
    const tsconfig = {
      compilerOptions: {
        module: "nodenext",
        target: "es2022",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ["example.ts", "system.ts"],
    };
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify(tsconfig));
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], {
      encoding: "utf8",
    });
  });
});
