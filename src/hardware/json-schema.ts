import { z } from "zod";
import { targetSchema } from "./schema.js";

/**
 * The JSON Schema of a target file, from the zod declaration the CLI validates with; editors read it through
 * the `# yaml-language-server: $schema=./schema.json` line at the top of every hardware/*.yaml. Draft 7, as
 * for models.
 */
export function targetJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(targetSchema, { target: "draft-7", io: "input" });
  return {
    $schema,
    title: "accel-sizer hardware target",
    description:
      "An accelerator for accel-sizer: clock, precision, systolic MAC array, SRAM, DRAM and vector unit. Units are in the key names. Check values with `accel-sizer validate <file>`.",
    ...schema,
  };
}
