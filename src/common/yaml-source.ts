import {
  LineCounter,
  parseDocument,
  isMap,
  isNode,
  isScalar,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from "yaml";
import { InputError, listProblems } from "./errors.js";
import { checkYamlShape } from "./yaml-shape.js";

export type KeyPath = readonly (string | number)[];

/** A parsed YAML file that can still point at the line and column of any key path in it. */
export interface YamlSource {
  readonly fileName: string;
  readonly data: unknown;
  /** `file:line:col` of the value at `path` (or of the nearest enclosing node that exists). */
  locate(path: KeyPath, options?: { key?: boolean }): string;
  /** How messages name a key path; a source that is not YAML (a SCALE-Sim .cfg) names the keys its user wrote. */
  describePath?(path: KeyPath): string;
}

/** Alias expansions allowed before a document counts as a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 1000;

/**
 * Values (mappings, lists, scalars) a document may hold once its aliases are expanded. The alias count
 * alone lets 999 aliases of a 10,000-item list through: ten million values for the schema to copy, which
 * takes seconds and, from a 4 MiB file, all the memory. Real files hold a few thousand.
 */
const MAX_VALUES = 1_000_000;

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
  // logLevel "error": the yaml library would otherwise print its warnings (e.g. a list used as a key) straight
  // to stderr through process.emitWarning; whatever they are about, the schema reports it with a location.
  // uniqueKeys false: the library's own check compares every key with every other (a 2 MB mapping took
  // 90 s); duplicateKeys below does it in linear time.
  checkYamlShape(text, (offset) => {
    const { line, col } = lineCounterOf(text).linePos(offset);
    return `${fileName}:${line}:${col}`;
  });
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: "error" });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  const problems = listProblems(doc.errors, (e) => `${at(e.pos[0])}: YAML syntax error: ${syntaxMessage(e)}`);
  if (problems.length === 0) problems.push(...duplicateKeys(doc, at, (offset) => lineCounter.linePos(offset).line));
  if (problems.length > 0) throw new InputError(problems);
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
  if (expandsBeyond(data, MAX_VALUES)) {
    throw new InputError(
      `${fileName}: it holds more than ${MAX_VALUES.toLocaleString("en-US")} values (counting every expansion of an alias)`,
    );
  }
  return {
    fileName,
    data,
    locate: (path, options) => at(offsetOf(doc, path, options?.key ?? false)),
  };
}

/** Line starts of `text`, for locating an offset before the document is parsed. */
function lineCounterOf(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) counter.addNewLine(i + 1);
  return counter;
}

/** Every key that a mapping repeats: a duplicate would silently overwrite the first value. */
function duplicateKeys(doc: Document, at: (offset: number) => string, lineOf: (offset: number) => number): string[] {
  const duplicates: { name: string; key: Node; first: Node }[] = [];
  const reserved: Node[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        // A key of this name becomes an object's prototype rather than a field when the data is checked:
        // a unit, a `set` or a parameter named so would vanish instead of being refused.
        if (name === "__proto__") reserved.push(pair.key);
        const first = seen.get(name);
        if (first === undefined) seen.set(name, pair.key);
        else duplicates.push({ name, key: pair.key, first });
      }
    },
  });
  return [
    ...listProblems(
      reserved,
      (key) =>
        `${at(key.range?.[0] ?? 0)}: '__proto__' cannot be a key (it names an object's prototype in JavaScript); choose another name`,
    ),
    ...listProblems(
      duplicates,
      ({ name, key, first }) =>
        `${at(key.range?.[0] ?? 0)}: duplicate key '${name}' (first set on line ${lineOf(first.range?.[0] ?? 0)})`,
    ),
  ];
}

/** Whether data holds more than `limit` values, each alias expansion counted again; stops at the limit. */
function expandsBeyond(data: unknown, limit: number): boolean {
  let count = 0;
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (++count > limit) return true;
    if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) continue;
    for (const item of Array.isArray(value) ? value : Object.values(value)) pending.push(item);
  }
  return false;
}

function syntaxMessage(error: YAMLError): string {
  if (error.code === "MULTIPLE_DOCS") return "a second YAML document ('---'); a file holds one";
  return firstLine(error.message);
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
      offset =
        (wantKey && part === path[path.length - 1] ? rangeStart(pair.key) : rangeStart(pair.value)) ??
        rangeStart(pair.key) ??
        offset;
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

/** A value set from outside a file (`--set`, a sweep's `--vary`), and where it was given, for messages. */
export interface SourceOverride {
  readonly path: KeyPath;
  readonly value: unknown;
  readonly where: string;
}

/**
 * The source with overridden values, to be checked by the file's schema as if the file held them; an
 * overridden value is located where it was given, then where the file declares it.
 */
export function withOverrides(source: YamlSource, overrides: readonly SourceOverride[]): YamlSource {
  const data = structuredClone(source.data) as Record<string | number, unknown>;
  const where = new Map<string, string>();
  for (const o of overrides) {
    where.set(formatPath(o.path), o.where);
    let node = data;
    for (const part of o.path.slice(0, -1)) {
      if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
      node = node[part] as Record<string | number, unknown>;
    }
    node[o.path[o.path.length - 1]!] = o.value;
  }
  const locate = (path: KeyPath, options?: { key?: boolean }) => {
    const given = where.get(formatPath(path));
    const inFile = source.locate(path, options);
    return given === undefined ? inFile : overLocation(given, source.data, path, inFile);
  };
  return { ...source, data, locate };
}

/**
 * Where an overridden value is: the override, and the file's line when the file gives the key too (a key the
 * file does not have, such as a model's `batch`, has no line of its own to name).
 */
export function overLocation(given: string, data: unknown, path: KeyPath, inFile: string): string {
  return hasPath(data, path) ? `${given} (over ${inFile})` : given;
}

function hasPath(data: unknown, path: KeyPath): boolean {
  let node = data;
  for (const part of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  return true;
}
