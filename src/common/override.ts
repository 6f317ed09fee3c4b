/**
 * A value set from outside a file (`--set cameras=3`, `--vary mac_array.rows=…`, a unit's `set:`): a number, or
 * text (an expression over a model's parameters, a target's enum value). One shape for models, targets and
 * systems alike.
 */
export interface Override {
  readonly key: string;
  readonly value: number | string;
  /**
   * Where it was given, for error messages, like a file's `file:line:col`: the CLI passes `--set cameras`.
   * Without it, messages say `override cameras`.
   */
  readonly source?: string;
}

export function overrideSource(override: Override): string {
  return override.source ?? `override ${override.key}`;
}
