import { Option, type Command } from "commander";
import { InputError } from "../common/errors.js";
import type { CostModel, SimulateOptions } from "../simulate/types.js";

/** Options several commands share, declared once. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addSetOption(command: Command, what = "a model parameter"): Command {
  return command.option("-s, --set <key=value>", `override ${what} (repeatable), e.g. --set cameras=3`, collect);
}

export function addFormatOption(command: Command, formats: readonly string[], fallback: string): Command {
  return command.addOption(new Option("-f, --format <format>", "output format").choices(formats).default(fallback));
}

export function addQuietOption(command: Command): Command {
  return command.option("-q, --quiet", "no progress output");
}

export interface CostModelCliOptions {
  costModel: CostModel;
  idealMemory?: boolean;
}

export function addCostModelOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "-c, --cost-model <model>",
        "the target's cycle model (systolic array, or GPU kernels for kind: gpu) or roofline-only",
      )
        .choices(["systolic", "roofline"])
        .default("systolic"),
    )
    .option(
      "--ideal-memory",
      "no memory limits: SCALE-Sim's stall-free compute cycles on arrays; on GPU targets, kernel overhead and tensor-core waves only",
    );
}

export function simulateOptionsOf(options: CostModelCliOptions): SimulateOptions {
  if (options.costModel === "roofline" && options.idealMemory === true) {
    throw new InputError(
      "--ideal-memory applies to the target's cycle model (systolic or GPU); the roofline's memory roof is the DRAM bandwidth",
    );
  }
  return { costModel: options.costModel, idealMemory: options.idealMemory === true };
}

/**
 * Commander keeps the last of a repeated single-value option; a repeated `-m` or `-o` is a mistake, so it is
 * refused. Options parsed by one of `repeatable`'s functions (the collectors) may repeat.
 */
export function checkRepeats(command: Command, args: readonly string[], repeatable: ReadonlySet<unknown>): void {
  const seen = new Map<string, number>();
  const single = command.options.filter(
    (o) => (o.required || o.optional) && !o.variadic && !repeatable.has(o.parseArg),
  );
  for (let i = 0; i < args.length && args[i] !== "--"; i++) {
    const flag = args[i]!.split("=")[0]!;
    const option = single.find((o) => o.long === flag || o.short === flag);
    if (option === undefined) continue;
    const name = option.short ?? option.long!;
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (seen.get(name) === 2)
      throw new InputError(`${name} is given twice; ${command.name()} takes one ${option.flags.replace(/^.*</, "<")}`);
  }
}
