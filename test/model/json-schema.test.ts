import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseYamlSource } from "../../src/common/yaml-source.js";
import { schemaFiles, schemaText } from "../../src/cli/write-schemas.js";
import { modelJsonSchema } from "../../src/model/json-schema.js";

describe("the JSON Schemas shipped for editors", () => {
  it.each(schemaFiles().map((f) => [f.path, f.schema] as const))(
    "%s is committed and equal to the generated one (regenerate: node dist/cli/write-schemas.js)",
    (path, schema) => {
      expect(readFileSync(path, "utf8")).toBe(schemaText(schema));
    },
  );

  it("is a titled draft-7 schema of the model file", () => {
    const schema = modelJsonSchema();
    expect(schema).toMatchObject({
      $schema: "http://json-schema.org/draft-07/schema#",
      title: "accel-sizer model",
      type: "object",
    });
    expect(schema.required).toEqual(["name", "components"]);
    expect(schema.additionalProperties).toBe(false);
  });

  const models = readdirSync("models").filter((f) => f.endsWith(".yaml"));

  it.each(models)("models/%s points its editor at ./schema.json and passes it", (file) => {
    const text = readFileSync(`models/${file}`, "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./schema.json");
    expect(violations(modelJsonSchema(), parseYamlSource(text, file).data)).toEqual([]);
  });

  it.each([
    ["unknown-top-level-key.yaml", "$: unknown key descripton"],
    ["unknown-block-key.yaml", "$.components[0].layers[0].blocks[1]: not exactly one branch of oneOf matches"],
    ["wrong-type.yaml", "$.components[0].layers[0].blocks[1]: not exactly one branch of oneOf matches"],
    ["missing-required-key.yaml", "$.components[0].layers[0].blocks[1]: not exactly one branch of oneOf matches"],
    ["wrong-type-list.yaml", "$.components[0].layers: expected array"],
  ])("flags test/fixtures/bad/models/%s in an editor too", (file, violation) => {
    const data = parseYamlSource(readFileSync(`test/fixtures/bad/models/${file}`, "utf8"), file).data;
    expect(violations(modelJsonSchema(), data)).toContain(violation);
  });
});

type Schema = Record<string, unknown>;

/**
 * The subset of JSON Schema draft 7 the generated schema uses, enough to show that the shipped files pass
 * it and broken ones do not. Returns the violations, `path: what`.
 */
function violations(schema: Schema, value: unknown, path = "$"): string[] {
  const out: string[] = [];
  const type = schema.type as string | undefined;
  if (type !== undefined && !hasType(value, type)) return [`${path}: expected ${type}`];
  if (schema.const !== undefined && value !== schema.const) out.push(`${path}: expected ${String(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    out.push(`${path}: not one of ${schema.enum.join(", ")}`);
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength) out.push(`${path}: too short`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
      out.push(`${path}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) out.push(`${path}: too few items`);
    if (schema.items !== undefined)
      value.forEach((item, i) => out.push(...violations(schema.items as Schema, item, `${path}[${i}]`)));
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in value)) out.push(`${path}: missing ${key}`);
    for (const [key, v] of Object.entries(value)) {
      if (schema.propertyNames !== undefined)
        out.push(...violations(schema.propertyNames as Schema, key, `${path}.${key} (name)`));
      if (properties[key] !== undefined) out.push(...violations(properties[key], v, `${path}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${path}: unknown key ${key}`);
      else if (typeof schema.additionalProperties === "object")
        out.push(...violations(schema.additionalProperties as Schema, v, `${path}.${key}`));
    }
  }
  const branches = (key: "anyOf" | "oneOf") =>
    (schema[key] as Schema[]).filter((s) => violations(s, value, path).length === 0).length;
  if (Array.isArray(schema.anyOf) && branches("anyOf") === 0) out.push(`${path}: no branch of anyOf matches`);
  if (Array.isArray(schema.oneOf) && branches("oneOf") !== 1)
    out.push(`${path}: not exactly one branch of oneOf matches`);
  return out;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}
