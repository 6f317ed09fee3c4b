import { displayText } from "../common/text-schema.js";
import { precisionSchema, weightPrecisionSchema } from "../hardware/schema.js";
import { z } from "zod";
import { strictObject } from "../common/schema-errors.js";

/**
 * The model file format: the single declaration from which the TypeScript types, the validation and the
 * JSON Schema (`models/schema.json`) all come. Dimensions are numbers or parameter expressions.
 */
const expr = z
  .union([z.number(), z.string().min(1)])
  .describe("a number or an expression over parameters, e.g. `cameras * 64 + 49`");

const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected an identifier (letters, digits, _)");
const phase = z.enum(["static", "per_step"]);

const params = z
  .record(name, expr)
  .describe("named parameters; values are numbers or expressions over other parameters, resolved in dependency order");

const blockCommon = {
  name: name.optional().describe("prefix of the op names this block produces"),
  phase: phase.optional().describe("override the component's phase for every op of this block"),
};

const attention = strictObject({
  type: z.literal("attention"),
  ...blockCommon,
  queries: expr.describe("query length (tokens that attend)"),
  keys: expr.optional().describe("key length; defaults to queries (self-attention)"),
  hidden: expr.describe("model width: input of q_proj, output of o_proj"),
  q_heads: expr,
  kv_heads: expr.describe("key/value heads (grouped-query attention); must divide q_heads"),
  head_dim: expr,
  kv_input: expr.optional().describe("input width of k_proj/v_proj; defaults to hidden"),
  kv_tokens: expr.optional().describe("tokens projected by k_proj/v_proj; defaults to keys"),
  kv_phase: z
    .enum(["static", "per_step", "none"])
    .optional()
    .describe("when K/V projections run: static (once per inference), per_step, or none (K/V arrive projected)"),
  kv_source: z
    .string()
    .optional()
    .describe("an earlier component whose output feeds K/V (its tensor crosses to the unit that projects K/V)"),
  kv_cache: z
    .string()
    .optional()
    .describe(
      "an earlier component whose attention layers' projected K/V this block reads, layer for layer (its n-th attention block reads theirs): with keys = kv_tokens its k/v projections read them (cross-attention); with more keys, they are the keys beyond kv_tokens",
    ),
});

const mlp = strictObject({
  type: z.literal("mlp"),
  ...blockCommon,
  tokens: expr,
  hidden: expr,
  ffn: expr.describe("intermediate width"),
  gated: z.boolean().optional().describe("true: SwiGLU/GeGLU (gate, up, down); false: plain (up, down)"),
});

const linear = strictObject({
  type: z.literal("linear"),
  name,
  phase: phase.optional(),
  tokens: expr,
  in: expr,
  out: expr,
});

const conv2d = strictObject({
  type: z.literal("conv2d"),
  name,
  phase: phase.optional(),
  in_channels: expr,
  out_channels: expr,
  kernel: expr,
  stride: expr,
  padding: expr.optional().describe("zero padding on each side, in pixels (default 0)"),
  height: expr.describe("input height in pixels"),
  width: expr.describe("input width in pixels"),
});

const vector = strictObject({
  type: z.literal("vector"),
  name,
  phase: phase.optional(),
  elements: expr,
  ops_per_element: expr.optional(),
  inputs: z
    .union([z.literal(1), z.literal(2)])
    .optional()
    .describe(
      "tensors of `elements` each that the op reads: 2 for an elementwise add or multiply of two tensors (default 1)",
    ),
});

export const blockSchema = z.discriminatedUnion("type", [attention, mlp, linear, conv2d, vector]);

const layerKind = strictObject({
  kind: name.optional().describe("a label for this kind of layer, e.g. self_attention"),
  blocks: z.array(blockSchema).min(1),
});

const layerGroup = strictObject({
  repeat: expr.describe("how many layers (or pattern repetitions) this group adds"),
  blocks: z.array(blockSchema).min(1).optional().describe("the blocks of every layer"),
  pattern: z
    .array(layerKind)
    .min(1)
    .optional()
    .describe("layer kinds that alternate: layer i uses pattern[i mod length]; repeat counts layers"),
});

const component = strictObject({
  name: name.describe("component name; its parameters are set with --set <name>.<param>=<value>"),
  description: displayText("description").optional(),
  params: params.optional(),
  phase: phase.optional().describe("static: once per inference (default); per_step: once per diffusion step"),
  steps: expr.optional().describe("diffusion steps, required when phase is per_step"),
  instances: expr.optional().describe("how many times the whole component runs per inference (e.g. cameras)"),
  embedding_params: expr.optional().describe("parameters held in embedding tables (counted, no MACs)"),
  input_from: z
    .string()
    .optional()
    .describe("an earlier component whose output is this one's input (default: the model's input)"),
  fused_vector_ops: z
    .boolean()
    .optional()
    .describe(
      "the deployment fuses this component's vector ops (norms, softmax, activations, residual adds) into the kernels around them: on a GPU they launch no kernel of their own (default false)",
    ),
  precision: precisionSchema
    .optional()
    .describe(
      "the precision this component computes and stores in (weights and activations), on a target whose mac_array.precisions has it; default: the target's",
    ),
  weight_precision: weightPrecisionSchema
    .optional()
    .describe(
      "the precision this component stores and moves its weights in, no wider than the one it computes in (int4 with int8, fp16 or bf16 MACs: w4a8, w4a16); default: its compute precision",
    ),
  layers: z.array(layerGroup).min(1),
});

export const modelSchema = strictObject({
  $schema: z.string().optional(),
  name: displayText("name"),
  description: displayText("description").optional(),
  params: params.optional(),
  chunk_actions: expr
    .optional()
    .describe("actions one inference yields (the control loop's chunk); an expression over the top-level params"),
  batch: expr
    .optional()
    .describe(
      "sequences one inference serves together (robots, or streams of one robot), default 1: every op's token dimension is multiplied by it, weights are shared, attention K/V are per sequence; an expression over the top-level params",
    ),
  components: z.array(component).min(1),
});

export type ModelFile = z.infer<typeof modelSchema>;
export type ComponentFile = ModelFile["components"][number];
export type LayerGroupFile = ComponentFile["layers"][number];
export type BlockFile = z.infer<typeof blockSchema>;
export type AttentionBlockFile = z.infer<typeof attention>;
