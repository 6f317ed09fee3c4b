import { opBytes } from "../../graph/operands.js";
import type { Graph, Op } from "../../graph/types.js";
import { BYTES_PER_ELEMENT, type Precisions } from "../../hardware/precision.js";
import { toCsv } from "./format.js";
import { mergeRepeatedLayers, sameOpButLayer } from "./layer-runs.js";

/** One op as `graph --format json` prints it: the op's fields plus its bytes at the chosen precision. */
export function opRecord(op: Op, precisions: Precisions) {
  const bytes = opBytes(op, precisions);
  const shape =
    op.kind === "matmul"
      ? {
          m: op.m,
          k: op.k,
          n: op.n,
          batch: op.batch,
          macs: op.macs,
          elements: 0,
          opsPerElement: 0,
          filterIsWeight: op.filterIsWeight,
          inputs: 0,
          slices: 0,
        }
      : {
          m: 0,
          k: 0,
          n: 0,
          batch: 0,
          macs: 0,
          elements: op.elements,
          opsPerElement: op.opsPerElement,
          filterIsWeight: false,
          inputs: op.inputs,
          slices: op.slices,
        };
  return {
    component: op.component,
    layer: op.layer,
    block: op.block,
    name: op.name,
    kind: op.kind,
    phase: op.phase,
    count: op.count,
    ...shape,
    ...bytes,
  };
}

/** One record per op, identical consecutive layers merged past MAX_OP_ROWS ops (`layerCount`, see layer-runs). */
function graphRecords(graph: Graph, precisions: Precisions) {
  const { rows, merged } = mergeRepeatedLayers(graph.ops, (op) => op, sameOpButLayer);
  return { merged, records: rows.map(({ item, layerCount }) => ({ ...opRecord(item, precisions), layerCount })) };
}

/**
 * The graph as JSON. Unless layers were merged, each op also has its `id` (its place in `ops`) and the ids of
 * the ops whose outputs it reads (`producers`): the edges a system's transfers follow.
 */
export function graphJson(graph: Graph, precisions: Precisions): string {
  const { merged, records } = graphRecords(graph, precisions);
  const bytesPerElement = BYTES_PER_ELEMENT[precisions.precision];
  const ops = merged ? records : records.map((r, id) => ({ id, ...r, producers: graph.ops[id]!.producers }));
  return JSON.stringify({ model: graph.model, bytesPerElement, opsMerged: merged, ops }, null, 2);
}

export function graphCsv(graph: Graph, precisions: Precisions): string {
  const { records } = graphRecords(graph, precisions);
  if (records.length === 0) return "";
  const headers = Object.keys(records[0]!);
  return toCsv(
    headers,
    records.map((r) => Object.values(r) as (string | number | boolean)[]),
  );
}

/** A unique SCALE-Sim layer name for an op: component, layer and op name. */
export function scalesimLayerName(op: Op): string {
  return `${op.component}_L${op.layer}_${op.name}`;
}

/**
 * SCALE-Sim's GEMM topology format (`Layer, M, N, K,` with a trailing comma), one row per GEMM of the
 * inference. SCALE-Sim has no batch or count column, so a batched op (attention, one GEMM per head) becomes
 * one row per head (`…_h0`, `…_h1`, …) and an op run several times (per camera, per diffusion step) one row
 * per run (`…_r0`, `…_r1`, …).
 */
export function graphScaleSim(graph: Graph): string {
  const rows: string[] = ["Layer, M, N, K,"];
  for (const op of graph.ops) {
    if (op.kind !== "matmul") continue;
    // Every execution (each camera, each diffusion step) and every head is a row: SCALE-Sim then runs the
    // whole inference, and its cycles add up to the inference's.
    for (let run = 0; run < op.count; run++) {
      const name = op.count === 1 ? scalesimLayerName(op) : `${scalesimLayerName(op)}_r${run}`;
      if (op.batch === 1) rows.push(`${name}, ${op.m}, ${op.n}, ${op.k},`);
      else for (let h = 0; h < op.batch; h++) rows.push(`${name}_h${h}, ${op.m}, ${op.n}, ${op.k},`);
    }
  }
  return rows.join("\n") + "\n";
}
