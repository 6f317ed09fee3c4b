/**
 * The scheduler's ready queues, one binary min-heap of item ids per resource, all in one typed array: ids are
 * numbered in priority order (inference, then execution order), so the smallest id is the item to start, on
 * every run alike. A resource's heap never holds more than its items of the inferences in flight.
 */
export class ReadyQueues {
  private readonly heap: Int32Array;
  private readonly base: Int32Array;
  private readonly count: Int32Array;

  /** `capacity[r]`: the most ids resource r may hold at once. */
  constructor(capacity: Int32Array) {
    this.base = new Int32Array(capacity.length);
    let total = 0;
    for (let r = 0; r < capacity.length; r++) {
      this.base[r] = total;
      total += capacity[r]!;
    }
    this.heap = new Int32Array(total);
    this.count = new Int32Array(capacity.length);
  }

  size(r: number): number {
    return this.count[r]!;
  }

  push(r: number, id: number): void {
    const heap = this.heap;
    const base = this.base[r]!;
    let i = this.count[r]!;
    this.count[r] = i + 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[base + parent]!;
      if (above <= id) break;
      heap[base + i] = above;
      i = parent;
    }
    heap[base + i] = id;
  }

  /** The smallest id, removed; only when size(r) > 0. */
  pop(r: number): number {
    const heap = this.heap;
    const base = this.base[r]!;
    const top = heap[base]!;
    const n = this.count[r]! - 1;
    this.count[r] = n;
    if (n > 0) {
      const last = heap[base + n]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && heap[base + child + 1]! < heap[base + child]!) child++;
        const below = heap[base + child]!;
        if (below >= last) break;
        heap[base + i] = below;
        i = child;
      }
      heap[base + i] = last;
    }
    return top;
  }
}
