import { InputError } from "../common/errors.js";
import { didYouMean } from "../common/suggest.js";
import { compileExpr, ExprError, type CompiledExpr, type Expr } from "./expr.js";

/** Where a parameter or field was declared, for error messages (`file:line:col: path`). */
export type Locator = (what: string) => string;

/**
 * Resolves a set of named parameters, each a number or an expression over the others and over an
 * enclosing scope, in dependency order. A cycle is an error that names it.
 */
export function resolveParams(
  declared: Readonly<Record<string, Expr>>,
  outer: ReadonlyMap<string, number>,
  locate: Locator,
): Map<string, number> {
  const compiled = new Map<string, CompiledExpr | number>();
  const problems: string[] = [];
  for (const [name, value] of Object.entries(declared)) {
    if (typeof value === "number") {
      compiled.set(name, value);
      continue;
    }
    try {
      compiled.set(name, compileExpr(value));
    } catch (error) {
      problems.push(`${locate(name)}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new InputError(problems);

  const scope = new Map(outer);
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(name)), name].join(" → ");
      throw new InputError(`${locate(name)}: parameters depend on each other in a cycle: ${cycle}`);
    }
    state.set(name, "visiting");
    const entry = compiled.get(name)!;
    if (typeof entry !== "number") {
      for (const symbol of entry.symbols) {
        if (compiled.has(symbol) && symbol !== name) visit(symbol, [...trail, name]);
        else if (symbol === name && !outer.has(name)) {
          throw new InputError(`${locate(name)}: parameter '${name}' refers to itself`);
        }
      }
    }
    scope.set(name, evaluateChecked(entry, scope, `parameter '${name}'`, locate(name)));
    state.set(name, "done");
  };
  for (const name of compiled.keys()) visit(name, []);
  return scope;
}

/** Evaluates a value to a finite number, or throws an InputError naming what and where. */
export function evaluateChecked(
  entry: CompiledExpr | number,
  scope: ReadonlyMap<string, number>,
  what: string,
  where: string,
): number {
  let value: number;
  try {
    value = typeof entry === "number" ? entry : entry.evaluate(scope);
  } catch (error) {
    if (error instanceof ExprError) throw new InputError(`${where}: ${what}: ${error.message}`);
    throw error;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InputError(`${where}: ${what} is not a finite number (got ${String(value)})`);
  }
  return value;
}

/** Evaluates a dimension: it must be a positive integer within the exact range. */
export function evaluateDimension(
  value: Expr,
  scope: ReadonlyMap<string, number>,
  what: string,
  where: string,
  options: { allowZero?: boolean } = {},
): number {
  let entry: CompiledExpr | number;
  try {
    entry = typeof value === "number" ? value : compileExpr(value);
  } catch (error) {
    throw new InputError(`${where}: ${what}: ${(error as Error).message}`);
  }
  const result = evaluateChecked(entry, scope, what, where);
  const min = options.allowZero ? 0 : 1;
  if (!Number.isSafeInteger(result) || result < min) {
    const expected = options.allowZero ? "a non-negative integer" : "a positive integer";
    const source = typeof value === "string" ? ` ('${value}')` : "";
    throw new InputError(`${where}: ${what} must be ${expected}, got ${result}${source}`);
  }
  return result;
}

/** Parses a `--set key=value` string into its key and a number or expression. */
export function parseAssignment(text: string): { key: string; value: Expr } {
  const eq = text.indexOf("=");
  if (eq <= 0 || eq === text.length - 1) {
    throw new InputError(`--set '${text}': expected key=value, e.g. --set cameras=3`);
  }
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  if (!/^[A-Za-z_$][\w.]*$/.test(key)) {
    throw new InputError(`--set '${text}': '${key}' is not a parameter path (e.g. cameras or action_expert.steps)`);
  }
  const asNumber = Number(raw);
  return { key, value: raw !== "" && Number.isFinite(asNumber) ? asNumber : raw };
}

export function unknownKeyMessage(key: string, known: Iterable<string>): string {
  return `--set ${key}: no such parameter${didYouMean(key, known)}`;
}
