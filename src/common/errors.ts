/**
 * One problem with an input, structured; formatted at the edge (formatProblem) as
 * `context: source: path: message`, and as itself in `validate --format json`.
 */
export interface Problem {
  /**
   * What kind: `schema` a value the file format refuses (type, range, unknown key), `input` any other problem
   * with the inputs (a value the model refuses, a limit of bounded work, an unreadable file).
   */
  readonly code: "schema" | "input";
  /** Where: `file:line:col` or a flag (`--set mac_array.rows`); absent when the message says it or none is known. */
  readonly source?: string;
  /** The key path at the source (`mac_array.rows`), when there is one. */
  readonly path?: string;
  readonly message: string;
  /** What it was found in, outermost first (`at mac_array.rows=8`, a unit): set by withContext. */
  readonly context?: readonly string[];
}

export function formatProblem(p: Problem): string {
  return [...(p.context ?? []), p.source, p.path, p.message].filter((part) => part !== undefined).join(": ");
}

/** A problem given as text, which may name its own place at its start. */
function asProblem(problem: string | Problem): Problem {
  return typeof problem === "string" ? { code: "input", message: problem } : problem;
}

/**
 * Error classes the CLI maps to exit codes: an InputError is the user's to fix (exit 2),
 * anything else is ours (exit 1).
 */
export class InputError extends Error {
  /** Every problem found. */
  readonly details: readonly Problem[];
  /** Every problem, one line each (formatProblem); `message` joins them. */
  readonly problems: readonly string[];
  constructor(problems: string | Problem | readonly (string | Problem)[]) {
    const details = (Array.isArray(problems) ? problems : [problems]).map(asProblem);
    const lines = details.map(formatProblem);
    super(lines.join("\n"));
    this.name = "InputError";
    this.details = details;
    this.problems = lines;
  }
}

/**
 * Runs `run`, naming `context` (the inputs it worked on) for the problems of an InputError it raises. By
 * default only for problems that do not already say where they come from: an engine limit (a sum past 2^53)
 * knows no file, the caller does. `{ always: true }` names it for every problem: a sweep point, a system's
 * unit, an op's place in the model.
 */
export function withContext<T>(context: string, run: () => T, options: ContextOptions = {}): T {
  try {
    return run();
  } catch (error) {
    throw inContext(context, error, options);
  }
}

/** The error with `context` named for its problems, as withContext says; any other error unchanged. */
export function inContext(context: string, error: unknown, options: ContextOptions = {}): unknown {
  if (!(error instanceof InputError)) return error;
  const named = (p: Problem) =>
    options.always === true ? !(options.exceptFlags === true && formatProblem(p).startsWith("--")) : !located(p);
  return new InputError(error.details.map((p) => (named(p) ? { ...p, context: [context, ...(p.context ?? [])] } : p)));
}

export interface ContextOptions {
  /** Name the context for every problem, located or not. */
  readonly always?: boolean;
  /** With `always`: not for a problem about a flag, which names its own place (`--set units.xattn.…`). */
  readonly exceptFlags?: boolean;
}

/** Whether a problem already names its source: given one, or text that starts with a file position or a flag. */
function located(p: Problem): boolean {
  return p.source !== undefined || LOCATED.test(formatProblem(p));
}

/** A problem that already names its source: a file position, or a flag. */
const LOCATED = /^(\S+\.(ya?ml|cfg|csv):\d|--|override )/;

/** Problems listed from one file at most; a file with thousands of errors is better fixed from the top. */
export const MAX_PROBLEMS = 50;

/** Describes the first MAX_PROBLEMS items (describing can cost a lookup each) and counts the rest. */
export function listProblems<T, P extends string | Problem>(
  items: readonly T[],
  describe: (item: T) => P,
): (P | string)[] {
  const listed: (P | string)[] = items.slice(0, MAX_PROBLEMS).map(describe);
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
