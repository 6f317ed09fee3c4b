import type { Precision, WeightPrecision } from "../hardware/precision.js";
import type { Phase } from "../model/types.js";

export type { Phase };

interface OpCommon {
  readonly component: string;
  readonly layer: number;
  /** The model block the op belongs to (e.g. `attn`, `xattn`, `mlp`), for grouping in summaries. */
  readonly block: string;
  readonly name: string;
  readonly phase: Phase;
  /** The precision its component computes in, when the model says; absent: the target's. */
  readonly precision?: Precision;
  /** The precision its component stores weights in, when the model says; absent: see opPrecisions. */
  readonly weightPrecision?: WeightPrecision;
  /** Which of its component's instances this op is, when a system places them one by one (graph/instances.ts). */
  readonly instance?: number;
  /** Executions per inference: component instances × (diffusion steps for a per-step op). */
  readonly count: number;
  /** Where its block is declared (`file:line:col: key.path`) or its topology row (`file:line`), for messages. */
  readonly where?: string;
  /** Indices (in graph.ops) of the ops whose outputs this op reads; empty for the model's input. */
  readonly producers: readonly number[];
  /**
   * How long each tensor must stay on chip to be found there (graph/liveness.ts), in elements: its producer's
   * output plus every output made between producer and this op; for the output, the longest such span to a
   * consumer. Absent: no producer (the model's input) or no consumer (its result), so the tensor is in DRAM.
   */
  readonly spans?: OperandSpans;
}

export interface OperandSpans {
  /** The same number for ops of one graph with equal spans: shapes group by it (a small integer keys fast). */
  readonly id: number;
  /** The input (a matmul's ifmap; a vector op's widest input); undefined without a producer. */
  readonly input: number | undefined;
  /** An activation filter (attention's K or V) from its producer. */
  readonly filter: number | undefined;
  /** Undefined without a consumer. Every field is always present, so that these records share one layout. */
  readonly output: number | undefined;
}

/**
 * One GEMM (or `batch` independent GEMMs of the same shape, e.g. one per attention head):
 * an m×k input (ifmap) times a k×n filter into an m×n output (ofmap).
 */
export interface MatmulOp extends OpCommon {
  readonly kind: "matmul";
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly batch: number;
  /** MACs of one execution: batch·m·k·n. */
  readonly macs: number;
  /** Whether the filter is a learned weight (projections) or an activation (attention K and V). */
  readonly filterIsWeight: boolean;
  /**
   * A GEMM with no producer or consumer in a model (a row of a SCALE-Sim topology): its input comes from DRAM
   * and its output goes there, whatever fits on chip.
   */
  readonly standalone?: boolean;
  /**
   * Grouped-query attention's score and value GEMMs: the distinct K (or V) matrices among the `batch` GEMMs,
   * each shared by batch / kvHeads query heads. Absent: every GEMM has its own filter.
   */
  readonly kvHeads?: number;
}

/** Non-MAC work (softmax, norms, activations, residual adds): elements × operations per element. */
export interface VectorOp extends OpCommon {
  readonly kind: "vector";
  /** Elements of the output tensor (and of each input tensor). */
  readonly elements: number;
  readonly opsPerElement: number;
  /** Tensors of `elements` each that the op reads: 2 for a residual add or a gate multiply, else 1. */
  readonly inputs: number;
  /**
   * Independent slices processed one after another (the heads of a softmax), so that on-chip fit is judged
   * per slice, at the same granularity as the per-head GEMMs around it.
   */
  readonly slices: number;
  /** Fused into the kernels around it (the component's fused_vector_ops): no launch of its own on a GPU. */
  readonly fused?: boolean;
}

export type Op = MatmulOp | VectorOp;

export interface ComponentInfo {
  readonly name: string;
  /** Where its own precisions are given (the model's line or the --set flag), when it states them. */
  readonly precisionWhere?: string;
  readonly phase: Phase;
  readonly steps: number;
  readonly instances: number;
  readonly layers: number;
  readonly embeddingParams: number;
}

export interface Graph {
  readonly model: string;
  /** Actions one inference yields (the model's chunk_actions), for the control loop. */
  readonly chunkActions?: number;
  /** Sequences one inference serves together (the model's batch); absent: 1. Every op already includes them. */
  readonly batch?: number;
  readonly components: readonly ComponentInfo[];
  readonly ops: readonly Op[];
}

/** Element counts of a matmul's three operands, over all `batch` GEMMs of one execution. */
export interface OperandElements {
  readonly ifmap: number;
  readonly filter: number;
  readonly ofmap: number;
}
