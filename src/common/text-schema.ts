import { z } from "zod";

/**
 * Control and format characters (escape sequences, right-to-left overrides, zero-width marks): a name or
 * description carrying them would reach the terminal and the report raw, recolouring or reordering what the
 * user reads.
 */
const HIDDEN = /[\p{Cc}\p{Cf}]/u;
/** A description may span lines (a YAML block scalar) and hold tabs. */
const HIDDEN_BUT_WHITESPACE = /(?![\t\n\r])[\p{Cc}\p{Cf}]/u;

/** Text a file names or describes itself with, shown in every output: printable characters only. */
export function displayText(what: "name" | "description") {
  const text = what === "name" ? z.string().min(1, "expected a name") : z.string();
  const hidden = what === "name" ? HIDDEN : HIDDEN_BUT_WHITESPACE;
  return text.refine((s) => !hidden.test(s), {
    message: `expected printable text: the ${what} has a control or formatting character (an escape, a direction override)`,
  });
}
