/**
 * Where a CLI run reads its environment and writes its output. The bin passes the process's own streams;
 * tests pass string sinks and call `main` in-process, so no command may touch `process.stdout`,
 * `process.stderr`, `process.env` or `process.argv` itself.
 */
export interface Sink {
  write(chunk: string): unknown;
  /** A terminal is watching: progress bars are drawn only then. */
  readonly isTTY?: boolean;
  /** Terminal width, for help text. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: Sink;
  readonly stderr: Sink;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What every command is built with: where to print, and the arguments it was run with (for reports). */
export interface CliContext {
  readonly io: CliIo;
  /** The user's arguments, without `node` and the script. */
  readonly argv: readonly string[];
}

/** Prints a command's result on standard output, ending in exactly one newline. */
export function printResult(ctx: CliContext, text: string): void {
  ctx.io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}
