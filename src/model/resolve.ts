import { InputError, type Problem } from "../common/errors.js";
import { checkFileKind, refuseCfgAsModel } from "../common/file-kind.js";
import { blameOverrides, type OverriddenBy } from "./blame.js";
import { checkKvNames } from "./cross-attention.js";
import { ExactRangeError, exactMul } from "../common/exact.js";
import { didYouMean } from "../common/suggest.js";
import { parseWithSchema } from "../common/schema-errors.js";
import { formatPath, overLocation, parseYamlSource, type KeyPath } from "../common/yaml-source.js";
import type { Expr } from "./expr.js";
import { evaluateDimension, resolveParams } from "./params.js";
import { applyOverrides, MAX_BATCH } from "./overrides.js";
import { componentPrecisions } from "./precisions.js";
import type { Override } from "../common/override.js";
import { modelSchema, type BlockFile, type ComponentFile, type ModelFile } from "./schema.js";
import type { Block, Component, Layer, Model, Phase } from "./types.js";

/** A model file checked against the schema, with its expressions not yet evaluated. */
export interface ModelSpec {
  readonly fileName: string;
  readonly file: ModelFile;
  readonly locate: (path: KeyPath) => string;
}

export function parseModelSpec(text: string, fileName: string): ModelSpec {
  refuseCfgAsModel(fileName);
  const source = parseYamlSource(text, fileName);
  checkFileKind(source, "model");
  const file = parseWithSchema(modelSchema, source);
  return { fileName, file, locate: (path) => source.locate(path) };
}

/**
 * Blocks a model may expand to (layers × blocks per layer, over all components). Real models have a few
 * hundred; the limit keeps a hostile `repeat: 1e12` from exhausting memory while the layers are listed.
 */
export const MAX_EXPANDED_BLOCKS = 50_000;

/**
 * Applies overrides and evaluates every parameter and dimension. Each component is resolved even
 * when one before it has a problem, so the InputError lists the first problem of every component.
 */
export function resolveModel(spec: ModelSpec, overrides: readonly Override[] = []): Model {
  const { file, sources } = applyOverrides(spec, overrides);
  // An overridden value is located where it was given, then where the file declares it.
  const at = (path: KeyPath) => {
    const where = formatPath(path);
    const source = sources.get(where);
    return `${source === undefined ? spec.locate(path) : overLocation(source, spec.file, path, spec.locate(path))}: ${where}`;
  };
  const globals = resolveParams(file.params ?? {}, new Map(), (p) => at(["params", p]));
  const names = new Set<string>();
  const budget = { blocks: MAX_EXPANDED_BLOCKS };
  const componentNames = new Set(file.components.map((c) => c.name));
  const problems: (string | Problem)[] = [];
  const components: Component[] = [];
  for (const [ci, c] of file.components.entries()) {
    if (budget.blocks < 0) break;
    try {
      if (names.has(c.name)) throw new InputError(`${at(["components", ci, "name"])}: duplicate component '${c.name}'`);
      names.add(c.name);
      const overriddenBy = (name: string) =>
        sources.get(formatPath(["components", ci, "params", name])) ?? sources.get(formatPath(["params", name]));
      components.push(
        resolveComponent(c, globals, (path) => at(["components", ci, ...path]), budget, {
          components: componentNames,
          overriddenBy,
        }),
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.details);
    }
  }
  problems.push(...sourceProblems(file, at));
  if (problems.length > 0) throw new InputError(problems);
  const chunkActions =
    file.chunk_actions === undefined
      ? undefined
      : evaluateDimension(file.chunk_actions, globals, "value", () => at(["chunk_actions"]));
  if (file.params !== undefined && Object.hasOwn(file.params, "batch")) {
    throw new InputError(
      `${at(["params", "batch"])}: 'batch' is the built-in batch size (the top-level key batch:, or --set batch=N); give this parameter another name`,
    );
  }
  const batch = file.batch === undefined ? 1 : evaluateDimension(file.batch, globals, "value", () => at(["batch"]));
  if (batch > MAX_BATCH)
    throw new InputError(
      `${at(["batch"])}: batch ${batch} is more than ${MAX_BATCH.toLocaleString("en-US")} sequences; the model has a limit so that every batch is costed in bounded time`,
    );
  return {
    name: file.name,
    params: globals,
    ...(chunkActions === undefined ? {} : { chunkActions }),
    batch,
    components,
  };
}

/**
 * `input_from`, `kv_source` and `kv_cache` name components whose output flows in: they must be earlier components (the
 * graph is built, and executed, in component order).
 */
function sourceProblems(file: ModelFile, at: At): string[] {
  const problems: string[] = [];
  const check = (name: string, earlier: readonly string[], path: KeyPath) => {
    if (earlier.includes(name)) return;
    const later = file.components.some((c) => c.name === name);
    problems.push(
      `${at(path)}: ${later ? `'${name}' comes later; a component can only read an earlier one's output` : `no component '${name}'${didYouMean(name, earlier)}`}`,
    );
  };
  file.components.forEach((c, ci) => {
    const earlier = file.components.slice(0, ci).map((e) => e.name);
    if (c.input_from !== undefined) check(c.input_from, earlier, ["components", ci, "input_from"]);
    c.layers.forEach((group, gi) => {
      const kinds = group.pattern ?? [{ blocks: group.blocks ?? [] }];
      kinds.forEach((kind, ki) =>
        kind.blocks.forEach((b, bi) => {
          // An unknown kv_source or kv_cache is reported where the block resolves (cross-attention.ts); here only its order.
          if (b.type !== "attention") return;
          const base: KeyPath = group.pattern
            ? ["components", ci, "layers", gi, "pattern", ki]
            : ["components", ci, "layers", gi];
          for (const key of ["kv_source", "kv_cache"] as const) {
            const name = b[key];
            if (name !== undefined && file.components.some((e) => e.name === name))
              check(name, earlier, [...base, "blocks", bi, key]);
          }
        }),
      );
    });
  });
  return problems;
}

type At = (path: KeyPath) => string;

/** What a component's blocks are checked against: the model's component names, and who set each parameter. */
interface ModelContext {
  readonly components: ReadonlySet<string>;
  readonly overriddenBy: OverriddenBy;
}

function resolveComponent(
  c: ComponentFile,
  globals: ReadonlyMap<string, number>,
  at: At,
  budget: { blocks: number },
  context: ModelContext,
): Component {
  const scope = resolveParams(c.params ?? {}, globals, (p) => at(["params", p]));
  const dim = (value: Expr, path: KeyPath, allowZero = false) =>
    blameOverrides(value, context.overriddenBy, () =>
      evaluateDimension(value, scope, "value", () => at(path), { allowZero }),
    );
  const phase: Phase = c.phase ?? "static";
  if (phase === "per_step" && c.steps === undefined) {
    throw new InputError(`${at(["steps"])}: a per_step component needs 'steps'`);
  }
  const layers: Layer[] = [];
  c.layers.forEach((group, gi) => {
    const repeat = dim(group.repeat, ["layers", gi, "repeat"]);
    if ((group.blocks === undefined) === (group.pattern === undefined)) {
      throw new InputError(`${at(["layers", gi])}: a layer group needs exactly one of 'blocks' or 'pattern'`);
    }
    const kinds = group.pattern ?? [{ kind: undefined, blocks: group.blocks! }];
    const resolvedKinds = kinds.map((kind, ki) => {
      const base: KeyPath = group.pattern ? ["layers", gi, "pattern", ki] : ["layers", gi];
      return {
        kind: kind.kind ?? "layer",
        blocks: kind.blocks.map((b, bi) => {
          const blockAt: At = (p) => at([...base, "blocks", bi, ...p]);
          checkKvNames(b, blockAt, context.components, scope);
          return resolveBlock(b, phase, scope, blockAt, context.overriddenBy);
        }),
      };
    });
    for (let i = 0; i < repeat; i++) {
      const kind = resolvedKinds[i % resolvedKinds.length]!;
      budget.blocks -= kind.blocks.length;
      if (budget.blocks < 0) {
        throw new InputError(
          `${at(["layers", gi, "repeat"])}: the model expands to more than ${MAX_EXPANDED_BLOCKS.toLocaleString("en-US")} blocks (layers × blocks per layer); is a repeat count wrong?`,
        );
      }
      layers.push({ index: layers.length, kind: kind.kind, blocks: kind.blocks });
    }
  });
  const precisions = componentPrecisions(c, at);
  return {
    name: c.name,
    phase,
    steps: phase === "per_step" ? dim(c.steps!, ["steps"]) : 1,
    instances: c.instances === undefined ? 1 : dim(c.instances, ["instances"]),
    embeddingParams: c.embedding_params === undefined ? 0 : dim(c.embedding_params, ["embedding_params"], true),
    ...(c.input_from !== undefined && { inputFrom: c.input_from }),
    fusedVectorOps: c.fused_vector_ops === true,
    ...precisions,
    layers,
  };
}

/** A block with its dimensions evaluated, and where it is declared (its ops' overflow messages name that line). */
function resolveBlock(
  b: BlockFile,
  componentPhase: Phase,
  scope: ReadonlyMap<string, number>,
  at: At,
  overriddenBy: OverriddenBy,
): Block {
  try {
    return { ...blockFields(b, componentPhase, scope, at, overriddenBy), where: at([]) };
  } catch (error) {
    // An exact-range overflow (a convolution's im2col sizes) says where the block is; located messages already do.
    if (error instanceof ExactRangeError) throw new InputError(`${at([])}: ${error.message}`);
    throw error;
  }
}

function blockFields(
  b: BlockFile,
  componentPhase: Phase,
  scope: ReadonlyMap<string, number>,
  at: At,
  overriddenBy: OverriddenBy,
): Block {
  const dim = (value: Expr, key: string) =>
    blameOverrides(value, overriddenBy, () => evaluateDimension(value, scope, "value", () => at([key])));
  const phase = b.phase ?? componentPhase;
  switch (b.type) {
    case "attention": {
      const qHeads = dim(b.q_heads, "q_heads");
      const kvHeads = dim(b.kv_heads, "kv_heads");
      const heads = [b.q_heads, b.kv_heads].filter((v) => typeof v === "string").join(" + ");
      blameOverrides(heads === "" ? 0 : heads, overriddenBy, () => {
        if (qHeads % kvHeads !== 0)
          throw new InputError(`${at(["kv_heads"])}: kv_heads (${kvHeads}) must divide q_heads (${qHeads})`);
      });
      const queries = dim(b.queries, "queries");
      const keys = b.keys === undefined ? queries : dim(b.keys, "keys");
      const hidden = dim(b.hidden, "hidden");
      return {
        type: "attention",
        name: b.name ?? "",
        phase,
        queries,
        keys,
        hidden,
        qHeads,
        kvHeads,
        headDim: dim(b.head_dim, "head_dim"),
        kvInput: b.kv_input === undefined ? hidden : dim(b.kv_input, "kv_input"),
        kvTokens: b.kv_tokens === undefined ? keys : dim(b.kv_tokens, "kv_tokens"),
        kvPhase: b.kv_phase ?? phase,
        ...(b.kv_source !== undefined && { kvSource: b.kv_source }),
        ...(b.kv_cache !== undefined && { kvCache: b.kv_cache }),
      };
    }
    case "mlp":
      return {
        type: "mlp",
        name: b.name ?? "mlp",
        phase,
        tokens: dim(b.tokens, "tokens"),
        hidden: dim(b.hidden, "hidden"),
        ffn: dim(b.ffn, "ffn"),
        gated: b.gated ?? false,
      };
    case "linear":
      return {
        type: "linear",
        name: b.name,
        phase,
        tokens: dim(b.tokens, "tokens"),
        inFeatures: dim(b.in, "in"),
        outFeatures: dim(b.out, "out"),
      };
    case "conv2d": {
      // A convolution is a matmul over im2col patches: M = output pixels, K = Cin·k², N = Cout, with
      // output side ⌊(side + 2·padding − kernel) / stride⌋ + 1.
      const kernel = dim(b.kernel, "kernel");
      const stride = dim(b.stride, "stride");
      const padding =
        b.padding === undefined
          ? 0
          : evaluateDimension(b.padding, scope, "value", at(["padding"]), { allowZero: true });
      const height = dim(b.height, "height") + 2 * padding;
      const width = dim(b.width, "width") + 2 * padding;
      if (kernel > height || kernel > width) {
        throw new InputError(
          `${at(["kernel"])}: kernel ${kernel} is larger than the ${height}×${width} (padded) input`,
        );
      }
      const outPixels = exactMul(Math.floor((height - kernel) / stride) + 1, Math.floor((width - kernel) / stride) + 1);
      const inChannels = dim(b.in_channels, "in_channels");
      return {
        type: "linear",
        name: b.name,
        phase,
        tokens: outPixels,
        inFeatures: exactMul(inChannels, kernel, kernel),
        outFeatures: dim(b.out_channels, "out_channels"),
      };
    }
    case "vector":
      return {
        type: "vector",
        name: b.name,
        phase,
        elements: dim(b.elements, "elements"),
        opsPerElement: b.ops_per_element === undefined ? 1 : dim(b.ops_per_element, "ops_per_element"),
        inputs: b.inputs ?? 1,
      };
    default: {
      const never: never = b;
      throw new Error(`unhandled block ${JSON.stringify(never)}`);
    }
  }
}
