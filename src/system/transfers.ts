import { opLabel } from "../graph/instances.js";
import type { Graph } from "../graph/types.js";
import { transferSeconds } from "./links.js";
import { layoutOf, resourceKind } from "./resources.js";
import type { ScheduledItem } from "./scheduled-item.js";
import type { System } from "../hardware/system.js";

/** Tensors that cross a link in one inference, grouped by what crosses (op name across layers) and where. */
export interface TransferRecord {
  readonly from: string;
  readonly to: string;
  /** The producing component and op, e.g. vlm_backbone.mlp_residual. */
  readonly tensor: string;
  /** Bytes of one crossing, at the producer's precision. */
  readonly bytes: number;
  /** Crossings per inference (layers × executions). */
  readonly count: number;
  /** The link it crosses, e.g. "host ↔ xattn". */
  readonly link: string;
  /** One crossing: the link's latency + bytes / bandwidth. */
  readonly msEach: number;
  /** Link time of all of them: count × msEach. */
  readonly ms: number;
}

export function transferRecords(
  graph: Graph,
  items: readonly ScheduledItem[],
  unitOf: Int32Array,
  system: System,
): TransferRecord[] {
  const groups = new Map<
    string,
    { from: string; to: string; tensor: string; bytes: number; count: number; link: string; msEach: number; ms: number }
  >();
  const layout = layoutOf(system);
  for (const item of items) {
    if (!item.transfer) continue;
    const op = graph.ops[item.op]!;
    const where = resourceKind(layout, item.resource);
    const link = system.links[where.kind === "link" ? where.link : -1]!;
    const from = system.units[unitOf[item.op]!]!.name;
    const to = link.between[0] === from ? link.between[1] : link.between[0];
    const tensor = opLabel(op);
    const key = `${from}\u0000${to}\u0000${tensor}\u0000${item.bytes}`;
    const msEach = transferSeconds(link, item.bytes) * 1e3;
    const group = groups.get(key) ?? {
      from,
      to,
      tensor,
      bytes: item.bytes,
      count: 0,
      link: link.between.join(" ↔ "),
      msEach,
      ms: 0,
    };
    group.count++;
    group.ms += (item.end - item.start) * 1e3;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.ms - a.ms);
}
