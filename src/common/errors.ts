/**
 * Error classes the CLI maps to exit codes: an InputError is the user's to fix (exit 2),
 * anything else is ours (exit 1).
 */
export class InputError extends Error {
  /** Every problem found, one line each; `message` joins them. */
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("\n"));
    this.name = "InputError";
    this.problems = list;
  }
}

/**
 * Runs `run`, naming `context` (the inputs it worked on) before each problem of an InputError it raises that
 * does not already say where it comes from: an engine limit (a sum past 2^53) knows no file, the caller does.
 */
export function withContext<T>(context: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw inContext(context, error);
  }
}

/** The error with `context` before each of its problems that names no source (withContext); others unchanged. */
export function inContext(context: string, error: unknown): unknown {
  if (!(error instanceof InputError)) return error;
  return new InputError(error.problems.map((p) => (LOCATED.test(p) ? p : `${context}: ${p}`)));
}

/** A problem that already names its source: a file position, or a flag. */
const LOCATED = /^(\S+\.(ya?ml|cfg|csv):\d|--|override )/;

/** Problems listed from one file at most; a file with thousands of errors is better fixed from the top. */
export const MAX_PROBLEMS = 50;

/** Describes the first MAX_PROBLEMS items (describing can cost a lookup each) and counts the rest. */
export function listProblems<T>(items: readonly T[], describe: (item: T) => string): string[] {
  const listed = items.slice(0, MAX_PROBLEMS).map(describe);
  if (items.length > MAX_PROBLEMS) listed.push(`… and ${items.length - MAX_PROBLEMS} more problems`);
  return listed;
}

/** Raised when a design space has no point that meets the budget (exit 3). */
export class NoFeasibleDesignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoFeasibleDesignError";
  }
}
