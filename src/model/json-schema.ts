import { z } from "zod";
import { modelSchema } from "./schema.js";

/**
 * The JSON Schema of a model file, from the same zod declaration the CLI validates with; editors read it
 * through the `# yaml-language-server: $schema=./schema.json` line at the top of every models/*.yaml.
 * Draft 7: the draft that YAML editors support best. It checks the shape; value rules (positive integer
 * dimensions, kv_heads dividing q_heads, no cycles) are `accel-sizer validate`'s.
 */
export function modelJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(modelSchema, { target: "draft-7", io: "input" });
  return {
    $schema,
    title: "accel-sizer model",
    description:
      "A vision-language-action model for accel-sizer: parameters, and components built of layers of attention, mlp, linear, conv2d and vector blocks. Check values with `accel-sizer validate <file>`.",
    ...schema,
  };
}
