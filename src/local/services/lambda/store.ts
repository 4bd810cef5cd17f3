// The functions of the local Lambda, rebuilt from the journal: each mutation commits the whole
// function record (small JSON), so replay is a plain put/delete and never half-applies a change.

import type { Cloud } from '../../cloud.js';
import type { Durable } from '../../persistence/journal.js';
import type { FunctionState } from './model.js';

export class FunctionStore implements Durable {
  readonly name = 'lambda';
  private readonly functions = new Map<string, FunctionState>();

  apply(type: string, data: unknown): void {
    switch (type) {
      case 'put': {
        const fn = (data as { fn: FunctionState }).fn;
        this.functions.set(fn.name, fn);
        break;
      }
      case 'delete':
        this.functions.delete((data as { name: string }).name);
        break;
    }
  }

  snapshot(): unknown {
    return { functions: [...this.functions.values()] };
  }

  restore(snapshot: unknown): void {
    this.functions.clear();
    for (const fn of (snapshot as { functions?: FunctionState[] }).functions ?? [])
      this.functions.set(fn.name, fn);
  }

  get(name: string): FunctionState | undefined {
    return this.functions.get(name);
  }

  all(): FunctionState[] {
    return [...this.functions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** A deep copy to mutate and commit: stored records are never edited in place. */
  draft(fn: FunctionState): FunctionState {
    return structuredClone(fn);
  }

  put(cloud: Cloud, fn: FunctionState): Promise<void> {
    return cloud.persistence.commit(this.name, 'put', { fn });
  }

  delete(cloud: Cloud, name: string): Promise<void> {
    return cloud.persistence.commit(this.name, 'delete', { name });
  }
}
