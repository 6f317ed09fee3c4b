import { inputJsonSchema } from "../common/json-schema.js";
import { targetSchema } from "./schema.js";

/** The JSON Schema of a target file (`hardware/schema.json`). */
export function targetJsonSchema(): Record<string, unknown> {
  return inputJsonSchema(
    targetSchema,
    "accel-sizer hardware target",
    "An accelerator for accel-sizer: clock, precision, systolic MAC array, SRAM, DRAM and vector unit. Units are in the key names. Check values with `accel-sizer validate <file>`.",
  );
}
