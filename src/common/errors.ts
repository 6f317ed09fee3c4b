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
  /** Where: `file:line:col` or a flag (`--set mac_array.rows`); absent when none is known. */
  readonly source?: string;
  /** For an overridden value, where the file declares the value the override replaced (`file:line:col`). */
  readonly over?: string;
  /** The key path at the source (`mac_array.rows`), when there is one. */
  readonly path?: string;
  readonly message: string;
  /** What it was found in, outermost first (`at mac_array.rows=8`, a unit): set by withContext. */
  readonly context?: readonly string[];
}

export function formatProblem(p: Problem): string {
  const source = p.source === undefined || p.over === undefined ? p.source : `${p.source} (over ${p.over})`;
  return [...(p.context ?? []), source, p.path, p.message].filter((part) => part !== undefined).join(": ");
}

/**
 * A problem given as text: its place, when the text starts with one (`file:line:col: …`, or an override's
 * `--set key (over file:line:col): …`), becomes its source, so that every problem reads the same to a program.
 */
function asProblem(problem: string | Problem): Problem {
  if (typeof problem !== "string") return problem;
  const placed = LEADING_PLACE.exec(problem);
  if (placed === null) return { code: "input", message: problem };
  const [, source, over, message] = placed;
  return { code: "input", source: source!, ...(over !== undefined && { over }), message: message! };
}

/** A place as text (`file:line:col`, or `--set key (over file:line:col)`) as a problem's source and `over`. */
export function atPlace(place: string): Pick<Problem, "source" | "over"> {
  const over = / \(over (\S+:\d+:\d+)\)$/.exec(place);
  return over === null ? { source: place } : { source: place.slice(0, over.index), over: over[1]! };
}

/** `file.yaml:12:3: …`, `--set key: …`, `--set key (over file.yaml:6:1): …` at the start of a problem's text. */
const LEADING_PLACE =
  /^((?:\S+\.(?:ya?ml|cfg|csv)(?::\d+:\d+)?)|(?:--[a-z-]+ [^\s:()]+))(?: \(over (\S+:\d+:\d+)\))?: ([\s\S]+)$/;

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
  // A context that is a place in a file (an op's block) is the source of a problem that has none.
  const place = FILE_PLACE.exec(context);
  return new InputError(
    error.details.map((p) => {
      if (!named(p)) return p;
      if (place !== null && p.source === undefined && p.context === undefined && p.path === undefined)
        return { ...p, source: place[1]!, path: place[2]! };
      return { ...p, context: [context, ...(p.context ?? [])] };
    }),
  );
}

/** `file.yaml:16:13: components[0].layers[0] (lm layer 0, block attn)`: a place, then what is there. */
const FILE_PLACE = /^(\S+\.(?:ya?ml|cfg|csv):\d+:\d+): ([\s\S]+)$/;

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
