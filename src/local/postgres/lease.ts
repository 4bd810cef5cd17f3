// PGlite is one PostgreSQL session; the embedded server shares it between many connections by
// lending it to one connection at a time, first come first served, for as long as that connection
// has work in flight: an extended-protocol sequence up to its Sync, or a whole transaction block.

export class SessionLease {
  private holder: number | undefined;
  private readonly waiters: { id: number; answer: (granted: boolean) => void }[] = [];

  get heldBy(): number | undefined {
    return this.holder;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Resolves true once connection `id` holds the session (at once if it already does), or false
   * if the connection left the queue first (see forget).
   */
  acquire(id: number): Promise<boolean> {
    if (this.holder === id) return Promise.resolve(true);
    if (this.holder === undefined) {
      this.holder = id;
      return Promise.resolve(true);
    }
    return new Promise((answer) => this.waiters.push({ id, answer }));
  }

  /** Hands the session to the next waiter; a no-op for a connection that does not hold it. */
  release(id: number): void {
    if (this.holder !== id) return;
    const next = this.waiters.shift();
    this.holder = next?.id;
    next?.answer(true);
  }

  /** A departing connection leaves the queue: its pending acquire resolves false. */
  forget(id: number): void {
    const index = this.waiters.findIndex((w) => w.id === id);
    if (index >= 0) this.waiters.splice(index, 1)[0]!.answer(false);
  }
}
