/**
 * A binary min-heap of item ids, the scheduler's ready queue of one resource: ids are numbered in priority
 * order (inference, then execution order), so the smallest id is the item to start, on every run alike.
 */
export class IdHeap {
  private ids: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  push(id: number): void {
    const ids = this.ids;
    let i = ids.length;
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = ids[parent]!;
      if (above <= id) break;
      ids[i] = above;
      i = parent;
    }
    ids[i] = id;
  }

  pop(): number {
    const ids = this.ids;
    const top = ids[0]!;
    const last = ids.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && ids[child + 1]! < ids[child]!) child++;
        if (ids[child]! >= last) break;
        ids[i] = ids[child]!;
        i = child;
      }
      ids[i] = last;
    }
    return top;
  }
}
