import { operandElements, opBytes } from "../graph/operands.js";
import { FILTER_ON_CHIP, INPUT_ON_CHIP, onChipMask, OUTPUT_ON_CHIP } from "./on-chip.js";
import type { Op } from "../graph/types.js";
import type { Target } from "../hardware/types.js";
import { dramCyclesOf, idealMacCycles, vectorCycles } from "./timing.js";
import { flatCost } from "./flat-cost.js";
import type { OpCost, RooflineCost } from "./types.js";

/**
 * The on-chip rule the detailed model applied to an op, which the roofline's compulsory traffic follows so that
 * it stays a bound: whether the op's weights stay in SRAM across its executions (residency.ts).
 */
export interface RooflineRule {
  readonly weightsResident: boolean;
}

const STREAMED: RooflineRule = { weightsResident: false };

/**
 * The ideal bound (Williams et al., "Roofline", CACM 2009): compute time at peak MACs/s against the time to
 * move the op's compulsory DRAM bytes at full bandwidth, in whole cycles.
 *
 * Compulsory bytes follow the same on-chip rule as the detailed model, with the most generous buffer, so the
 * roofline never exceeds it (a property test holds this for every op of every shipped model and target):
 * - on a systolic target, an activation (input, output, or attention's K/V) one GEMM slice of which fits a third
 *   of the whole SRAM is on chip and moves nothing; a larger one crosses DRAM once per execution. Weights cross
 *   once per execution, or once per inference when they stay resident. A vector op's tensors move nothing when
 *   one slice fits a third of the SRAM, else every input and the output once.
 * - a GPU's L2 is a cache, so every operand crosses DRAM once per execution (K and V once per key/value head).
 * Intensity is MACs per compulsory byte: the one intensity of an op, on the roofline charts and in ops.csv.
 */
export function rooflineCost(op: Op, target: Target, rule: RooflineRule = STREAMED): RooflineCost {
  // Step 1: compute cycles at peak (matmuls on the arrays, vector ops on the lanes).
  const computeCycles = op.kind === "matmul" ? idealMacCycles(op, target) : op.count * vectorCycles(op, target);
  // Step 2: compulsory DRAM bytes under the target's on-chip rule, and their cycles at full bandwidth.
  const bytes = compulsoryBytes(op, target, rule);
  const dramCycles = dramCyclesOf(bytes, target);
  const cycles = Math.max(computeCycles, dramCycles);
  const macs = op.kind === "matmul" ? op.macs * op.count : 0;
  return {
    computeCycles,
    dramCycles,
    cycles,
    seconds: cycles / target.clockHz,
    intensity: macs > 0 && bytes > 0 ? macs / bytes : null,
    bytes,
    bound: dramCycles > computeCycles ? "dram" : op.kind === "vector" ? "vector" : "compute",
  };
}

function compulsoryBytes(op: Op, target: Target, rule: RooflineRule): number {
  const bpe = target.bytesPerElement;
  const once = opBytes(op, target);
  if (target.gpu !== undefined) return op.count * (once.weightBytes + once.inputBytes + once.outputBytes);
  // The cycle model's own rule (on-chip.ts), with the whole SRAM as the buffer.
  const mask = onChipMask(op, bpe, target.sramBytes);
  const off = (bit: number, bytes: number) => ((mask & bit) === 0 ? bytes : 0);
  if (op.kind === "vector")
    return op.count * (off(INPUT_ON_CHIP, once.inputBytes) + off(OUTPUT_ON_CHIP, once.outputBytes));
  const e = operandElements(op);
  const activations =
    off(INPUT_ON_CHIP, e.ifmap * bpe) +
    off(OUTPUT_ON_CHIP, e.ofmap * bpe) +
    (op.filterIsWeight ? 0 : off(FILTER_ON_CHIP, e.filter * bpe));
  const weights = op.filterIsWeight ? once.weightBytes : 0;
  return op.count * activations + (rule.weightsResident ? weights : op.count * weights);
}

/** The roofline in the cycle model's record, for a roofline-only machine (`--cost-model roofline`). */
export function rooflineOpCost(op: Op, target: Target, rule: RooflineRule = STREAMED): OpCost {
  const r = rooflineCost(op, target, rule);
  return flatCost(op, target, {
    computeCycles: r.computeCycles,
    dramCycles: r.dramCycles,
    dramBytes: r.bytes,
    mappingEfficiency: op.kind === "matmul" ? 1 : 0,
  });
}
