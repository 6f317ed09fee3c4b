import { z } from "zod";
import { InputError } from "./errors.js";
import { didYouMean } from "./suggest.js";
import { formatPath, type YamlSource } from "./yaml-source.js";

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

/** Runs a schema over YAML data; every issue becomes one `file:line:col: key.path: message` line. */
export function parseWithSchema<T>(schema: z.ZodType<T>, source: YamlSource): T {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const keyPath = [...path, issue.keys[0] ?? ""];
      return `${source.locate(keyPath, { key: true })}: ${formatPath(path)}: ${issue.message}`;
    }
    return `${source.locate(path)}: ${formatPath(path)}: ${describeIssue(issue)}`;
  });
  throw new InputError(problems);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `missing required key (expected ${issue.expected})`;
  }
  return issue.message;
}
