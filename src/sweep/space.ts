import { InputError } from "../common/errors.js";
import { showNumber } from "../common/show.js";
import { didYouMean } from "../common/suggest.js";
import { isTargetKey, targetKeys } from "../hardware/target.js";
import { compileExpr, type CompiledExpr } from "../model/expr.js";

/**
 * A design space: `--vary path=values` axes (their cartesian product, first axis outermost) and
 * `--tie path=expression` columns computed from them. Paths are target fields (`mac_array.rows`) or
 * model parameters (`cameras`, `action_expert.steps`).
 */
export type Value = number | string;
export type Domain = "target" | "model";

export interface Column {
  readonly path: string;
  readonly domain: Domain;
  /** `vary`: one of the axis values; `tie`: computed from the varied values. */
  readonly kind: "vary" | "tie";
  /** The argument as given, for messages and reports. */
  readonly text: string;
}

export interface Axis extends Column {
  readonly kind: "vary";
  readonly values: readonly Value[];
}

export interface Tie extends Column {
  readonly kind: "tie";
  readonly expression: string;
  /** Index (into the columns) of every column the expression reads. */
  readonly reads: readonly number[];
  readonly compiled: CompiledExpr;
  /** Identifier in the compiled expression for each column it reads. */
  readonly names: readonly string[];
}

export interface Space {
  readonly axes: readonly Axis[];
  readonly ties: readonly Tie[];
  /** Axes, then ties: the order of a point's values. */
  readonly columns: readonly Column[];
  readonly count: number;
}

/** The paths the space may use, each tried as a target field first (see isTargetKey), else a model parameter. */
export interface KnownPaths {
  readonly model: readonly string[];
  /** For a system: its unit fields, units.<unit>.<field>, in place of a target's fields. */
  readonly units?: readonly string[];
}

export const DEFAULT_MAX_POINTS = 100_000;

/**
 * Points a sweep may have whatever `--max-points` says: every point keeps its values and 18 numbers, so
 * 2,000,000 points take a few hundred MB; `--max-points 1e12` once reached `new Array(1e12)` and crashed.
 */
export const MAX_POINTS_CEILING = 2_000_000;

/** Parses `--vary`/`--tie` arguments into a space of at most `maxPoints` (and MAX_POINTS_CEILING) points. */
export function parseSpace(
  vary: readonly string[],
  tie: readonly string[],
  known: KnownPaths,
  requestedMaxPoints = DEFAULT_MAX_POINTS,
): Space {
  const maxPoints = Math.min(requestedMaxPoints, MAX_POINTS_CEILING);
  if (vary.length === 0)
    throw new InputError("give at least one --vary <path>=<values>, e.g. --vary mac_array.rows=8,16,32");
  const seen = new Map<string, string>();
  const claim = (path: string, flag: string) => {
    const previous = seen.get(path);
    if (previous !== undefined) throw new InputError(`${flag} ${path}: '${path}' is already given by ${previous}`);
    seen.set(path, flag);
  };
  const axes = vary.map((text): Axis => {
    const { path, value } = splitArgument("--vary", text);
    const domain = domainOf("--vary", path, known);
    claim(path, "--vary");
    return { path, domain, kind: "vary", text, values: parseValues(`--vary ${text}`, value, maxPoints) };
  });
  let count = 1;
  for (const axis of axes) count *= axis.values.length;
  if (count > maxPoints) {
    const sizes = axes.map((a) => `${a.values.length}`).join(" × ");
    if (maxPoints === MAX_POINTS_CEILING) {
      throw new InputError(
        `the sweep has ${count.toLocaleString("en-US")} points (${sizes}), more than the ${MAX_POINTS_CEILING.toLocaleString("en-US")} a sweep may have whatever --max-points says; narrow the --vary values`,
      );
    }
    throw new InputError(
      `the sweep has ${count.toLocaleString("en-US")} points (${sizes}), more than the limit of ${maxPoints.toLocaleString("en-US")}; narrow the --vary values or raise the limit with --max-points ${count}`,
    );
  }
  const columns: Column[] = [...axes];
  const ties: Tie[] = [];
  for (const text of tie) {
    const { path, value } = splitArgument("--tie", text);
    const domain = domainOf("--tie", path, known);
    claim(path, "--tie");
    const parsed = parseTie(text, value, columns);
    const column: Tie = { path, domain, kind: "tie", text, expression: value, ...parsed };
    ties.push(column);
    columns.push(column);
  }
  return { axes, ties, columns, count };
}

function splitArgument(flag: string, text: string): { path: string; value: string } {
  const eq = text.indexOf("=");
  const example = flag === "--vary" ? "--vary mac_array.rows=8,16,32" : "--tie mac_array.cols=mac_array.rows";
  if (eq < 0)
    throw new InputError(
      `${flag} '${text}': expected <path>=<${flag === "--vary" ? "values" : "expression"}>, e.g. ${example}`,
    );
  const path = text.slice(0, eq).trim();
  const value = text.slice(eq + 1).trim();
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(path)) {
    throw new InputError(
      `${flag} '${text}': '${path}' is not a path (a target field such as mac_array.rows or a model parameter such as cameras)`,
    );
  }
  if (value === "")
    throw new InputError(`${flag} ${text}: no ${flag === "--vary" ? "values" : "expression"} after '='`);
  return { path, value };
}

/** links.<a>.<b>.<field> as links.<b>.<a>.<field>: a link takes overrides whichever way round its units are named. */
function reversedLink(path: string): string {
  const [head, a, b, field, ...rest] = path.split(".");
  return head === "links" && rest.length === 0 && field !== undefined ? `links.${b}.${a}.${field}` : path;
}

function domainOf(flag: string, path: string, known: KnownPaths): Domain {
  if (known.units !== undefined) {
    if (known.units.includes(path) || known.units.includes(reversedLink(path))) return "target";
    if (known.model.includes(path)) return "model";
    const hint = isTargetKey(path)
      ? "; a system's hardware fields are units.<unit>.<field>"
      : didYouMean(path, [...known.units, ...known.model]);
    throw new InputError(`${flag} ${path}: no such unit field or model parameter${hint}`);
  }
  const fields = targetKeys();
  if (isTargetKey(path)) {
    if (fields.includes(path)) return "target";
    throw new InputError(`${flag} ${path}: no such target field${didYouMean(path, fields)}`);
  }
  if (known.model.includes(path)) return "model";
  // `rows` most likely means the field or parameter that ends so: name its full path.
  const scoped = [...fields, ...known.model].filter((k) => k.endsWith(`.${path}`));
  const hint =
    scoped.length > 0
      ? ` (did you mean ${scoped.map((k) => `'${k}'`).join(" or ")}?)`
      : didYouMean(path, [...fields, ...known.model]);
  throw new InputError(`${flag} ${path}: no such target field or model parameter${hint}`);
}

/**
 * The value syntax of `--vary`: a list `8,16,32` (numbers, or names such as `os,ws,is`), an inclusive range
 * `200:1000:200` (start:stop:step) or powers `64..4096x2` (start..stop × factor, stop included if reached).
 */
export function parseValues(what: string, text: string, limit: number): Value[] {
  if (text.includes("..")) return geometric(what, text, limit);
  if (text.includes(":")) return arithmetic(what, text, limit);
  const items = text.split(",").map((s) => s.trim());
  if (items.some((s) => s === ""))
    throw new InputError(`${what}: empty value in the list (write values separated by commas, e.g. 8,16,32)`);
  const values = items.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s));
  const duplicate = values.find((v, i) => values.indexOf(v) !== i);
  if (duplicate !== undefined) throw new InputError(`${what}: ${duplicate} is listed twice`);
  return values;
}

function number(what: string, text: string, part: string, name: string): number {
  const value = Number(part);
  if (part.trim() === "" || !Number.isFinite(value)) {
    throw new InputError(
      `${what}: the ${name} ${part.trim() === "" ? "is missing" : `'${part}' is not a number`} (${text})`,
    );
  }
  return value;
}

function checkCount(what: string, count: number, limit: number): void {
  if (count > limit) {
    const raise = limit === MAX_POINTS_CEILING ? "the most a sweep may have" : "raise it with --max-points";
    throw new InputError(
      `${what}: gives ${count.toLocaleString("en-US")} values, more than the limit of ${limit.toLocaleString("en-US")} points (${raise})`,
    );
  }
}

function arithmetic(what: string, text: string, limit: number): Value[] {
  const parts = text.split(":");
  if (parts.length !== 3)
    throw new InputError(`${what}: a range is start:stop:step with all three given, e.g. 200:1000:200`);
  const [start, stop, step] = [
    ["start", parts[0]!],
    ["stop", parts[1]!],
    ["step", parts[2]!],
  ].map(([name, part]) => number(what, "start:stop:step", part!, name!)) as [number, number, number];
  if (step <= 0) throw new InputError(`${what}: the step must be positive, got ${showNumber(step)}`);
  if (stop < start)
    throw new InputError(
      `${what}: the range goes down (stop ${stop} < start ${start}); ranges run upward from start to stop`,
    );
  const count = Math.floor((stop - start) / step + 1e-9) + 1;
  checkCount(what, count, limit);
  // 0.1 steps would drift (0.30000000000000004): round to the decimals the user wrote.
  const decimals = Math.max(decimalsOf(parts[0]!), decimalsOf(parts[2]!));
  return Array.from({ length: count }, (_, i) => Number((start + i * step).toFixed(decimals)));
}

function decimalsOf(text: string): number {
  const match = /\.(\d+)/.exec(text.trim());
  return match ? Math.min(match[1]!.length, 12) : 0;
}

function geometric(what: string, text: string, limit: number): Value[] {
  const syntax = "start..stop x factor, e.g. 64..4096x2";
  const dots = text.indexOf("..");
  const match = /^(.*?)\s*[x×*]\s*([^x×*]*)$/i.exec(text.slice(dots + 2));
  if (match === null) throw new InputError(`${what}: powers are written ${syntax}`);
  const start = number(what, syntax, text.slice(0, dots), "start");
  const stop = number(what, syntax, match[1]!, "stop");
  const factor = number(what, syntax, match[2]!, "factor");
  if (start <= 0) throw new InputError(`${what}: the start must be positive, got ${showNumber(start)}`);
  if (factor <= 1) throw new InputError(`${what}: the factor must be greater than 1, got ${showNumber(factor)}`);
  if (stop < start)
    throw new InputError(
      `${what}: the range goes down (stop ${stop} < start ${start}); ranges run upward from start to stop`,
    );
  const count = Math.floor(Math.log(stop / start) / Math.log(factor) + 1e-9) + 1;
  checkCount(what, count, limit);
  const values: number[] = [start];
  while (values.length < count) values.push(values[values.length - 1]! * factor);
  return values;
}

/** Compiles a tie expression, naming dotted paths (`mac_array.rows`) by plain identifiers for the parser. */
function parseTie(
  text: string,
  expression: string,
  columns: readonly Column[],
): Pick<Tie, "reads" | "compiled" | "names"> {
  const identifiers = new Map<string, string>();
  const source = expression.replace(/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+/g, (path) => {
    const name = identifiers.get(path) ?? `__path${identifiers.size}`;
    identifiers.set(path, name);
    return name;
  });
  const pathOf = new Map([...identifiers].map(([path, name]) => [name, path]));
  // Positions ("(char 9)") count in the rewritten text, so they are dropped.
  const restore = (message: string) =>
    message.replace(/__path\d+/g, (name) => pathOf.get(name) ?? name).replace(/ \(char \d+\)/g, "");
  let compiled: CompiledExpr;
  try {
    compiled = compileExpr(source);
  } catch (error) {
    throw new InputError(`--tie ${text}: ${restore((error as Error).message)}`);
  }
  const reads: number[] = [];
  const names: string[] = [];
  for (const name of compiled.symbols) {
    const path = pathOf.get(name) ?? name;
    const index = columns.findIndex((c) => c.path === path);
    if (index < 0) {
      const paths = columns.map((c) => c.path);
      throw new InputError(
        `--tie ${text}: '${path}' is not varied (a tie reads --vary paths and earlier --tie paths: ${paths.join(", ")})${didYouMean(path, paths)}`,
      );
    }
    const column = columns[index]!;
    if (column.kind === "vary" && (column as Axis).values.some((v) => typeof v !== "number")) {
      throw new InputError(`--tie ${text}: '${path}' takes names, not numbers, so an expression cannot use it`);
    }
    reads.push(index);
    names.push(name);
  }
  return { reads, names, compiled };
}

/** Every point of the space in order (first axis outermost), as its column values. */
export function* points(space: Space): Generator<Value[], void, undefined> {
  const digits = space.axes.map(() => 0);
  for (let index = 0; index < space.count; index++) {
    yield pointValues(space, digits);
    for (let a = space.axes.length - 1; a >= 0; a--) {
      if (++digits[a]! < space.axes[a]!.values.length) break;
      digits[a] = 0;
    }
  }
}

/** The point at `index` (same order as points()). */
export function pointAt(space: Space, index: number): Value[] {
  const digits = space.axes.map(() => 0);
  let rest = index;
  for (let a = space.axes.length - 1; a >= 0; a--) {
    const size = space.axes[a]!.values.length;
    digits[a] = rest % size;
    rest = Math.floor(rest / size);
  }
  return pointValues(space, digits);
}

function pointValues(space: Space, digits: readonly number[]): Value[] {
  const values: Value[] = space.axes.map((axis, a) => axis.values[digits[a]!]!);
  for (const tie of space.ties) {
    const scope = new Map<string, number>();
    tie.reads.forEach((column, i) => scope.set(tie.names[i]!, values[column] as number));
    const value = tie.compiled.evaluate(scope);
    if (!Number.isFinite(value)) {
      throw new InputError(`--tie ${tie.text}: gives ${value} at ${describePoint(space.columns, values)}`);
    }
    values.push(value);
  }
  return values;
}

/** `mac_array.rows=32, clock_mhz=400` */
export function describePoint(columns: readonly { readonly path: string }[], values: readonly Value[]): string {
  return columns
    .slice(0, values.length)
    .map((c, i) => `${c.path}=${values[i]}`)
    .join(", ");
}

/**
 * The values of every point, column by column (values[c][i] is column c of point i), once the space's paths
 * are checked not to be fixed by --set as well.
 */
export function listPoints(
  space: Space,
  sets: { readonly model: readonly { key: string }[]; readonly target: readonly { key: string }[] },
): Value[][] {
  const setKeys = [...sets.model, ...sets.target].map((o) => o.key);
  const clash = space.columns.find((c) => setKeys.includes(c.path));
  if (clash !== undefined)
    throw new InputError(
      `--set ${clash.path} and --${clash.kind} ${clash.path}: give a path either fixed or varied, not both`,
    );
  const values: Value[][] = space.columns.map(() => new Array<Value>(space.count));
  let i = 0;
  for (const point of points(space)) {
    point.forEach((v, c) => (values[c]![i] = v));
    i++;
  }
  return values;
}
