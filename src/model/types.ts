import type { Precision, WeightPrecision } from "../hardware/precision.js";
/** A model with every parameter and dimension evaluated to a checked positive integer. */
export type Phase = "static" | "per_step";

/** Where a block is declared in its model file (`file:line:col: key.path`), for messages about its ops. */
export interface BlockSource {
  readonly where?: string;
}

export interface AttentionBlock extends BlockSource {
  readonly type: "attention";
  readonly name: string;
  readonly phase: Phase;
  readonly queries: number;
  readonly keys: number;
  readonly hidden: number;
  readonly qHeads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly kvInput: number;
  readonly kvTokens: number;
  /** When the K/V projections run; "none" when K/V arrive already projected. */
  readonly kvPhase: Phase | "none";
  /** The earlier component whose output K and V are projected from; undefined: this block's own input. */
  readonly kvSource?: string;
  /**
   * The earlier component whose attention layers' K/V this block reads, layer for layer (its n-th attention
   * block reads the source's n-th): the input of its k/v projections when keys = kvTokens, else the keys
   * beyond kvTokens (a prefix cached once per inference).
   */
  readonly kvCache?: string;
}

export interface MlpBlock extends BlockSource {
  readonly type: "mlp";
  readonly name: string;
  readonly phase: Phase;
  readonly tokens: number;
  readonly hidden: number;
  readonly ffn: number;
  readonly gated: boolean;
}

export interface LinearBlock extends BlockSource {
  readonly type: "linear";
  readonly name: string;
  readonly phase: Phase;
  readonly tokens: number;
  readonly inFeatures: number;
  readonly outFeatures: number;
}

export interface VectorBlock extends BlockSource {
  readonly type: "vector";
  readonly name: string;
  readonly phase: Phase;
  readonly elements: number;
  readonly opsPerElement: number;
  /** Input tensors read (1 or 2). */
  readonly inputs: number;
}

/** Convolutions are lowered to linear blocks (im2col) when the model is resolved. */
export type Block = AttentionBlock | MlpBlock | LinearBlock | VectorBlock;

export interface Layer {
  readonly index: number;
  readonly kind: string;
  readonly blocks: readonly Block[];
}

export interface Component {
  readonly name: string;
  readonly phase: Phase;
  /** Diffusion steps per inference (1 for a static component). */
  readonly steps: number;
  /** Executions of the whole component per inference (e.g. one vision encoder pass per camera). */
  readonly instances: number;
  readonly embeddingParams: number;
  /** The earlier component whose output is this one's input; undefined: the model's input. */
  readonly inputFrom?: string;
  /** Whether its vector ops run fused into the kernels around them (no launch of their own on a GPU). */
  readonly fusedVectorOps: boolean;
  /** The precision it computes in, when the model says (else the target's). */
  readonly precision?: Precision;
  /** The precision it stores weights in, when the model says (int4: w4a8, w4a16). */
  readonly weightPrecision?: WeightPrecision;
  /** Where its precisions are given (`file:line:col: key.path`, or the --set flag), for a target's refusal. */
  readonly precisionWhere?: string;
  readonly layers: readonly Layer[];
}

export interface Model {
  readonly name: string;
  readonly params: ReadonlyMap<string, number>;
  /** Actions one inference yields, when the model says. */
  readonly chunkActions?: number;
  /** Sequences one inference serves together (robots, or one robot's streams); 1 unless the model or --set says. */
  readonly batch: number;
  readonly components: readonly Component[];
}
