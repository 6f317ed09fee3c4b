import type { Op, OperandSpans } from "./types.js";

/**
 * Where operands come from (docs/cost-model.md, "Where operands are"): a tensor is found on chip only if it
 * stayed there from its producer to its consumer, beside everything made in between. This pass measures that,
 * once per graph and independent of the target: for each op, the elements that must share the buffer for its
 * input (the producer's output plus every op's output in between, in execution order), for an activation
 * filter the same from its producer, and for its output the longest such span to any consumer. The cost
 * models compare spans with the buffer; a tensor with no producer or no consumer is in DRAM.
 */
export function withSpans(ops: readonly Op[]): Op[] {
  const produced = ops.map(outputElements);
  // before[i] = elements output by ops 0 … i−1, so ops p+1 … j−1 made before[j] − before[p + 1].
  const before = new Float64Array(ops.length + 1);
  for (let i = 0; i < ops.length; i++) before[i + 1] = before[i]! + produced[i]!;
  const span = (p: number, j: number) => produced[p]! + before[j]! - before[p + 1]!;
  const output = new Float64Array(ops.length);
  const consumed = new Uint8Array(ops.length);
  ops.forEach((op, j) => {
    for (const p of op.producers) {
      output[p] = Math.max(output[p]!, span(p, j));
      consumed[p] = 1;
    }
  });
  const ids = new Map<string, number>();
  return ops.map((op, j): Op => {
    const [first, second] = op.producers;
    const input =
      op.kind === "matmul"
        ? first === undefined
          ? undefined
          : span(first, j)
        : widest(op.producers, (p) => span(p, j));
    const filter = op.kind === "matmul" && !op.filterIsWeight && second !== undefined ? span(second, j) : undefined;
    const out = consumed[j] === 1 ? output[j]! : undefined;
    const key = `${input ?? "-"}/${filter ?? "-"}/${out ?? "-"}`;
    const id = ids.get(key) ?? ids.size;
    ids.set(key, id);
    const spans: OperandSpans = { id, input, filter, output: out };
    return withSpansField(op, spans);
  });
}

function widest(producers: readonly number[], span: (p: number) => number): number | undefined {
  return producers.length === 0 ? undefined : Math.max(...producers.map(span));
}

/** Elements of one execution's output. */
function outputElements(op: Op): number {
  return op.kind === "matmul" ? op.batch * op.m * op.n : op.elements;
}

/**
 * A copy of `op` with its spans, built field by field rather than spread: V8 gives spread copies of these
 * many-field records slow layouts, and the plan reads every op's fields (measured: planGraph of SmolVLA 1.2 ms
 * this way, 4.5–5.2 ms spread).
 */
function withSpansField(op: Op, spans: OperandSpans): Op {
  const source = op as unknown as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) copy[key] = source[key];
  copy.spans = spans;
  return copy as unknown as Op;
}
