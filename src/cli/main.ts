import { Command, CommanderError, type OutputConfiguration } from "commander";
import { createRequire } from "node:module";
import { InputError, NoFeasibleDesignError } from "../common/errors.js";
import { errnoCode, fsReason } from "../common/fs-errors.js";
import { withoutNonFinite } from "../common/show.js";
import type { CliContext, CliIo } from "./context.js";
import { collectModels, collectTargets } from "./load.js";
import { checkRepeats, collect } from "./options.js";

/** The option parsers that collect repeated values; any other option given twice is an error. */
const REPEATABLE: ReadonlySet<unknown> = new Set([collect, collectModels, collectTargets]);

const version = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

export const EXIT = { ok: 0, internal: 1, input: 2, infeasible: 3 } as const;

type CommandFactory = (ctx: CliContext) => Command;

/**
 * The commands, in help order, each loaded only when run: a command's module imports what it needs (the
 * chart code and its native canvas add-on only where charts are drawn), so `simulate` never loads `report`.
 */
const COMMANDS: Readonly<Record<string, () => Promise<CommandFactory>>> = {
  macs: async () => (await import("./commands/macs.js")).macsCommand,
  graph: async () => (await import("./commands/graph.js")).graphCommand,
  simulate: async () => (await import("./commands/simulate.js")).simulateCommand,
  compare: async () => (await import("./commands/compare.js")).compareCommand,
  report: async () => (await import("./commands/report.js")).reportCommand,
  explore: async () => (await import("./commands/explore.js")).exploreCommand,
  sweep: async () => (await import("./commands/sweep.js")).sweepCommand,
  size: async () => (await import("./commands/size.js")).sizeCommand,
  validate: async () => (await import("./commands/validate.js")).validateCommand,
};

/** A usage error held back until its hint is known (the target schema loads asynchronously). */
interface HeldUsage {
  text?: string;
}

function outputTo(io: CliIo, held: HeldUsage = {}): OutputConfiguration {
  return {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    getOutHelpWidth: () => (io.stdout.isTTY === true && io.stdout.columns ? io.stdout.columns : 80),
    getErrHelpWidth: () => (io.stderr.isTTY === true && io.stderr.columns ? io.stderr.columns : 80),
    getOutHasColors: () => false,
    getErrHasColors: () => false,
    // Commander's usage errors on one line, as every other error: its suggestion and the pointer to --help joined.
    outputError: (text, write) => {
      const line = text.trim().split("\n").join(" ");
      // `--rows 32`: a field given as an option; main names the --set that sets it.
      if (/^error: unknown option '--[\w.-]+'$/.test(line)) held.text = line;
      else write(`${line} (run with --help for usage)\n`);
    },
  };
}

/**
 * Only the command being run is loaded; help, --version and a mistyped name need every command's name and
 * description, so they load them all. No top-level option takes a value: the first word is the command.
 */
async function buildProgram(ctx: CliContext, held: HeldUsage = {}): Promise<Command> {
  const output = outputTo(ctx.io, held);
  const program = new Command("accel-sizer")
    .description(
      "Size an accelerator for a vision-language-action policy such as SmolVLA: MACs, latency, energy, area and power on systolic arrays, GPUs and FPGAs, systems of units on links with the robot's control loop, sweeps, sizing, reports and an offline explorer page.",
    )
    .version(version)
    .option("--debug", "print stack traces of internal errors")
    .configureOutput(output)
    .exitOverride();
  const name = ctx.argv.find((arg) => !arg.startsWith("-"));
  const names = name !== undefined && Object.hasOwn(COMMANDS, name) ? [name] : Object.keys(COMMANDS);
  for (const factory of await Promise.all(names.map((n) => COMMANDS[n]!()))) {
    program.addCommand(factory(ctx).configureOutput(output).exitOverride());
  }
  return program;
}

/**
 * `--set rows=32` reaches the model (a target field's path has its section), which has no `rows`: name the
 * target field that ends so. Loaded only on this error path, as the target schema is not needed otherwise.
 */
async function withTargetFieldHint(problem: string, argv: readonly string[]): Promise<string> {
  const match = /^--set ([\w$.]+): no such parameter$/.exec(problem);
  if (match === null) return problem;
  const { targetKeys } = await import("../hardware/target.js");
  const key = match[1]!;
  // With a system, a unit's field is set under its unit (`units.xattn.mac_array.rows`).
  if (targetKeys().includes(key)) {
    const system = argv.some((a) => a === "-S" || a === "--system" || a.startsWith("--system="));
    return system
      ? `${problem}: with --system, a unit's field is set as units.<unit>.${key}`
      : `${problem}: ${key} is a target field, and this command takes no target`;
  }
  const fields = targetKeys().filter((k) => k.endsWith(`.${key}`));
  return fields.length === 0
    ? problem
    : `${problem} (did you mean the target field ${fields.map((f) => `'${f}'`).join(" or ")}?)`;
}

/** `--rows 32` names a target field or model parameter as an option: say which --set sets it. */
async function withOptionHint(line: string): Promise<string> {
  const name = /'--([\w.-]+)'/.exec(line)![1]!;
  const { targetKeys } = await import("../hardware/target.js");
  const fields = targetKeys().filter((k) => k === name || k.endsWith(`.${name}`));
  return fields.length === 0
    ? line
    : `${line}; a target field is set with ${fields.map((f) => `--set ${f}=<value>`).join(" or ")}`;
}

/**
 * Runs the CLI on `argv` (the user's arguments, without `node` and the script) and returns the exit code.
 * The one place that maps error classes to exit codes and messages.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes("--debug");
  const held: HeldUsage = {};
  try {
    const program = await buildProgram({ io, argv }, held);
    const name = argv.find((arg) => !arg.startsWith("-"));
    const command = program.commands.find((c) => c.name() === name);
    if (command !== undefined) checkRepeats(command, argv.slice(argv.indexOf(name!) + 1), REPEATABLE);
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (held.text !== undefined) io.stderr.write(`${await withOptionHint(held.text)} (run with --help for usage)\n`);
      return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    if (error instanceof InputError) {
      const problems = await Promise.all(error.problems.map((p) => withTargetFieldHint(p, argv)));
      io.stderr.write(`error: ${withoutNonFinite(problems.join("\n"))}\n`);
      return EXIT.input;
    }
    if (error instanceof NoFeasibleDesignError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT.infeasible;
    }
    // A file-system failure outside the places that word it themselves is still the user's (exit 2).
    if (errnoCode(error) !== undefined) {
      const path = (error as NodeJS.ErrnoException).path;
      io.stderr.write(`error: ${path === undefined ? "" : `${path}: `}${fsReason(error)}\n`);
      return EXIT.input;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`internal error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    else io.stderr.write("(this is a bug in accel-sizer; rerun with --debug for details)\n");
    return EXIT.internal;
  }
}
