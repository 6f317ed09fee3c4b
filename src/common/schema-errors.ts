import { z } from "zod";
import { NOT_FINITE } from "./show.js";
import { atPlace, InputError, listProblems, type Problem } from "./errors.js";
import { didYouMean } from "./suggest.js";
import { formatPath, type KeyPath, type YamlSource } from "./yaml-source.js";

/** A strict object whose unknown keys are reported with a "did you mean" from its own shape. */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      const keys = (issue as { keys: string[] }).keys;
      return keys
        .map((k) => `unknown key '${k}'${didYouMean(k, known)}; expected one of: ${known.join(", ")}`)
        .join("; ");
    },
  });
}

/** Runs a schema over YAML data; every issue becomes one problem, `file:line:col: key.path: message`. */
export function parseWithSchema<T>(schema: z.ZodType<T>, source: YamlSource): T {
  // reportInput: without it zod 4 leaves `issue.input` undefined, and every wrong type would read as missing.
  const result = schema.safeParse(source.data, { reportInput: true });
  if (result.success) return result.data;
  const name = (path: KeyPath) => source.describePath?.(path) ?? formatPath(path);
  const problems = listProblems(result.error.issues, (issue): Problem => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const keyPath = [...path, issue.keys[0] ?? ""];
      return {
        code: "schema",
        ...atPlace(source.locate(keyPath, { key: true })),
        path: name(path),
        message: issue.message,
      };
    }
    return { code: "schema", ...atPlace(source.locate(path)), path: name(path), message: describeIssue(issue) };
  });
  throw new InputError(problems);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // A record's key that fails its own schema (a unit named hôte): the key's problem, not "Invalid key in record".
  if (issue.code === "invalid_key")
    return `the name ${describeValue(issue.input)}: ${issue.issues.map((i) => i.message).join("; ")}`;
  // An enum names what was given beside what it takes: `precision: int4` → "int4" is not one of int8, ….
  if (issue.code === "invalid_value" && issue.input !== undefined)
    return `${describeValue(issue.input)} is not one of ${issue.values.map(String).join(", ")}`;
  const expected = expectedTypes(issue);
  // A value out of range echoes the value: `rows: -16` → "expected a positive integer, got -16".
  if (expected === undefined)
    return issue.input === undefined || ECHOLESS.has(issue.code)
      ? issue.message
      : `${issue.message}, got ${describeValue(issue.input)}`;
  if (issue.input === undefined) return `missing required key (expected ${expected})`;
  return `expected ${expected}, got ${describeValue(issue.input)}`;
}

/** Issues whose message already says what was given, or whose input is a whole mapping. */
const ECHOLESS: ReadonlySet<string> = new Set([
  "unrecognized_keys",
  "invalid_union",
  "invalid_key",
  "invalid_element",
  "custom",
]);

/** "number or string" for a type mismatch (or a union of them, such as a dimension); else undefined. */
function expectedTypes(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === "invalid_type") return yamlTypeName(issue.expected);
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return undefined;
  const branches = issue.errors.map((branch) => {
    const only = branch.length === 1 ? branch[0] : undefined;
    return only?.code === "invalid_type" && only.path.length === 0 ? yamlTypeName(only.expected) : undefined;
  });
  return branches.every((b) => b !== undefined) ? [...new Set(branches)].join(" or ") : undefined;
}

/** The names a YAML author knows: a mapping and a list, not an object and an array. */
function yamlTypeName(type: string): string {
  const names: Record<string, string> = {
    object: "a mapping",
    array: "a list",
    number: "a number",
    string: "a string",
    boolean: "true or false",
    int: "an integer",
  };
  return Object.hasOwn(names, type) ? names[type]! : type;
}

function describeValue(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "binary data";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" && !Number.isFinite(value))
    return `a value that is ${NOT_FINITE} (.inf, .nan or a literal too large)`;
  return String(value);
}
