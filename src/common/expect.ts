/**
 * A value the code's own invariants guarantee (a name the schema checked, an index the plan built): when it is
 * missing anyway, the error names what was looked up, not "Cannot read properties of undefined". Such an error
 * is ours (exit 1, "internal error"), never the user's.
 */
export function expectDefined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing (an invariant of accel-sizer failed)`);
  return value;
}
