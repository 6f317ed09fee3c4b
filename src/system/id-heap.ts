/**
 * Binary min-heaps for the scheduler: ready items by id (ids are numbered in priority order), and running
 * items by the time they end (ties by id). Both give the same answer on every run: equal keys never fall
 * back to insertion order.
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

export class TimedHeap {
  private ids: number[] = [];
  private times: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** The earliest end; only when size > 0. */
  peekTime(): number {
    return this.times[0]!;
  }

  push(time: number, id: number): void {
    const { ids, times } = this;
    let i = ids.length;
    ids.push(id);
    times.push(time);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! < time || (times[parent] === time && ids[parent]! < id)) break;
      ids[i] = ids[parent]!;
      times[i] = times[parent]!;
      i = parent;
    }
    ids[i] = id;
    times[i] = time;
  }

  pop(): number {
    const { ids, times } = this;
    const top = ids[0]!;
    const lastId = ids.pop()!;
    const lastTime = times.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const right = child + 1;
        if (right < n && (times[right]! < times[child]! || (times[right] === times[child] && ids[right]! < ids[child]!))) child = right;
        if (lastTime < times[child]! || (lastTime === times[child] && lastId < ids[child]!)) break;
        ids[i] = ids[child]!;
        times[i] = times[child]!;
        i = child;
      }
      ids[i] = lastId;
      times[i] = lastTime;
    }
    return top;
  }
}
