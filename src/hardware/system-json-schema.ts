import { inputJsonSchema } from "../common/json-schema.js";
import { systemSchema } from "./system-schema.js";

/** The JSON Schema of a system file (`hardware/systems/schema.json`). */
export function systemJsonSchema(): Record<string, unknown> {
  return inputJsonSchema(
    systemSchema,
    "accel-sizer system",
    "Several units (hardware targets) joined by links, and rules that map a model's ops onto them. Check with `accel-sizer validate <file>`.",
  );
}
