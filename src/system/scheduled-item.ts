import { MEMORY_ITEM, TRANSFER_ITEM } from "./schedule-items.js";
import type { Schedule } from "./schedule.js";

/** One op execution or transfer of a schedule, as timelines, traces and transfer tables read it. */
export interface ScheduledItem {
  /** A unit, a link direction or a shared memory, numbered as system/resources.ts numbers them. */
  readonly resource: number;
  /** Seconds from the first observation. */
  readonly start: number;
  readonly end: number;
  /** The op, or for a transfer the op whose output crosses. */
  readonly op: number;
  readonly execution: number;
  readonly transfer: boolean;
  /** A DRAM stream from a shared memory (the memory is the resource; `op` the op it feeds). */
  readonly memory: boolean;
  /** What the item waited for last (index in the same list), −1 for none. */
  readonly pred: number;
  readonly bytes: number;
  /** Which inference (0, 1, …) when several are scheduled back to back. */
  readonly inference: number;
}

export function scheduledItems(schedule: Schedule): ScheduledItem[] {
  const { items, start, end, pred } = schedule;
  const list: ScheduledItem[] = new Array<ScheduledItem>(end.length);
  for (let id = 0; id < end.length; id++) {
    const i = id % items.size;
    list[id] = {
      resource: items.resource[i]!,
      start: start[id]!,
      end: end[id]!,
      op: items.op[i]!,
      execution: items.execution[i]!,
      transfer: items.transfer[i] === TRANSFER_ITEM,
      memory: items.transfer[i] === MEMORY_ITEM,
      pred: pred[id]!,
      bytes: items.bytes[i]!,
      inference: Math.floor(id / items.size),
    };
  }
  return list;
}
