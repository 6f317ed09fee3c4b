import { expectDefined } from "../common/expect.js";
import { InputError } from "../common/errors.js";
import { NOT_FINITE, showNumber } from "../common/show.js";
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
  // Depth-first in dependency order, with an explicit stack: a chain of thousands of parameters must not
  // overflow the call stack (nor copy the trail at every step).
  for (const root of compiled.keys()) {
    if (state.has(root)) continue;
    state.set(root, "visiting");
    const stack = [{ name: root, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const entry = expectDefined(compiled.get(frame.name), `parameter ${frame.name}`);
      const symbols = typeof entry === "number" ? [] : entry.symbols;
      if (frame.next < symbols.length) {
        const symbol = symbols[frame.next++]!;
        if (symbol === frame.name) {
          // `hidden: hidden * 2` in a component reads the global `hidden` it shadows.
          if (!outer.has(symbol)) throw new InputError(`${locate(symbol)}: parameter '${symbol}' refers to itself`);
        } else if (state.get(symbol) === "visiting") {
          const trail = stack.map((f) => f.name);
          const names = [...trail.slice(trail.indexOf(symbol)), symbol];
          // A cycle through thousands of parameters is named by its ends, not printed whole.
          const shown =
            names.length <= 12 ? names : [...names.slice(0, 5), `… ${names.length - 10} more …`, ...names.slice(-5)];
          const cycle = shown.join(" → ");
          throw new InputError(`${locate(symbol)}: parameters depend on each other in a cycle: ${cycle}`);
        } else if (compiled.has(symbol) && !state.has(symbol)) {
          state.set(symbol, "visiting");
          stack.push({ name: symbol, next: 0 });
        } else if (!compiled.has(symbol) && !outer.has(symbol)) {
          // Suggest from every parameter, not only from those resolved so far.
          const known = [...compiled.keys(), ...outer.keys()].filter((k) => k !== frame.name);
          throw new InputError(
            `${locate(frame.name)}: parameter '${frame.name}': unknown parameter '${symbol}'${didYouMean(symbol, known)}`,
          );
        }
        continue;
      }
      const name = frame.name;
      scope.set(
        name,
        evaluateChecked(entry, scope, `parameter '${name}'`, () => locate(name)),
      );
      state.set(frame.name, "done");
      stack.pop();
    }
  }
  return scope;
}

/**
 * Where a value is, for its error message; a function is only called when there is an error, since finding
 * a line in a large file costs time that thousands of good values should not pay.
 */
export type Where = string | (() => string);

const place = (where: Where): string => (typeof where === "string" ? where : where());

/** Evaluates a value to a finite number, or throws an InputError naming what and where. */
export function evaluateChecked(
  entry: CompiledExpr | number,
  scope: ReadonlyMap<string, number>,
  what: string,
  where: Where,
): number {
  let value: number;
  try {
    value = typeof entry === "number" ? entry : entry.evaluate(scope);
  } catch (error) {
    if (error instanceof ExprError) throw new InputError(`${place(where)}: ${what}: ${error.message}`);
    throw error;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    const hint = Number.isNaN(value)
      ? " (an undefined result, e.g. 0/0 or the square root of a negative number)"
      : " (a division by zero or an overflow)";
    throw new InputError(`${place(where)}: ${what} is ${NOT_FINITE}${typeof value === "number" ? hint : ""}`);
  }
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    // Every double this large is an integer, and not an exact one: 2^53 + 1 already reads as 2^53.
    throw new InputError(`${place(where)}: ${what} is ${value}, beyond the exact integer range (2^53)`);
  }
  return value;
}

/** Evaluates a dimension: it must be a positive integer within the exact range. */
export function evaluateDimension(
  value: Expr,
  scope: ReadonlyMap<string, number>,
  what: string,
  where: Where,
  options: { allowZero?: boolean } = {},
): number {
  let entry: CompiledExpr | number;
  try {
    entry = typeof value === "number" ? value : compileExpr(value);
  } catch (error) {
    throw new InputError(`${place(where)}: ${what}: ${(error as Error).message}`);
  }
  const result = evaluateChecked(entry, scope, what, where);
  const min = options.allowZero ? 0 : 1;
  if (!Number.isSafeInteger(result) || result < min) {
    const expected = options.allowZero ? "a non-negative integer" : "a positive integer";
    const source = typeof value === "string" ? ` ('${value}')` : "";
    throw new InputError(`${place(where)}: ${what} must be ${expected}, got ${showNumber(result)}${source}`);
  }
  return result;
}

/** An override of a key no model parameter has; `source` says where it was given (`--set steps`). */
export function unknownKeyMessage(source: string, key: string, known: Iterable<string>): string {
  const keys = [...known];
  // `steps=5` most likely means a component's parameter of that name: suggest its full path.
  const scoped = keys.filter((k) => k.endsWith(`.${key}`));
  if (scoped.length > 0)
    return `${source}: no such parameter (did you mean ${scoped.map((k) => `'${k}'`).join(" or ")}?)`;
  return `${source}: no such parameter${didYouMean(key, keys)}`;
}
