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
