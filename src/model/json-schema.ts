import { inputJsonSchema } from "../common/json-schema.js";
import { modelSchema } from "./schema.js";

/** The JSON Schema of a model file (`models/schema.json`). */
export function modelJsonSchema(): Record<string, unknown> {
  return inputJsonSchema(
    modelSchema,
    "accel-sizer model",
    "A vision-language-action model for accel-sizer: parameters, and components built of layers of attention, mlp, linear, conv2d and vector blocks. Check values with `accel-sizer validate <file>`.",
  );
}
