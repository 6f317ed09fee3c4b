import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document, type Node } from "yaml";
import { InputError } from "./errors.js";

export type KeyPath = readonly (string | number)[];

/** A parsed YAML file that can still point at the line and column of any key path in it. */
export interface YamlSource {
  readonly fileName: string;
  readonly data: unknown;
  /** `file:line:col` of the value at `path` (or of the nearest enclosing node that exists). */
  locate(path: KeyPath, options?: { key?: boolean }): string;
}

/** Alias expansions allowed before a document counts as a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 1000;

export function formatPath(path: KeyPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(top level)" : out;
}

/** Parses YAML text into plain data, turning every syntax problem into a located InputError. */
export function parseYamlSource(text: string, fileName: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => `${at(e.pos[0])}: YAML syntax error: ${firstLine(e.message)}`),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${fileName}: YAML could not be expanded: ${firstLine(reason)}`);
  }
  if (data === null || data === undefined) {
    throw new InputError(`${fileName}: the file is empty (expected a YAML mapping)`);
  }
  return {
    fileName,
    data,
    locate: (path, options) => at(offsetOf(doc, path, options?.key ?? false)),
  };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}

function offsetOf(doc: Document, path: KeyPath, wantKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
      if (pair === undefined) break;
      offset = (wantKey && part === path[path.length - 1] ? rangeStart(pair.key) : rangeStart(pair.value)) ?? rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isNode(node) && "items" in node && Array.isArray(node.items) && typeof part === "number") {
      const item: unknown = node.items[part];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? (node as Node).range?.[0] : undefined;
}
