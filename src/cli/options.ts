import { Option, type Command } from "commander";

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
