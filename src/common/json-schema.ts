import { z } from "zod";

/**
 * The JSON Schema of an input file, from the same zod declaration the CLI validates with; editors read it
 * through the `# yaml-language-server: $schema=./schema.json` line of the shipped YAML files. Draft 7: the
 * draft YAML editors support best. It checks the shape; value rules are `accel-sizer validate`'s.
 */
export function inputJsonSchema(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: "draft-7", io: "input" });
  return { $schema, title, description, ...rest };
}
