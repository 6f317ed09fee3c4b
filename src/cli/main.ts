#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { createRequire } from "node:module";
import { InputError, NoFeasibleDesignError } from "../common/errors.js";
import { compareCommand } from "./commands/compare.js";
import { graphCommand } from "./commands/graph.js";
import { macsCommand } from "./commands/macs.js";
import { reportCommand } from "./commands/report.js";
import { simulateCommand } from "./commands/simulate.js";
import { sizeCommand } from "./commands/size.js";
import { sweepCommand } from "./commands/sweep.js";
import { validateCommand } from "./commands/validate.js";

const version = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

export const EXIT = { ok: 0, internal: 1, input: 2, infeasible: 3 } as const;

function buildProgram(): Command {
  const program = new Command("accel-sizer")
    .description("Size a systolic-array accelerator for a vision-language-action policy: MACs, latency, utilisation.")
    .version(version)
    .option("--debug", "print stack traces of internal errors")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const command of [macsCommand(), graphCommand(), simulateCommand(), compareCommand(), reportCommand(), sweepCommand(), sizeCommand(), validateCommand()]) {
    program.addCommand(command.exitOverride().showHelpAfterError("(run with --help for usage)"));
  }
  return program;
}

/** The one place that maps error classes to exit codes and messages. */
async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    await buildProgram().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    if (error instanceof InputError) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT.input;
    }
    if (error instanceof NoFeasibleDesignError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.infeasible;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`internal error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write("(this is a bug in accel-sizer; rerun with --debug for details)\n");
    return EXIT.internal;
  }
}

// `accel-sizer graph … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT.ok);
  throw error;
});

process.exitCode = await main(process.argv);
