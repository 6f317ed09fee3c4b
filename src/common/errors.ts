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

/** Raised when a design space has no point that meets the budget (exit 3). */
export class NoFeasibleDesignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoFeasibleDesignError";
  }
}
