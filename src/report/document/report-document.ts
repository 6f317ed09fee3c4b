/**
 * A report as a list of format-neutral blocks (headings, paragraphs, tables, images), so that report.md and
 * index.html say the same thing with the same numbers. Text may use two inline marks: `**bold**` and `` `code` ``.
 */
import type { Align } from "../views/format.js";

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Rows that stay last (totals); HTML puts them in <tfoot> so sorting leaves them alone. */
  readonly footer?: readonly (readonly string[])[];
  readonly align?: readonly Align[];
}

export type Block =
  | { readonly kind: "heading"; readonly level: 1 | 2 | 3; readonly text: string; readonly id?: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] }
  | { readonly kind: "code"; readonly text: string; readonly language?: string }
  | { readonly kind: "table"; readonly table: Table }
  /** `path` is relative to the report folder, e.g. `charts/latency.png`. */
  | { readonly kind: "image"; readonly path: string; readonly alt: string };

export const heading = (level: 1 | 2 | 3, text: string, id?: string): Block => ({
  kind: "heading",
  level,
  text,
  ...(id !== undefined && { id }),
});
export const paragraph = (text: string): Block => ({ kind: "paragraph", text });
export const list = (items: readonly string[]): Block => ({ kind: "list", items });
export const code = (text: string, language?: string): Block => ({
  kind: "code",
  text,
  ...(language !== undefined && { language }),
});
export const table = (t: Table): Block => ({ kind: "table", table: t });
export const image = (path: string, alt: string): Block => ({ kind: "image", path, alt });
