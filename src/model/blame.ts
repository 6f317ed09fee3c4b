import { inContext, InputError } from "../common/errors.js";
import { compileExpr, type Expr } from "./expr.js";

/** Which `--set` (or other override) gave a parameter its value, if one did. */
export type OverriddenBy = (parameter: string) => string | undefined;

/**
 * Evaluates a dimension and, when it is refused and its expression uses an overridden parameter, blames the
 * override first: `--set vision_encoder.layers=0` is the user's mistake, not the `repeat: layers` line it feeds.
 */
export function blameOverrides<T>(value: Expr, overriddenBy: OverriddenBy, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    if (!(error instanceof InputError) || typeof value !== "string") throw error;
    let symbols: readonly string[];
    try {
      symbols = compileExpr(value).symbols;
    } catch {
      throw error;
    }
    const sources = [...new Set(symbols.map(overriddenBy).filter((s): s is string => s !== undefined))];
    if (sources.length === 0) throw error;
    throw inContext(sources.join(", "), error, { always: true });
  }
}
