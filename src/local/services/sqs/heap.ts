// A binary min-heap keyed by a deadline: the messages waiting for their delay or visibility
// timeout to end, so the earliest one is found in O(1) and promoted in O(log n).

export interface HeapEntry<T> {
  at: number;
  item: T;
  /** The item's generation when pushed: a later change makes this entry stale. */
  gen: number;
}

export class DeadlineHeap<T> {
  private entries: HeapEntry<T>[] = [];

  get size(): number {
    return this.entries.length;
  }

  peek(): HeapEntry<T> | undefined {
    return this.entries[0];
  }

  push(entry: HeapEntry<T>): void {
    const a = this.entries;
    a.push(entry);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].at <= a[i].at) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }

  pop(): HeapEntry<T> | undefined {
    const a = this.entries;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].at < a[m].at) m = l;
        if (r < a.length && a[r].at < a[m].at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }

  /** Rebuilds the heap from only the entries `keep` accepts (drops stale ones). */
  compact(keep: (entry: HeapEntry<T>) => boolean): void {
    const live = this.entries.filter(keep);
    this.entries = [];
    for (const e of live) this.push(e);
  }

  clear(): void {
    this.entries = [];
  }
}
